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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.text;

/**
 * One Instagram {@code entry[].changes[]}: a comment on the business's media (a conversation of its own,
 * threaded by media id), a mention of the business elsewhere, story insights, or a messaging field
 * delivered in change form (as the dashboard's "Test" button does).
 */
final class InstagramChanges {

    /** Messaging fields whose change value has the same shape as a messaging item. */
    private static final Set<String> MESSAGING_FIELDS = Set.of("messages", "message_reactions", "message_edit",
            "messaging_postbacks", "messaging_seen", "messaging_referral");

    private InstagramChanges() {
    }

    static ParsedChange read(JsonNode change, String accountId, Instant entryTime, Route route) {
        String field = text(change, "field");
        String raw = MetaJson.raw(change);
        List<MetaEvent> events;
        try {
            events = events(field, child(change, "value"), accountId, entryTime, raw);
        } catch (RuntimeException unexpected) {
            events = List.of(new MetaEvent.Unsupported(field == null ? "change" : field,
                    "could not read this change: " + unexpected, null, raw));
        }
        return new ParsedChange(route, field, raw, events);
    }

    private static List<MetaEvent> events(String field, JsonNode value, String accountId, Instant entryTime, String raw) {
        if (field == null) {
            return List.of(new MetaEvent.Unsupported("change", "change without a field", null, raw));
        }
        if (!value.isObject()) {
            return List.of(new MetaEvent.Unsupported(field, "change without a value object", null, raw));
        }
        return switch (field) {
            case "comments", "live_comments" -> comment(value, accountId, entryTime, raw);
            case "mentions" -> mention(value, entryTime, raw);
            case "story_insights" -> List.of(storyInsights(value, entryTime));
            default -> MESSAGING_FIELDS.contains(field) && value.has("sender")
                    ? InstagramMessaging.events(value, accountId, entryTime, false)
                    : List.of(new MetaEvent.Unsupported(field, "field '" + field + "' is not handled", null, raw));
        };
    }

    /** The business's own comments (replies from the Instagram app) are OUTBOUND with no customer. */
    private static List<MetaEvent> comment(JsonNode value, String accountId, Instant entryTime, String raw) {
        String commentId = text(value, "id");
        if (commentId == null) {
            return List.of(new MetaEvent.Unsupported("comments", "comment without id", null, raw));
        }
        JsonNode from = child(value, "from");
        JsonNode media = child(value, "media");
        String authorId = text(from, "id");
        String mediaId = text(media, "id");
        String parentId = text(value, "parent_id");
        boolean ours = authorId != null && authorId.equals(accountId);
        Party customer = ours || authorId == null ? null : new Party(authorId, null, null, null, text(from, "username"));
        Instant timestamp = MetaJson.instant(value, "timestamp");
        MessageContent content = new MessageContent.Comment(commentId, text(value, "text"), mediaId,
                text(media, "media_product_type"), parentId, text(media, "ad_id"), text(media, "ad_title"));
        MessageContext context = parentId == null ? MessageContext.NONE
                : new MessageContext(parentId, null, false, false, null, null, null, null, null);
        return List.of(new MetaEvent.MessageReceived(commentId, timestamp != null ? timestamp : entryTime,
                ours ? Direction.OUTBOUND : Direction.INBOUND, customer, content, context, null, mediaId, false));
    }

    /**
     * The business was mentioned on someone else's media. Meta gives no author, so there is no customer;
     * the id is the comment id, or the media id for a mention in a caption.
     */
    private static List<MetaEvent> mention(JsonNode value, Instant entryTime, String raw) {
        String mediaId = text(value, "media_id");
        String commentId = text(value, "comment_id");
        String id = commentId != null ? commentId : mediaId;
        if (id == null) {
            return List.of(new MetaEvent.Unsupported("mentions", "mention without media_id or comment_id", null, raw));
        }
        return List.of(new MetaEvent.MessageReceived(id, entryTime, Direction.INBOUND, null,
                new MessageContent.Mention(mediaId, commentId), MessageContext.NONE, null, mediaId, false));
    }

    private static MetaEvent storyInsights(JsonNode value, Instant entryTime) {
        Map<String, String> attributes = MetaJson.flatten(value);
        String mediaId = text(value, "media_id");
        List<String> metrics = new ArrayList<>();
        attributes.forEach((name, number) -> {
            if (!"media_id".equals(name)) {
                metrics.add(MetaJson.words(name) + " " + number);
            }
        });
        return new MetaEvent.AccountNotice(MetaEvent.NoticeKind.STORY_INSIGHTS, mediaId, null,
                "Story " + mediaId + ": " + (metrics.isEmpty() ? "no metrics" : String.join(", ", metrics)) + ".",
                entryTime, attributes);
    }
}
