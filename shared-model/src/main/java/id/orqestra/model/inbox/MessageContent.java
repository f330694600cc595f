package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a message says, for every kind WhatsApp and Instagram deliver. Stored by the backend as JSON
 * and rendered by the desktop from the same types; {@link #preview()} is the one-line form shown in the
 * conversation list and indexed for search.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
        @JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
        @JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
        @JsonSubTypes.Type(value = MessageContent.ContactCards.class, name = "contacts"),
        @JsonSubTypes.Type(value = MessageContent.InteractiveReply.class, name = "interactive_reply"),
        @JsonSubTypes.Type(value = MessageContent.ButtonReply.class, name = "button_reply"),
        @JsonSubTypes.Type(value = MessageContent.Order.class, name = "order"),
        @JsonSubTypes.Type(value = MessageContent.Share.class, name = "share"),
        @JsonSubTypes.Type(value = MessageContent.StoryMention.class, name = "story_mention"),
        @JsonSubTypes.Type(value = MessageContent.Postback.class, name = "postback"),
        @JsonSubTypes.Type(value = MessageContent.Comment.class, name = "comment"),
        @JsonSubTypes.Type(value = MessageContent.Mention.class, name = "mention"),
        @JsonSubTypes.Type(value = MessageContent.SystemNotice.class, name = "system"),
        @JsonSubTypes.Type(value = MessageContent.Template.class, name = "template"),
        @JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface MessageContent {

    /** One line for lists, notifications and search. */
    String preview();

    record Text(String body) implements MessageContent {
        @Override
        public String preview() {
            return body == null ? "" : body;
        }
    }

    enum MediaKind { IMAGE, AUDIO, VOICE, VIDEO, DOCUMENT, STICKER }

    /**
     * A file. {@code providerMediaId} is WhatsApp's media id (fetched in two steps); {@code url} is the
     * provider's temporary link (Instagram's CDN URL, WhatsApp's lookaside URL) — both expire, so the
     * backend copies the file into its own storage promptly and serves it by message id.
     */
    record Media(MediaKind kind, String providerMediaId, String url, String mimeType, String sha256,
                 String caption, String filename, Long fileSize, Boolean animated) implements MessageContent {
        @Override
        public String preview() {
            String label = switch (kind) {
                case IMAGE -> "📷 Photo";
                case AUDIO -> "🎵 Audio";
                case VOICE -> "🎤 Voice message";
                case VIDEO -> "🎬 Video";
                case DOCUMENT -> "📄 " + (filename != null && !filename.isBlank() ? filename : "Document");
                case STICKER -> "Sticker";
            };
            return caption != null && !caption.isBlank() ? label + ": " + caption : label;
        }
    }

    record Location(double latitude, double longitude, String name, String address, String url)
            implements MessageContent {
        @Override
        public String preview() {
            String place = name != null && !name.isBlank() ? name : address;
            return "📍 " + (place != null && !place.isBlank() ? place : "Location");
        }
    }

    record ContactCard(String formattedName, List<Phone> phones, List<String> emails, String organization) {
        public record Phone(String phone, String waId, String type) {
        }
    }

    record ContactCards(List<ContactCard> contacts) implements MessageContent {
        @Override
        public String preview() {
            if (contacts == null || contacts.isEmpty()) {
                return "👤 Contact";
            }
            String first = contacts.getFirst().formattedName();
            return "👤 " + (first == null ? "Contact" : first)
                    + (contacts.size() > 1 ? " and " + (contacts.size() - 1) + " more" : "");
        }
    }

    enum InteractiveKind { BUTTON, LIST, FLOW, QUICK_REPLY }

    /** The customer tapped a reply button, a list row, an Instagram quick reply or finished a WhatsApp Flow. */
    record InteractiveReply(InteractiveKind kind, String id, String title, String description, String responseJson)
            implements MessageContent {
        /** A Flow's title is only the caption of its submit button (Meta's default is "Sent"), so it says what it is. */
        @Override
        public String preview() {
            if (kind == InteractiveKind.FLOW) {
                return "Form reply";
            }
            return title != null && !title.isBlank() ? title : "Reply";
        }
    }

    /** The customer tapped a quick-reply button of a template. */
    record ButtonReply(String payload, String text) implements MessageContent {
        @Override
        public String preview() {
            return text != null ? text : payload;
        }
    }

    record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {
    }

    record Order(String catalogId, String text, List<OrderItem> items) implements MessageContent {
        @Override
        public String preview() {
            int count = items == null ? 0 : items.stream().mapToInt(OrderItem::quantity).sum();
            return "🛒 Order, " + count + (count == 1 ? " item" : " items");
        }
    }

    /** A post, reel or other Instagram media shared into the conversation. */
    record Share(String shareKind, String url, String title, String mediaId) implements MessageContent {
        @Override
        public String preview() {
            return "🔗 Shared " + (shareKind == null ? "post" : shareKind.replace('_', ' '))
                    + (title != null && !title.isBlank() ? ": " + title : "");
        }
    }

    /** The customer mentioned the business in their story (the link expires; Meta asks not to keep it). */
    record StoryMention(String url) implements MessageContent {
        @Override
        public String preview() {
            return "Mentioned you in their story";
        }
    }

    record Postback(String title, String payload) implements MessageContent {
        @Override
        public String preview() {
            return title != null ? title : payload;
        }
    }

    /** A comment on the business's Instagram media; comment threads are conversations of their own. */
    record Comment(String commentId, String text, String mediaId, String mediaProductType, String parentCommentId,
                   String adId, String adTitle) implements MessageContent {
        @Override
        public String preview() {
            return "💬 " + (text == null ? "" : text);
        }
    }

    /** The business was mentioned in a caption or comment on someone else's media. */
    record Mention(String mediaId, String commentId) implements MessageContent {
        @Override
        public String preview() {
            return commentId != null ? "Mentioned you in a comment" : "Mentioned you in a post";
        }
    }

    /** Something that happened rather than something said: a number change, an identity change, an ad referral opening the chat. */
    record SystemNotice(String kind, String body) implements MessageContent {
        @Override
        public String preview() {
            return body;
        }
    }

    /** An approved template sent by the business. */
    record Template(String name, String language, String renderedBody) implements MessageContent {
        @Override
        public String preview() {
            return renderedBody != null ? renderedBody : "Template " + name;
        }
    }

    /**
     * A message the platform could not deliver in a form we can show (Meta's "unsupported"/"unknown"
     * types, or a kind this version does not know). Shown plainly to the agent, never dropped.
     */
    record Unsupported(String reportedType, Integer errorCode, String errorTitle, String errorDetails)
            implements MessageContent {
        @Override
        public String preview() {
            return "Unsupported message" + (reportedType != null && !"unsupported".equals(reportedType)
                    && !"unknown".equals(reportedType) ? " (" + reportedType + ")" : "");
        }
    }
}
