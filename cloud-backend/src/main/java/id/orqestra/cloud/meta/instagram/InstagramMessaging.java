package id.orqestra.cloud.meta.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaEvent;
import id.orqestra.cloud.meta.MetaJson;
import id.orqestra.cloud.meta.ParsedChange;
import id.orqestra.cloud.meta.Party;
import id.orqestra.cloud.meta.Route;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.Referral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.nonBlank;
import static id.orqestra.cloud.meta.MetaJson.text;

/**
 * One Instagram messaging (or standby) item: a message, an echo of one the business sent from the
 * Instagram app, an unsend, a reaction, an edit, a postback, a read receipt or a referral.
 * <p>
 * The business's own side is {@code entry.id}: a message is OUTBOUND when Meta flags it
 * {@code is_echo} or its sender is that account, and the customer is then the other party.
 */
final class InstagramMessaging {

    /** Prefix of the id given to a postback Meta sent without a mid; see {@link #postbackId}. */
    static final String DERIVED_POSTBACK_PREFIX = "ig-postback-";

    private InstagramMessaging() {
    }

    static ParsedChange read(JsonNode item, String accountId, Instant entryTime, Route route, boolean standby) {
        String raw = MetaJson.raw(item);
        String field = standby ? "standby" : fieldOf(item);
        List<MetaEvent> events;
        try {
            events = events(item, accountId, entryTime, standby);
        } catch (RuntimeException unexpected) {
            events = List.of(new MetaEvent.Unsupported(field, "could not read this item: " + unexpected, null, raw));
        }
        return new ParsedChange(route, field, raw, events);
    }

    /** The webhook field an item belongs to, named as in Meta's subscription list. */
    static String fieldOf(JsonNode item) {
        if (item.has("message")) {
            return "messages";
        }
        if (item.has("reaction")) {
            return "message_reactions";
        }
        if (item.has("message_edit")) {
            return "message_edit";
        }
        if (item.has("postback")) {
            return "messaging_postbacks";
        }
        if (item.has("read")) {
            return "messaging_seen";
        }
        if (item.has("referral")) {
            return "messaging_referral";
        }
        return "messaging";
    }

    static List<MetaEvent> events(JsonNode item, String accountId, Instant entryTime, boolean standby) {
        String sender = text(child(item, "sender"), "id");
        String recipient = text(child(item, "recipient"), "id");
        Instant timestamp = MetaJson.instant(item, "timestamp");
        if (timestamp == null) {
            timestamp = entryTime;
        }
        JsonNode message = child(item, "message");
        boolean outbound = MetaJson.flag(message, "is_echo") || (sender != null && sender.equals(accountId));
        // For an echo the customer is the recipient, unless Meta named the business there too.
        String customerId = outbound && recipient != null && !recipient.equals(accountId) ? recipient : sender;
        Party customer = customerId == null ? null : new Party(customerId, null, null, null, null);
        Direction direction = outbound ? Direction.OUTBOUND : Direction.INBOUND;
        String raw = MetaJson.raw(item);

        if (message.isObject()) {
            return message(message, timestamp, direction, customer, standby, raw);
        }
        JsonNode reaction = child(item, "reaction");
        if (reaction.isObject()) {
            String target = text(reaction, "mid");
            if (target == null) {
                return unsupported("message_reactions", "reaction without mid", raw);
            }
            String emoji = "unreact".equals(text(reaction, "action")) ? null
                    : nonBlank(reaction, "emoji") != null ? nonBlank(reaction, "emoji") : nonBlank(reaction, "reaction");
            return List.of(new MetaEvent.ReactionChanged(null, target, emoji, timestamp, direction, customer));
        }
        JsonNode edit = child(item, "message_edit");
        if (edit.isObject()) {
            String target = text(edit, "mid");
            if (target == null) {
                return unsupported("message_edit", "edit without mid", raw);
            }
            String count = text(edit, "num_edit");
            return List.of(new MetaEvent.MessageEdited(count == null ? null : target + "#edit-" + count, target,
                    new MessageContent.Text(text(edit, "text")), timestamp, customer));
        }
        JsonNode postback = child(item, "postback");
        if (postback.isObject()) {
            String mid = text(postback, "mid");
            String id = mid != null ? mid : postbackId(sender, text(item, "timestamp"), text(postback, "payload"));
            return List.of(new MetaEvent.MessageReceived(id, timestamp, direction, customer,
                    new MessageContent.Postback(text(postback, "title"), text(postback, "payload")),
                    MessageContext.NONE, referral(child(postback, "referral")), null, standby));
        }
        JsonNode read = child(item, "read");
        if (read.isObject()) {
            return List.of(new MetaEvent.ConversationRead(text(read, "mid"), timestamp, customer));
        }
        JsonNode referral = child(item, "referral");
        if (referral.isObject()) {
            return List.of(new MetaEvent.ReferralReceived(customer, referral(referral), timestamp));
        }
        return unsupported(fieldOf(item), "messaging item of a kind this version does not know", raw);
    }

    /**
     * Icebreaker and "Get started" postbacks may come without a mid. The id is derived from what the
     * delivery says (sender, timestamp as sent, payload), so Meta's retries of it collapse in the store.
     */
    static String postbackId(String sender, String timestamp, String payload) {
        return DERIVED_POSTBACK_PREFIX + MetaJson.stableId(sender, timestamp, payload);
    }

    private static List<MetaEvent> message(JsonNode message, Instant timestamp, Direction direction, Party customer,
                                           boolean standby, String raw) {
        String mid = text(message, "mid");
        if (mid == null) {
            return unsupported("messages", "message without mid", raw);
        }
        if (MetaJson.flag(message, "is_deleted")) {
            return List.of(new MetaEvent.MessageDeleted(mid, timestamp, customer));
        }
        MessageContext context = context(message);
        Referral referral = referral(child(message, "referral"));
        List<MessageContent> contents = InstagramContent.read(message);
        List<MetaEvent> out = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            // Several attachments in one message: the first keeps the mid (reactions and replies point at
            // it); the others get a stable suffix so none is lost and replays still dedupe.
            String id = i == 0 ? mid : mid + "#" + i;
            out.add(new MetaEvent.MessageReceived(id, timestamp, direction, customer, contents.get(i), context,
                    i == 0 ? referral : null, null, standby));
        }
        return out;
    }

    private static MessageContext context(JsonNode message) {
        JsonNode replyTo = child(message, "reply_to");
        if (!replyTo.isObject()) {
            return MessageContext.NONE;
        }
        JsonNode story = child(replyTo, "story");
        return new MessageContext(text(replyTo, "mid"), null, false, false, null, null,
                text(story, "id"), text(story, "url"), null);
    }

    /** An ad (source "ADS", with ad_id) or an ig.me link (source may be the link itself) that opened the thread. */
    static Referral referral(JsonNode referral) {
        if (!referral.isObject()) {
            return null;
        }
        String source = text(referral, "source");
        boolean sourceIsLink = source != null && source.startsWith("http");
        JsonNode ad = child(referral, "ads_context_data");
        return new Referral(sourceIsLink ? null : source, null, sourceIsLink ? source : null,
                text(ad, "ad_title"), null, null, text(ad, "photo_url"), text(ad, "video_url"), null, null,
                text(referral, "ref"), text(referral, "ad_id"), null);
    }

    private static List<MetaEvent> unsupported(String kind, String reason, String raw) {
        return List.of(new MetaEvent.Unsupported(kind, reason, null, raw));
    }
}
