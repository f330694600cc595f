package id.orqestra.cloud.sync;

import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.sync.SyncChange;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events that give a member everything needed to show conversations that just became theirs
 * through (re)assignment: an agent who sees only their own never received the contact and messages,
 * because those events were filtered out (or lay before their snapshot) while someone else had it.
 * <p>
 * Design: the assignment's transaction appends the contact, the conversation, its recent messages (the
 * same page the snapshot gives) and its notes again, in that order. Every reader gets them through the
 * feed and the socket like any other change, in order and offline-safe, with no extra client round
 * trip; readers who already had them apply the same state twice, which is harmless. The feed filter
 * ({@link SyncService#visibleTo}) decides who may read them, by the conversation's current assignee.
 */
public final class ConversationHandover {

    private ConversationHandover() {
    }

    /** Contacts first, then each conversation, then its recent messages and notes. */
    public static List<SyncChange> changes(Handle h, Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        List<ConversationView> conversations = InboxViews.conversations(h, conversationIds);
        Set<Long> contactIds = new LinkedHashSet<>();
        conversations.forEach(c -> contactIds.add(c.contactId()));
        List<Long> ids = conversations.stream().map(ConversationView::id).toList();

        List<SyncChange> changes = new ArrayList<>();
        InboxViews.contacts(h, contactIds).forEach(contact -> changes.add(new SyncChange.ContactUpserted(contact)));
        conversations.forEach(conversation -> changes.add(new SyncChange.ConversationUpserted(conversation)));
        InboxViews.messages(h, recentMessageIds(h, ids)).forEach(message -> changes.add(new SyncChange.MessageUpserted(message)));
        InboxViews.notes(h, "WHERE n.conversation_id = ANY(?) ORDER BY n.created_at, n.id", (Object) ids.toArray(Long[]::new))
                .forEach(note -> changes.add(new SyncChange.NoteUpserted(note)));
        return changes;
    }

    /** The ids of the newest {@link SyncService#MESSAGES_PER_CONVERSATION} messages of each conversation. */
    static List<Long> recentMessageIds(Handle h, List<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery("""
                        SELECT id FROM (SELECT m.id, row_number() OVER (PARTITION BY m.conversation_id
                                                                         ORDER BY m.sent_at DESC, m.id DESC) AS recent
                                          FROM messages m WHERE m.conversation_id = ANY(:ids)) ranked
                         WHERE recent <= :perConversation
                        """)
                .bind("ids", conversationIds.toArray(Long[]::new))
                .bind("perConversation", SyncService.MESSAGES_PER_CONVERSATION)
                .mapTo(Long.class).list();
    }
}
