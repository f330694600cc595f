package id.orqestra.desktop.store;

import java.time.Instant;

/**
 * A reply written in this app that the server has not confirmed yet. {@code clientId} is a UUID made
 * here; it is sent as the {@code Idempotency-Key}, so retrying can never store the reply twice, and the
 * server's copy carries it back as {@code MessageView.clientId}.
 */
public record OutboxEntry(String clientId, long conversationId, String text, Long replyToMessageId, Instant createdAt,
                          State state, int attempts, String lastError) {

    public enum State {
        /** Waiting to be sent, or being sent; retried until the server answers. */
        PENDING,
        /** The server refused it for good (say, the conversation is gone); the agent decides. */
        FAILED
    }
}
