package id.orqestra.cloud.meta.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.cloud.meta.MetaEvent.NoticeKind;
import id.orqestra.cloud.meta.Route;
import id.orqestra.cloud.meta.testing.Expectation.ExpectDeletion;
import id.orqestra.cloud.meta.testing.Expectation.ExpectEdit;
import id.orqestra.cloud.meta.testing.Expectation.ExpectMessage;
import id.orqestra.cloud.meta.testing.Expectation.ExpectNotice;
import id.orqestra.cloud.meta.testing.Expectation.ExpectPreference;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReaction;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRead;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReferral;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRoute;
import id.orqestra.cloud.meta.testing.Expectation.ExpectStatus;
import id.orqestra.cloud.meta.testing.Expectation.ExpectUnsupported;
import id.orqestra.cloud.meta.testing.OracleReading.ExpectedChange;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.Platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An independent reading of a Meta webhook body — plain JSON walking, written apart from the production
 * parser and never calling it — saying what an agent or admin should end up seeing. Used to check the
 * parser on every fixture, and reusable end to end: post the body, then check the stored rows or the API
 * against {@link #read}'s expectations.
 *
 * <pre>{@code
 * OracleReading reading = FixtureOracle.read(Platform.WHATSAPP, body);
 * for (ExpectMessage m : reading.all(ExpectMessage.class)) { ... look the message up by m.providerMessageId() ... }
 * }</pre>
 *
 * Rules shared with the product (decisions, not parsing): a message id repeated inside one change counts
 * once; an Instagram message with several attachments is one message per attachment, the first keeping
 * the mid and the n-th (n ≥ 1) getting {@code mid + "#" + n}; a "share" attachment duplicating an
 * "ig_post" of the same post is dropped; a postback without a mid gets the id {@code "ig-postback-"}
 * + the first 32 hex digits of SHA-256 over {@code sender + "|" + timestamp-as-sent + "|" + payload};
 * a mention's id is its comment id, else its media id.
 */
public final class FixtureOracle {

    /** Every value {@link ExpectMessage#contentKind()} can take. */
    public static final List<String> CONTENT_KINDS = List.of("text", "image", "audio", "voice", "video", "document",
            "sticker", "location", "contacts", "interactive_button", "interactive_list", "interactive_flow",
            "quick_reply", "template_button", "order", "share", "story_mention", "postback", "comment", "mention",
            "system", "template", "unsupported");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int FRAGMENT_LENGTH = 60;

    private FixtureOracle() {
    }

    /** The reading of {@code body} as posted to {@code endpoint}. Never throws on odd input. */
    public static OracleReading read(Platform endpoint, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (Exception notJson) {
            return new OracleReading(endpoint, "not JSON", List.of());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new OracleReading(endpoint, "empty", List.of());
        }
        if (!root.isObject()) {
            return nothingRoutable(endpoint, "body");
        }
        Platform platform = endpoint;
        JsonNode object = root.path("object");
        if (object.isTextual()) {
            String word = object.asText();
            if (word.equals("whatsapp_business_account")) {
                platform = Platform.WHATSAPP;
            } else if (word.equals("instagram") || word.equals("page")) {
                platform = Platform.INSTAGRAM;
            } else {
                return nothingRoutable(endpoint, "object");
            }
        }
        JsonNode entries = root.path("entry");
        List<ExpectedChange> changes = new ArrayList<>();
        if (!entries.isArray()) {
            boolean dashboardSample = root.path("field").isTextual() && !root.path("value").isMissingNode()
                    && !root.path("value").isNull();
            if (!dashboardSample) {
                return nothingRoutable(platform, "body");
            }
            ExpectRoute nowhere = new ExpectRoute(Route.Kind.NONE, null);
            changes.add(platform == Platform.WHATSAPP ? waChange(root, null, nowhere, true) : igChange(root, null, nowhere));
            return new OracleReading(platform, null, changes);
        }
        if (entries.isEmpty()) {
            return nothingRoutable(platform, "body");
        }
        for (JsonNode entry : entries) {
            if (platform == Platform.WHATSAPP) {
                waEntry(entry, changes);
            } else {
                igEntry(entry, changes);
            }
        }
        return new OracleReading(platform, null, changes);
    }

    /** {@link #read} flattened: each change's route followed by its expectations. */
    public static List<Expectation> expect(Platform endpoint, String body) {
        return read(endpoint, body).all();
    }

    private static OracleReading nothingRoutable(Platform platform, String kind) {
        return new OracleReading(platform, null, List.of(new ExpectedChange(new ExpectRoute(Route.Kind.NONE, null),
                null, List.of(new ExpectUnsupported(kind)))));
    }

    // ================================================================ WhatsApp

    private static void waEntry(JsonNode entry, List<ExpectedChange> out) {
        String wabaId = str(entry.path("id"));
        ExpectRoute wabaRoute = route(Route.Kind.WHATSAPP_BUSINESS_ACCOUNT, wabaId);
        JsonNode changes = entry.path("changes");
        if (!changes.isArray() || changes.isEmpty()) {
            out.add(new ExpectedChange(wabaRoute, null, List.of(new ExpectUnsupported("entry"))));
            return;
        }
        changes.forEach(change -> out.add(waChange(change, wabaId, wabaRoute, false)));
    }

    /** {@code dashboardSample}: a bare {field, value} names no account, whatever its metadata says. */
    private static ExpectedChange waChange(JsonNode change, String wabaId, ExpectRoute wabaRoute, boolean dashboardSample) {
        String field = str(change.path("field"));
        JsonNode value = change.path("value");
        String phoneNumberId = str(value.at("/metadata/phone_number_id"));
        ExpectRoute route = dashboardSample ? wabaRoute
                : phoneNumberId != null ? route(Route.Kind.WHATSAPP_PHONE_NUMBER, phoneNumberId) : wabaRoute;
        if (field == null) {
            return new ExpectedChange(route, null, List.of(new ExpectUnsupported("change")));
        }
        if (!value.isObject()) {
            return new ExpectedChange(route, field, List.of(new ExpectUnsupported(field)));
        }
        List<Expectation> found = switch (field) {
            case "messages", "smb_message_echoes", "user_preferences" ->
                    waConversation(field, value, phoneNumberId != null ? phoneNumberId : wabaId);
            case "message_template_status_update" -> notice(NoticeKind.TEMPLATE_STATUS, value, "message_template_id", "event");
            case "message_template_quality_update" -> notice(NoticeKind.TEMPLATE_QUALITY, value, "message_template_id", "new_quality_score");
            case "template_category_update" -> notice(NoticeKind.TEMPLATE_CATEGORY, value, "message_template_id", "new_category");
            case "phone_number_quality_update" -> notice(NoticeKind.PHONE_NUMBER_QUALITY, value, "display_phone_number", "event");
            case "phone_number_name_update" -> notice(NoticeKind.PHONE_NUMBER_NAME, value, "display_phone_number", "decision");
            case "account_update" -> List.of(new ExpectNotice(NoticeKind.ACCOUNT_UPDATE,
                    firstOf(str(value.at("/waba_info/waba_id")), wabaId), str(value.path("event"))));
            case "account_alerts" -> List.of(new ExpectNotice(NoticeKind.ACCOUNT_UPDATE,
                    firstOf(str(value.path("entity_id")), wabaId), str(value.at("/alert_info/alert_type"))));
            case "account_review_update" -> List.of(new ExpectNotice(NoticeKind.ACCOUNT_REVIEW, wabaId,
                    str(value.path("decision"))));
            case "business_capability_update" -> List.of(new ExpectNotice(NoticeKind.BUSINESS_CAPABILITY, wabaId, null));
            default -> List.of(new ExpectUnsupported(field));
        };
        return new ExpectedChange(route, field, found);
    }

    private static List<Expectation> notice(NoticeKind kind, JsonNode value, String subjectField, String statusField) {
        return List.of(new ExpectNotice(kind, str(value.path(subjectField)), str(value.path(statusField))));
    }

    private static List<Expectation> waConversation(String field, JsonNode value, String errorSubject) {
        List<Expectation> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode message : value.path("messages")) {
            String id = str(message.path("id"));
            if (id == null || ids.add(id)) {
                out.add(waMessage(field, message, Direction.INBOUND,
                        firstOf(str(message.path("from")), str(message.path("from_user_id")))));
            }
        }
        for (JsonNode echo : value.path("message_echoes")) {
            String id = str(echo.path("id"));
            if (id == null || ids.add(id)) {
                out.add(waMessage(field, echo, Direction.OUTBOUND,
                        firstOf(str(echo.path("to")), str(echo.path("to_user_id")))));
            }
        }
        for (JsonNode preference : value.path("user_preferences")) {
            String who = firstOf(str(preference.path("wa_id")), str(preference.path("user_id")));
            out.add(who == null ? new ExpectUnsupported("user_preferences")
                    : new ExpectPreference(who, str(preference.path("category")), str(preference.path("value"))));
        }
        for (JsonNode status : value.path("statuses")) {
            MessageStatus word = statusWord(str(status.path("status")));
            String id = str(status.path("id"));
            if (word == null || id == null) {
                out.add(new ExpectUnsupported("status"));
            } else {
                JsonNode code = status.at("/errors/0/code");
                out.add(new ExpectStatus(id, word, code.isMissingNode() || code.isNull() ? null : code.asInt()));
            }
        }
        for (JsonNode error : value.path("errors")) {
            out.add(new ExpectNotice(NoticeKind.WEBHOOK_ERROR, errorSubject, str(error.path("code"))));
        }
        if (out.isEmpty()) {
            out.add(new ExpectUnsupported(field));
        }
        return out;
    }

    private static MessageStatus statusWord(String word) {
        if (word == null) {
            return null;
        }
        return switch (word) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "played" -> MessageStatus.PLAYED;
            case "failed" -> MessageStatus.FAILED;
            case "deleted" -> MessageStatus.DELETED;
            default -> null;
        };
    }

    private static Expectation waMessage(String field, JsonNode message, Direction direction, String customerKey) {
        String type = str(message.path("type"));
        String id = str(message.path("id"));
        if ("reaction".equals(type)) {
            String target = str(message.at("/reaction/message_id"));
            if (target == null) {
                return new ExpectUnsupported("messages");
            }
            String emoji = str(message.at("/reaction/emoji"));
            return new ExpectReaction(target, emoji == null || emoji.isBlank() ? null : emoji, direction, customerKey);
        }
        if ("edit".equals(type)) {
            String target = str(message.at("/edit/original_message_id"));
            if (target == null) {
                return new ExpectUnsupported("messages");
            }
            JsonNode edited = message.at("/edit/message");
            return new ExpectEdit(target, waKind(edited), waFragment(edited));
        }
        if ("revoke".equals(type)) {
            String target = str(message.at("/revoke/original_message_id"));
            return target == null ? new ExpectUnsupported("messages") : new ExpectDeletion(target);
        }
        if (id == null) {
            return new ExpectUnsupported("messages");
        }
        String kind = waKind(message);
        boolean file = List.of("image", "audio", "voice", "video", "document", "sticker").contains(kind);
        JsonNode media = type == null ? message.path("") : message.path(type);
        return new ExpectMessage(id, direction, customerKey, kind, waFragment(message),
                file ? str(media.path("id")) : null, file ? str(media.path("mime_type")) : null,
                str(message.at("/context/id")), null);
    }

    /** The content kind an agent sees for a WhatsApp message body. */
    private static String waKind(JsonNode message) {
        String type = str(message.path("type"));
        if (type == null) {
            return "unsupported";
        }
        JsonNode body = message.path(type);
        return switch (type) {
            case "text", "image", "video", "document", "sticker", "location", "order", "system", "button" -> {
                if (!body.isObject()) {
                    yield "unsupported";
                }
                if (type.equals("location") && !(body.path("latitude").isNumber() && body.path("longitude").isNumber())) {
                    yield "unsupported";
                }
                yield type.equals("button") ? "template_button" : type;
            }
            case "audio" -> !body.isObject() ? "unsupported" : body.path("voice").asBoolean(false) ? "voice" : "audio";
            case "contacts" -> body.isArray() ? "contacts" : "unsupported";
            case "interactive" -> {
                String sub = str(body.path("type"));
                if (sub == null || !body.path(sub).isObject()) {
                    yield "unsupported";
                }
                yield switch (sub) {
                    case "button_reply" -> "interactive_button";
                    case "list_reply" -> "interactive_list";
                    case "nfm_reply" -> "interactive_flow";
                    default -> "unsupported";
                };
            }
            default -> "unsupported";
        };
    }

    private static String waFragment(JsonNode message) {
        String kind = waKind(message);
        String type = str(message.path("type"));
        JsonNode body = type == null ? message.path("") : message.path(type);
        return fragment(switch (kind) {
            case "text" -> str(body.path("body"));
            case "image", "video", "document", "sticker", "audio", "voice" ->
                    firstOf(str(body.path("caption")), str(body.path("filename")));
            case "location" -> firstOf(str(body.path("name")), str(body.path("address")));
            case "contacts" -> firstOf(str(body.at("/0/name/formatted_name")), str(body.at("/0/name/first_name")));
            case "interactive_button", "interactive_list" -> str(body.at("/" + str(body.path("type")) + "/title"));
            case "interactive_flow" -> str(body.at("/nfm_reply/body"));
            case "template_button" -> firstOf(str(body.path("text")), str(body.path("payload")));
            case "order" -> str(body.path("text"));
            case "system" -> str(body.path("body"));
            default -> null;
        });
    }

    // ================================================================ Instagram

    private static void igEntry(JsonNode entry, List<ExpectedChange> out) {
        String accountId = str(entry.path("id"));
        ExpectRoute route = route(Route.Kind.INSTAGRAM_ACCOUNT, accountId);
        int before = out.size();
        for (JsonNode item : entry.path("messaging")) {
            out.add(new ExpectedChange(route, igItemField(item), igItem(item, accountId)));
        }
        for (JsonNode item : entry.path("standby")) {
            out.add(new ExpectedChange(route, "standby", igItem(item, accountId)));
        }
        for (JsonNode change : entry.path("changes")) {
            out.add(igChange(change, accountId, route));
        }
        if (out.size() == before) {
            out.add(new ExpectedChange(route, null, List.of(new ExpectUnsupported("entry"))));
        }
    }

    private static String igItemField(JsonNode item) {
        for (String[] pair : new String[][]{{"message", "messages"}, {"reaction", "message_reactions"},
                {"message_edit", "message_edit"}, {"postback", "messaging_postbacks"}, {"read", "messaging_seen"},
                {"referral", "messaging_referral"}}) {
            if (item.has(pair[0])) {
                return pair[1];
            }
        }
        return "messaging";
    }

    private static List<Expectation> igItem(JsonNode item, String accountId) {
        String sender = str(item.at("/sender/id"));
        String recipient = str(item.at("/recipient/id"));
        JsonNode message = item.path("message");
        boolean business = message.path("is_echo").asBoolean(false) || (sender != null && sender.equals(accountId));
        Direction direction = business ? Direction.OUTBOUND : Direction.INBOUND;
        String customer = business && recipient != null && !recipient.equals(accountId) ? recipient : sender;

        if (message.isObject()) {
            String mid = str(message.path("mid"));
            if (mid == null) {
                return List.of(new ExpectUnsupported("messages"));
            }
            if (message.path("is_deleted").asBoolean(false)) {
                return List.of(new ExpectDeletion(mid));
            }
            String replyTo = str(message.at("/reply_to/mid"));
            List<String[]> parts = igParts(message);
            List<Expectation> out = new ArrayList<>();
            for (int n = 0; n < parts.size(); n++) {
                String[] part = parts.get(n);
                out.add(new ExpectMessage(n == 0 ? mid : mid + "#" + n, direction, customer, part[0], fragment(part[1]),
                        part[2], null, replyTo, null));
            }
            return out;
        }
        if (item.path("reaction").isObject()) {
            JsonNode reaction = item.path("reaction");
            String target = str(reaction.path("mid"));
            if (target == null) {
                return List.of(new ExpectUnsupported("message_reactions"));
            }
            String emoji = null;
            if (!"unreact".equals(str(reaction.path("action")))) {
                emoji = firstNonBlank(str(reaction.path("emoji")), str(reaction.path("reaction")));
            }
            return List.of(new ExpectReaction(target, emoji, direction, customer));
        }
        if (item.path("message_edit").isObject()) {
            String target = str(item.at("/message_edit/mid"));
            return List.of(target == null ? new ExpectUnsupported("message_edit")
                    : new ExpectEdit(target, "text", fragment(str(item.at("/message_edit/text")))));
        }
        if (item.path("postback").isObject()) {
            JsonNode postback = item.path("postback");
            String id = firstOf(str(postback.path("mid")),
                    "ig-postback-" + sha256Prefix(nz(sender) + "|" + nz(str(item.path("timestamp"))) + "|"
                            + nz(str(postback.path("payload")))));
            return List.of(new ExpectMessage(id, direction, customer, "postback", fragment(str(postback.path("title"))),
                    null, null, null, null));
        }
        if (item.path("read").isObject()) {
            return List.of(new ExpectRead(str(item.at("/read/mid")), customer));
        }
        if (item.path("referral").isObject()) {
            return List.of(new ExpectReferral(customer, str(item.at("/referral/ref")), str(item.at("/referral/ad_id"))));
        }
        return List.of(new ExpectUnsupported(igItemField(item)));
    }

    /** Each part of an Instagram message as {kind, text, mediaId}. */
    private static List<String[]> igParts(JsonNode message) {
        String text = str(message.path("text"));
        List<JsonNode> attachments = new ArrayList<>();
        message.path("attachments").forEach(attachments::add);
        Set<String> posts = new HashSet<>();
        attachments.stream().filter(a -> "ig_post".equals(str(a.path("type")))).forEach(a -> posts.add(postOf(a)));
        attachments.removeIf(a -> "share".equals(str(a.path("type"))) && posts.contains(postOf(a)));

        List<String[]> parts = new ArrayList<>();
        if (attachments.isEmpty()) {
            if (message.path("quick_reply").isObject()) {
                parts.add(new String[]{"quick_reply", text, null});
            } else if (text != null) {
                parts.add(new String[]{"text", text, null});
            } else {
                parts.add(new String[]{"unsupported", null, null});
            }
            return parts;
        }
        if (text != null) {
            parts.add(new String[]{"text", text, null});
        }
        for (JsonNode attachment : attachments) {
            JsonNode payload = attachment.path("payload");
            String type = nz(str(attachment.path("type")));
            parts.add(switch (type) {
                case "image", "video", "audio", "sticker" -> new String[]{type, null, null};
                case "file" -> new String[]{"document", null, null};
                case "like_heart" -> new String[]{"text", "❤️", null};
                case "share", "ig_post" -> new String[]{"share", str(payload.path("title")), str(payload.path("ig_post_media_id"))};
                case "ig_reel", "reel" -> new String[]{"share", str(payload.path("title")), str(payload.path("reel_video_id"))};
                case "fallback" -> new String[]{"share", str(payload.path("title")), null};
                case "story_mention" -> new String[]{"story_mention", null, null};
                default -> new String[]{"unsupported", null, null};
            });
        }
        return parts;
    }

    private static String postOf(JsonNode attachment) {
        return firstOf(str(attachment.at("/payload/ig_post_media_id")), nz(str(attachment.at("/payload/url"))));
    }

    private static ExpectedChange igChange(JsonNode change, String accountId, ExpectRoute route) {
        String field = str(change.path("field"));
        JsonNode value = change.path("value");
        if (field == null) {
            return new ExpectedChange(route, null, List.of(new ExpectUnsupported("change")));
        }
        if (!value.isObject()) {
            return new ExpectedChange(route, field, List.of(new ExpectUnsupported(field)));
        }
        List<Expectation> found;
        switch (field) {
            case "comments", "live_comments" -> {
                String id = str(value.path("id"));
                String author = str(value.at("/from/id"));
                String media = str(value.at("/media/id"));
                boolean business = author != null && author.equals(accountId);
                found = List.of(id == null ? new ExpectUnsupported("comments")
                        : new ExpectMessage(id, business ? Direction.OUTBOUND : Direction.INBOUND, business ? null : author,
                        "comment", fragment(str(value.path("text"))), media, null, str(value.path("parent_id")), media));
            }
            case "mentions" -> {
                String media = str(value.path("media_id"));
                String id = firstOf(str(value.path("comment_id")), media);
                found = List.of(id == null ? new ExpectUnsupported("mentions")
                        : new ExpectMessage(id, Direction.INBOUND, null, "mention", null, media, null, null, media));
            }
            case "story_insights" -> found = List.of(new ExpectNotice(NoticeKind.STORY_INSIGHTS, str(value.path("media_id")), null));
            case "messages", "message_reactions", "message_edit", "messaging_postbacks", "messaging_seen",
                 "messaging_referral" -> found = value.has("sender") ? igItem(value, accountId)
                    : List.of(new ExpectUnsupported(field));
            default -> found = List.of(new ExpectUnsupported(field));
        }
        return new ExpectedChange(route, field, found);
    }

    // ================================================================ helpers for checkers

    /** The {@link #CONTENT_KINDS} word for stored content, to compare with {@link ExpectMessage#contentKind()}. */
    public static String contentKind(MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> "text";
            case MessageContent.Media m -> m.kind().name().toLowerCase();
            case MessageContent.Location l -> "location";
            case MessageContent.ContactCards c -> "contacts";
            case MessageContent.InteractiveReply r -> switch (r.kind()) {
                case BUTTON -> "interactive_button";
                case LIST -> "interactive_list";
                case FLOW -> "interactive_flow";
                case QUICK_REPLY -> "quick_reply";
            };
            case MessageContent.ButtonReply b -> "template_button";
            case MessageContent.Order o -> "order";
            case MessageContent.Share s -> "share";
            case MessageContent.StoryMention s -> "story_mention";
            case MessageContent.Postback p -> "postback";
            case MessageContent.Comment c -> "comment";
            case MessageContent.Mention m -> "mention";
            case MessageContent.SystemNotice s -> "system";
            case MessageContent.Template t -> "template";
            case MessageContent.Unsupported u -> "unsupported";
        };
    }

    /** Everything of stored content an agent can read: its preview plus its text fields, space-separated. */
    public static String visibleText(MessageContent content) {
        StringJoiner text = new StringJoiner(" ");
        add(text, content.preview());
        switch (content) {
            case MessageContent.Text t -> add(text, t.body());
            case MessageContent.Media m -> add(text, m.caption(), m.filename());
            case MessageContent.Location l -> add(text, l.name(), l.address());
            case MessageContent.ContactCards c -> c.contacts().forEach(card -> add(text, card.formattedName()));
            case MessageContent.InteractiveReply r -> add(text, r.title(), r.description());
            case MessageContent.ButtonReply b -> add(text, b.text(), b.payload());
            case MessageContent.Order o -> add(text, o.text());
            case MessageContent.Share s -> add(text, s.title());
            case MessageContent.Postback p -> add(text, p.title(), p.payload());
            case MessageContent.Comment c -> add(text, c.text());
            case MessageContent.SystemNotice s -> add(text, s.body());
            case MessageContent.Template t -> add(text, t.renderedBody());
            case MessageContent.Unsupported u -> add(text, u.errorTitle(), u.errorDetails());
            default -> {
            }
        }
        return text.toString();
    }

    /** The media or post id stored content carries, to compare with {@link ExpectMessage#mediaId()}. */
    public static String mediaIdOf(MessageContent content) {
        return switch (content) {
            case MessageContent.Media m -> m.providerMediaId();
            case MessageContent.Share s -> s.mediaId();
            case MessageContent.Comment c -> c.mediaId();
            case MessageContent.Mention m -> m.mediaId();
            default -> null;
        };
    }

    /** The MIME type stored content carries, to compare with {@link ExpectMessage#mimeType()}. */
    public static String mimeTypeOf(MessageContent content) {
        return content instanceof MessageContent.Media m ? m.mimeType() : null;
    }

    /** True when {@code fragment} is null or appears in the content's {@link #visibleText}. */
    public static boolean showsFragment(MessageContent content, String fragment) {
        return fragment == null || visibleText(content).contains(fragment);
    }

    // ================================================================ small things

    private static void add(StringJoiner joiner, String... parts) {
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joiner.add(part);
            }
        }
    }

    /** A scalar's text, null for missing, JSON null, objects and arrays. */
    private static String str(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static ExpectRoute route(Route.Kind kind, String accountId) {
        return accountId == null || accountId.isBlank() ? new ExpectRoute(Route.Kind.NONE, null) : new ExpectRoute(kind, accountId);
    }

    private static String firstOf(String first, String second) {
        return first != null ? first : second;
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** The first line, at most 60 characters, of a text; null when there is nothing to look for. */
    private static String fragment(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        if (line.length() > FRAGMENT_LENGTH) {
            line = line.substring(0, FRAGMENT_LENGTH);
            if (Character.isHighSurrogate(line.charAt(line.length() - 1))) {
                line = line.substring(0, line.length() - 1);
            }
        }
        return line.isEmpty() ? null : line;
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
