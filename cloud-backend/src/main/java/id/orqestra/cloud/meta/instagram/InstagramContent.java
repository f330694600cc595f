package id.orqestra.cloud.meta.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContent.MediaKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static id.orqestra.cloud.meta.MetaJson.child;
import static id.orqestra.cloud.meta.MetaJson.elements;
import static id.orqestra.cloud.meta.MetaJson.flag;
import static id.orqestra.cloud.meta.MetaJson.text;

/** What an Instagram message says: text, a quick reply, or one content per attachment. Never empty. */
final class InstagramContent {

    /** Instagram's "like" is a big heart with no payload; it reads best as the heart itself. */
    static final String LIKE_HEART = "❤️";

    private InstagramContent() {
    }

    static List<MessageContent> read(JsonNode message) {
        String text = text(message, "text");
        List<JsonNode> attachments = withoutTransitionDuplicates(elements(message, "attachments"));
        List<MessageContent> out = new ArrayList<>();
        if (!attachments.isEmpty()) {
            if (text != null) {
                out.add(new MessageContent.Text(text));
            }
            attachments.forEach(attachment -> out.add(attachment(attachment)));
            return out;
        }
        JsonNode quickReply = child(message, "quick_reply");
        if (quickReply.isObject()) {
            return List.of(new MessageContent.InteractiveReply(MessageContent.InteractiveKind.QUICK_REPLY,
                    text(quickReply, "payload"), text, null, null));
        }
        if (text != null) {
            return List.of(new MessageContent.Text(text));
        }
        // is_unsupported, or an echo carrying nothing but its mid: still a message the agent should see.
        return List.of(new MessageContent.Unsupported(flag(message, "is_unsupported") ? "unsupported" : null,
                null, null, null));
    }

    /**
     * During Meta's move from "share" to "ig_post", one shared post arrives as both; keep the new form and
     * drop any share that points at the same post.
     */
    private static List<JsonNode> withoutTransitionDuplicates(List<JsonNode> attachments) {
        Set<String> posts = new HashSet<>();
        for (JsonNode attachment : attachments) {
            if ("ig_post".equals(text(attachment, "type"))) {
                posts.add(postKey(attachment));
            }
        }
        if (posts.isEmpty()) {
            return attachments;
        }
        return attachments.stream()
                .filter(a -> !("share".equals(text(a, "type")) && posts.contains(postKey(a))))
                .toList();
    }

    private static String postKey(JsonNode attachment) {
        JsonNode payload = child(attachment, "payload");
        return Objects.requireNonNullElse(text(payload, "ig_post_media_id"), Objects.requireNonNullElse(text(payload, "url"), ""));
    }

    private static MessageContent attachment(JsonNode attachment) {
        String type = text(attachment, "type");
        JsonNode payload = child(attachment, "payload");
        String url = text(payload, "url");
        if (type == null) {
            return new MessageContent.Unsupported(null, null, null, null);
        }
        return switch (type) {
            case "image" -> media(MediaKind.IMAGE, url);
            case "video" -> media(MediaKind.VIDEO, url);
            case "audio" -> media(MediaKind.AUDIO, url);
            case "file" -> media(MediaKind.DOCUMENT, url);
            case "sticker" -> media(MediaKind.STICKER, url);
            case "like_heart" -> new MessageContent.Text(LIKE_HEART);
            case "share", "ig_post" -> new MessageContent.Share("post", url, text(payload, "title"),
                    text(payload, "ig_post_media_id"));
            case "ig_reel", "reel" -> new MessageContent.Share("reel", url, text(payload, "title"),
                    text(payload, "reel_video_id"));
            case "story_mention" -> new MessageContent.StoryMention(url);
            case "fallback" -> new MessageContent.Share("link", url, text(payload, "title"), null);
            default -> new MessageContent.Unsupported(type, null, null, null);
        };
    }

    private static MessageContent media(MediaKind kind, String url) {
        return new MessageContent.Media(kind, null, url, null, null, null, null, null, null);
    }
}
