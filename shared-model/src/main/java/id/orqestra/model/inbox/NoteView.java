package id.orqestra.model.inbox;

import java.time.Instant;

/** A private note in a conversation: seen by the team, never sent to the customer. */
public record NoteView(long id, long conversationId, Long authorUserId, String authorName, String text, Instant createdAt) {
}
