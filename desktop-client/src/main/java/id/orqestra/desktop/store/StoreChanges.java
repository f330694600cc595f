package id.orqestra.desktop.store;

import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one write to the cache changed, read back right after it committed so that view models can
 * update without touching the database on the FX thread. Immutable; {@link #merge} joins consecutive
 * ones when the UI has not caught up yet.
 *
 * @param conversations      the new list rows of every conversation that changed
 * @param removedConversations conversations dropped from the cache (no longer visible to this user)
 * @param messages           messages inserted or updated, in the order applied
 * @param newInbound         of those, inbound messages the cache had not held before (for notifications)
 * @param notes              notes inserted or updated
 * @param outboxChanged      conversations whose outbox entries were added, changed or removed
 * @param reloadEverything   too much changed to patch (a snapshot): reload lists from the cache
 * @param directoryChanged   channels, users or contacts changed (names, filters, the contact panel)
 * @param unreadTotal        unread messages over all cached conversations after the write
 * @param cursor             the sync cursor after the write (null when it did not move)
 */
public record StoreChanges(List<ConversationRow> conversations, Set<Long> removedConversations,
                           List<MessageView> messages, List<MessageView> newInbound, List<NoteView> notes,
                           Set<Long> outboxChanged, boolean reloadEverything, boolean directoryChanged,
                           int unreadTotal, String cursor) {

    public StoreChanges {
        conversations = List.copyOf(conversations);
        removedConversations = Set.copyOf(removedConversations);
        messages = List.copyOf(messages);
        newInbound = List.copyOf(newInbound);
        notes = List.copyOf(notes);
        outboxChanged = Set.copyOf(outboxChanged);
    }

    public boolean isEmpty() {
        return conversations.isEmpty() && removedConversations.isEmpty() && messages.isEmpty() && notes.isEmpty()
                && outboxChanged.isEmpty() && !reloadEverything && !directoryChanged;
    }

    /** {@code this} followed by {@code later}, as one change. */
    public StoreChanges merge(StoreChanges later) {
        List<ConversationRow> rows = new ArrayList<>(conversations);
        rows.removeIf(row -> later.removedConversations.contains(row.id()));
        rows.addAll(later.conversations);
        Set<Long> removed = new java.util.HashSet<>(removedConversations);
        removed.addAll(later.removedConversations);
        // a conversation that came back after being removed is not removed any more
        later.conversations.forEach(row -> removed.remove(row.id()));
        List<MessageView> allMessages = new ArrayList<>(messages);
        allMessages.addAll(later.messages);
        List<MessageView> inbound = new ArrayList<>(newInbound);
        inbound.addAll(later.newInbound);
        List<NoteView> allNotes = new ArrayList<>(notes);
        allNotes.addAll(later.notes);
        Set<Long> outbox = new java.util.HashSet<>(outboxChanged);
        outbox.addAll(later.outboxChanged);
        return new StoreChanges(rows, removed, allMessages, inbound, allNotes, outbox,
                reloadEverything || later.reloadEverything, directoryChanged || later.directoryChanged,
                later.unreadTotal, later.cursor != null ? later.cursor : cursor);
    }
}
