package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/** Bodies of the conversation endpoints. */
public final class InboxRequests {

    private InboxRequests() {
    }

    /**
     * {@code POST /api/v1/conversations/{id}/messages} with header {@code Idempotency-Key} (the
     * client's id for the message, a UUID). Exactly one of {@code text}, {@code media},
     * {@code template} and {@code interactive}. {@code replyToMessageId} quotes an earlier message of
     * the conversation; {@code previewUrl} asks WhatsApp to show a preview of the first link in a text.
     */
    public record SendMessage(String text, Long replyToMessageId, Boolean previewUrl, OutgoingMedia media,
                              TemplateMessage template, Interactive interactive) {

        @JsonCreator
        public SendMessage {
        }

        /** A plain text reply (the original form of this request). */
        public SendMessage(String text, Long replyToMessageId) {
            this(text, replyToMessageId, null, null, null, null);
        }

        public static SendMessage example() {
            return new SendMessage("Hello! Your order is on its way.", null);
        }
    }

    /**
     * A file to send: an {@code uploadId} from {@code POST /api/v1/media}, or a public https
     * {@code link} Meta fetches itself. {@code kind} is IMAGE, AUDIO, VIDEO, DOCUMENT or STICKER;
     * {@code caption} goes with images, videos and documents; {@code filename} with documents.
     */
    public record OutgoingMedia(String kind, String uploadId, String link, String caption, String filename) {
    }

    /**
     * An approved WhatsApp template with its values. For a template with positional placeholders
     * ({{1}}, {{2}}…) give the values in order and leave {@code name} empty; for named placeholders
     * ({{first_name}}) name each value. {@code header} fills a text header's placeholder;
     * {@code headerMedia} is the picture, video or document of a media header. {@code buttons} fill
     * the dynamic part of a button by its position in the template (a URL suffix, a quick-reply
     * payload, a coupon code).
     */
    public record TemplateMessage(String name, String language, List<TemplateParameter> header,
                                  OutgoingMedia headerMedia, List<TemplateParameter> body,
                                  List<TemplateButton> buttons) {
    }

    public record TemplateParameter(String name, String text) {
    }

    public record TemplateButton(int index, String value) {
    }

    /**
     * A WhatsApp interactive message: {@code type} BUTTONS (1 to 3 reply buttons) or LIST (a button
     * that opens up to 10 rows in sections). {@code header} and {@code footer} are optional text.
     */
    public record Interactive(String type, String header, String body, String footer, List<ReplyButton> buttons,
                              String listButton, List<ListSection> sections) {
    }

    public record ReplyButton(String id, String title) {
    }

    public record ListSection(String title, List<ListRow> rows) {
    }

    public record ListRow(String id, String title, String description) {
    }

    /** {@code POST /api/v1/conversations/{id}/assign}: a user, or nobody when {@code userId} is null. */
    public record Assign(Long userId) {
        public static Assign example() {
            return new Assign(null);
        }
    }

    /** {@code POST /api/v1/conversations/{id}/labels}. */
    public record ChangeLabels(List<String> add, List<String> remove) {
        public static ChangeLabels example() {
            return new ChangeLabels(List.of("vip"), List.of());
        }
    }

    /** {@code POST /api/v1/conversations/{id}/notes}. */
    public record AddNote(String text) {
        public static AddNote example() {
            return new AddNote("Customer prefers a call after 5 pm.");
        }
    }
}
