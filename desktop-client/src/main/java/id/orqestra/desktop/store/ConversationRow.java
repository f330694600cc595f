package id.orqestra.desktop.store;

import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.Platform;

import java.util.List;

/**
 * One line of the conversation list: only what the list shows and filters on, so that a hundred
 * thousand of them stay small in memory. {@code lastActivityMillis} orders the list (newest first).
 */
public record ConversationRow(
        long id,
        long channelId,
        Platform platform,
        long contactId,
        String contactName,
        ConversationStatus status,
        Long assigneeUserId,
        long lastActivityMillis,
        String lastPreview,
        Direction lastDirection,
        int unreadCount,
        List<String> labels) {

    /** The list's order: most recent activity first, then the higher id. Negative when {@code this} comes first. */
    public int compareInList(ConversationRow other) {
        int byTime = Long.compare(other.lastActivityMillis, lastActivityMillis);
        return byTime != 0 ? byTime : Long.compare(other.id, id);
    }
}
