package id.orqestra.desktop.store;

import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent;

import java.time.Instant;

/**
 * Something written in this app for a customer that the server has not confirmed yet: a reply (text,
 * a file with its caption, a template), or an answer to an Instagram comment. {@code clientId} is a
 * UUID made here; it is sent as the {@code Idempotency-Key}, so retrying can never store it twice, and
 * the server's copy carries it back as {@code MessageView.clientId}.
 *
 * <p>A file is copied next to the cache when it is attached (so it survives a restart and the original
 * being moved) and uploaded when the link allows; the upload's id is kept here, so a send retried after
 * the upload does not upload again. Uploading twice (a crash between upload and record) costs only an
 * unused copy on the server; the send itself is still once, by its key.
 *
 * @param text             the reply's text; a file's caption (may be empty); a template's text as the customer will read it
 * @param replyToMessageId the message quoted, if any
 * @param targetMessageId  the Instagram comment answered ({@link Kind#PUBLIC_REPLY}, {@link Kind#PRIVATE_REPLY})
 * @param attachment       the file of a {@link Kind#MEDIA} reply or of a template's media header
 * @param template         the template and its values ({@link Kind#TEMPLATE}); its header media is filled in when sent
 * @param refusalTitle     when the server refused it: the problem's title ("Outside the messaging window"…)
 */
public record OutboxEntry(String clientId, long conversationId, Kind kind, String text, Long replyToMessageId,
                          Long targetMessageId, Attachment attachment, InboxRequests.TemplateMessage template,
                          Instant createdAt, State state, int attempts, String lastError, String refusalTitle) {

    public enum Kind {
        TEXT, MEDIA, TEMPLATE,
        /** An answer under an Instagram comment. */
        PUBLIC_REPLY,
        /** The one direct message Instagram allows in answer to a comment; it lands in the direct conversation. */
        PRIVATE_REPLY
    }

    public enum State {
        /** Waiting to be sent, or being sent; retried until the server answers. */
        PENDING,
        /** The server refused it for good (say, the conversation is gone); the agent decides. */
        FAILED
    }

    /**
     * A file on this computer to send: {@code path} is the outbox's own copy; {@code uploadId} is set
     * once the server has the bytes.
     */
    public record Attachment(String path, String fileName, String mimeType, MessageContent.MediaKind kind, long size,
                             String uploadId) {
        public Attachment withUploadId(String id) {
            return new Attachment(path, fileName, mimeType, kind, size, id);
        }
    }

    /** A plain text reply (the original form of an entry). */
    public OutboxEntry(String clientId, long conversationId, String text, Long replyToMessageId, Instant createdAt,
                       State state, int attempts, String lastError) {
        this(clientId, conversationId, Kind.TEXT, text, replyToMessageId, null, null, null, createdAt, state, attempts,
                lastError, null);
    }

    public static OutboxEntry text(String clientId, long conversationId, String text, Long replyToMessageId, Instant now) {
        return new OutboxEntry(clientId, conversationId, Kind.TEXT, text, replyToMessageId, null, null, null, now,
                State.PENDING, 0, null, null);
    }

    public static OutboxEntry media(String clientId, long conversationId, Attachment file, String caption,
                                    Long replyToMessageId, Instant now) {
        return new OutboxEntry(clientId, conversationId, Kind.MEDIA, caption == null ? "" : caption, replyToMessageId,
                null, file, null, now, State.PENDING, 0, null, null);
    }

    public static OutboxEntry template(String clientId, long conversationId, InboxRequests.TemplateMessage template,
                                       Attachment headerFile, String renderedText, Instant now) {
        return new OutboxEntry(clientId, conversationId, Kind.TEMPLATE, renderedText, null, null, headerFile, template,
                now, State.PENDING, 0, null, null);
    }

    public static OutboxEntry commentReply(String clientId, long conversationId, long commentMessageId, boolean privately,
                                           String text, Instant now) {
        return new OutboxEntry(clientId, conversationId, privately ? Kind.PRIVATE_REPLY : Kind.PUBLIC_REPLY, text, null,
                commentMessageId, null, null, now, State.PENDING, 0, null, null);
    }

    /** The one-line form for the conversation list while it waits. */
    public String preview() {
        return switch (kind) {
            case MEDIA -> attachment == null ? "File" : (text == null || text.isBlank() ? attachment.fileName() : text);
            case TEMPLATE -> template == null ? text : "Template: " + template.name();
            default -> text;
        };
    }
}
