package id.orqestra.cloud.meta.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.meta.MetaEvent;
import id.orqestra.cloud.meta.MetaJson;
import id.orqestra.cloud.meta.Party;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.inbox.Referral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.elements;
import static id.orqestra.cloud.meta.MetaJson.nonBlank;
import static id.orqestra.cloud.meta.MetaJson.text;

/**
 * The value of a conversation change ({@code messages}, {@code smb_message_echoes},
 * {@code user_preferences}): customer messages, the business's own echoes, marketing preferences,
 * delivery statuses and value-level errors. Each item is read under its own guard.
 * <p>
 * A message id seen twice in one change (Meta does this) is emitted once: the first copy wins.
 */
final class WhatsAppConversation {

    private WhatsAppConversation() {
    }

    static List<MetaEvent> read(String field, JsonNode value, String errorSubject, Instant entryTime) {
        List<JsonNode> contacts = elements(value, "contacts");
        List<JsonNode> valueErrors = elements(value, "errors");
        List<MetaEvent> out = new ArrayList<>();
        Set<String> seenMessageIds = new HashSet<>();

        for (JsonNode message : elements(value, "messages")) {
            if (firstSighting(seenMessageIds, message)) {
                guarded(out, field, message, () -> message(message, Direction.INBOUND, sender(message, contacts), valueErrors));
            }
        }
        for (JsonNode echo : elements(value, "message_echoes")) {
            if (firstSighting(seenMessageIds, echo)) {
                guarded(out, field, echo, () -> message(echo, Direction.OUTBOUND, recipient(echo, contacts), List.of()));
            }
        }
        for (JsonNode preference : elements(value, "user_preferences")) {
            guarded(out, field, preference, () -> preference(preference, contacts));
        }
        for (JsonNode status : elements(value, "statuses")) {
            guarded(out, field, status, () -> status(status));
        }
        for (JsonNode error : valueErrors) {
            guarded(out, field, error, () -> webhookError(error, errorSubject, entryTime));
        }
        return out;
    }

    private static boolean firstSighting(Set<String> seen, JsonNode message) {
        String id = text(message, "id");
        return id == null || seen.add(id);
    }

    private static void guarded(List<MetaEvent> out, String kind, JsonNode item, Supplier<MetaEvent> reader) {
        try {
            out.add(reader.get());
        } catch (RuntimeException unexpected) {
            out.add(new MetaEvent.Unsupported(kind, "could not read this item: " + unexpected, null, MetaJson.raw(item)));
        }
    }

    // ---- messages ------------------------------------------------------------------------------

    /** A customer message, or an echo of one the business sent from its own WhatsApp app. */
    private static MetaEvent message(JsonNode message, Direction direction, Party customer, List<JsonNode> valueErrors) {
        String id = text(message, "id");
        Instant timestamp = MetaJson.instant(message, "timestamp");
        String type = text(message, "type");
        if (type == null) {
            type = "";
        }
        switch (type) {
            case "reaction" -> {
                JsonNode reaction = child(message, "reaction");
                String target = text(reaction, "message_id");
                if (target == null) {
                    return missing("messages", "reaction without message_id", message);
                }
                // Meta signals removal by leaving the emoji out or sending "".
                return new MetaEvent.ReactionChanged(id, target, nonBlank(reaction, "emoji"), timestamp, direction, customer);
            }
            case "edit" -> {
                JsonNode edit = child(message, "edit");
                String target = text(edit, "original_message_id");
                if (target == null) {
                    return missing("messages", "edit without original_message_id", message);
                }
                JsonNode edited = child(edit, "message");
                return new MetaEvent.MessageEdited(id, target,
                        WhatsAppContent.read(edited, errors(edited, valueErrors)), timestamp, customer);
            }
            case "revoke" -> {
                String target = text(child(message, "revoke"), "original_message_id");
                if (target == null) {
                    return missing("messages", "revoke without original_message_id", message);
                }
                return new MetaEvent.MessageDeleted(target, timestamp, customer);
            }
            default -> {
                if (id == null) {
                    return missing("messages", "message without id", message);
                }
                return new MetaEvent.MessageReceived(id, timestamp, direction, customer,
                        WhatsAppContent.read(message, errors(message, valueErrors)), context(message),
                        referral(child(message, "referral")), null, false);
            }
        }
    }

    private static MetaEvent missing(String kind, String reason, JsonNode item) {
        return new MetaEvent.Unsupported(kind, reason, null, MetaJson.raw(item));
    }

    /** The message's own errors, else the change's (Meta puts them at value level for a body it cannot render). */
    private static List<JsonNode> errors(JsonNode message, List<JsonNode> valueErrors) {
        List<JsonNode> own = elements(message, "errors");
        return own.isEmpty() ? valueErrors : own;
    }

    private static MessageContext context(JsonNode message) {
        JsonNode context = child(message, "context");
        String groupId = text(message, "group_id");
        if (MetaJson.absent(context) && groupId == null) {
            return MessageContext.NONE;
        }
        JsonNode product = child(context, "referred_product");
        return new MessageContext(text(context, "id"), text(context, "from"),
                MetaJson.flag(context, "forwarded"), MetaJson.flag(context, "frequently_forwarded"),
                text(product, "catalog_id"), text(product, "product_retailer_id"), null, null, groupId);
    }

    /** A click-to-WhatsApp ad or post that opened the chat. */
    private static Referral referral(JsonNode referral) {
        if (!referral.isObject()) {
            return null;
        }
        return new Referral(text(referral, "source_type"), text(referral, "source_id"), text(referral, "source_url"),
                text(referral, "headline"), text(referral, "body"), text(referral, "media_type"),
                text(referral, "image_url"), text(referral, "video_url"), text(referral, "thumbnail_url"),
                text(referral, "ctwa_clid"), null, null, text(child(referral, "welcome_message"), "text"));
    }

    // ---- who -----------------------------------------------------------------------------------

    private static Party sender(JsonNode message, List<JsonNode> contacts) {
        return party(text(message, "from"), text(message, "from_user_id"), text(message, "from_parent_user_id"), contacts);
    }

    /** For an echo the customer is the one it was sent {@code to}. */
    private static Party recipient(JsonNode echo, List<JsonNode> contacts) {
        return party(text(echo, "to"), text(echo, "to_user_id"), text(echo, "to_parent_user_id"), contacts);
    }

    /**
     * The customer with the name and username of the matching {@code contacts[]} entry. The wa_id is
     * kept exactly as Meta sent it: replies must go to that form, whatever it looks like.
     */
    private static Party party(String waId, String userId, String parentUserId, List<JsonNode> contacts) {
        JsonNode contact = null;
        for (JsonNode candidate : contacts) {
            String candidateWaId = text(candidate, "wa_id");
            String candidateUserId = text(candidate, "user_id");
            if ((waId != null && waId.equals(candidateWaId)) || (userId != null && userId.equals(candidateUserId))) {
                contact = candidate;
                break;
            }
        }
        if (contact != null) {
            userId = userId != null ? userId : text(contact, "user_id");
            parentUserId = parentUserId != null ? parentUserId : text(contact, "parent_user_id");
        }
        if (waId == null && userId == null) {
            return null;
        }
        JsonNode profile = child(contact, "profile");
        return new Party(waId, userId, parentUserId, text(profile, "name"), text(profile, "username"));
    }

    // ---- preferences, statuses, errors ---------------------------------------------------------

    private static MetaEvent preference(JsonNode preference, List<JsonNode> contacts) {
        Party customer = party(text(preference, "wa_id"), text(preference, "user_id"),
                text(preference, "parent_user_id"), contacts);
        if (customer == null) {
            return missing("user_preferences", "preference without wa_id or user_id", preference);
        }
        return new MetaEvent.ContactPreferenceChanged(customer, text(preference, "category"), text(preference, "value"),
                text(preference, "detail"), MetaJson.instant(preference, "timestamp"));
    }

    private static MetaEvent status(JsonNode status) {
        String word = text(status, "status");
        MessageStatus parsed = MessageStatus.fromMeta(word);
        if (parsed == null) {
            return missing("status", "status '" + word + "' is not known", status);
        }
        String id = text(status, "id");
        if (id == null) {
            return missing("status", "status without message id", status);
        }
        List<MetaError> errors = elements(status, "errors").stream().map(WhatsAppConversation::metaError).toList();
        return new MetaEvent.StatusChanged(id, parsed, MetaJson.instant(status, "timestamp"), text(status, "recipient_id"),
                errors, text(child(status, "pricing"), "category"),
                text(child(child(status, "conversation"), "origin"), "type"), text(status, "biz_opaque_callback_data"));
    }

    static MetaError metaError(JsonNode error) {
        String details = text(child(error, "error_data"), "details");
        return new MetaError(MetaJson.integer(error, "code"), text(error, "title"), text(error, "message"),
                details != null ? details : text(error, "details"), text(error, "href"));
    }

    /** An error Meta reports about the change itself rather than a message (rate limits, auth problems). */
    private static MetaEvent webhookError(JsonNode error, String subject, Instant entryTime) {
        MetaError parsed = metaError(error);
        String code = parsed.code() == null ? null : parsed.code().toString();
        StringBuilder summary = new StringBuilder("Meta reported an error");
        if (code != null) {
            summary.append(' ').append(code);
        }
        if (parsed.title() != null) {
            summary.append(" (").append(parsed.title()).append(')');
        }
        String detail = parsed.bestText();
        if (detail != null && !detail.equals(parsed.title())) {
            summary.append(": ").append(detail);
        }
        summary.append('.');
        Map<String, String> attributes = MetaJson.flatten(error);
        return new MetaEvent.AccountNotice(MetaEvent.NoticeKind.WEBHOOK_ERROR, subject, code, summary.toString(),
                entryTime, attributes);
    }
}
