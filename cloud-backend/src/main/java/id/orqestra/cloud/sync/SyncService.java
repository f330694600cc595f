package id.orqestra.cloud.sync;

import id.orqestra.cloud.channel.ChannelStore;
import id.orqestra.cloud.inbox.Visibility;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.team.TeamService;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;
import id.orqestra.model.sync.SyncPages;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catch-up and first sign-in. Both show a member only what their permissions allow: with
 * {@code inbox.view.assigned} alone, events of conversations assigned to someone else are left out,
 * and a conversation that moves away from them arrives as "hidden" so their cache lets it go; a
 * conversation that becomes theirs brings its contact and recent messages ({@link ConversationHandover}).
 */
@Singleton
public class SyncService {

    public static final int MAX_EVENTS = 1000;
    public static final int MESSAGES_PER_CONVERSATION = 30;

    private final Tx tx;
    private final ChangeFeed feed;
    private final ChannelStore channels;

    public SyncService(Tx tx, ChangeFeed feed, ChannelStore channels) {
        this.tx = tx;
        this.feed = feed;
        this.channels = channels;
    }

    public SyncPages.EventPage events(Principal.Member me, String after, int limit) {
        FeedCursor cursor = parseCursor(after);
        int size = Math.max(1, Math.min(limit, MAX_EVENTS));
        return tx.inOrg(me.orgId(), h -> {
            List<SyncEvent> raw = feed.read(h, me.orgId(), cursor, size);
            String next = raw.isEmpty() ? cursor.toString() : raw.getLast().cursor();
            return new SyncPages.EventPage(visibleTo(h, Visibility.of(me), raw), next, raw.size() == size);
        });
    }

    /** The events of a page this member may see, in order; reassignments away become "hidden". */
    List<SyncEvent> visibleTo(Handle h, Visibility visibility, List<SyncEvent> events) {
        if (visibility.all()) {
            return events;
        }
        Set<Long> conversationIds = new HashSet<>();
        for (SyncEvent event : events) {
            if (event.change().conversationId() != null) {
                conversationIds.add(event.change().conversationId());
            }
        }
        Set<Long> ownContacts = contactsOfOwnConversations(h, visibility, events);
        Map<Long, Long> assignees = new HashMap<>();
        if (!conversationIds.isEmpty()) {
            h.createQuery("SELECT id, assignee_user_id FROM conversations WHERE id = ANY(:ids)")
                    .bind("ids", conversationIds.toArray(Long[]::new))
                    .map((rs, ctx) -> {
                        long assignee = rs.getLong(2);
                        assignees.put(rs.getLong(1), rs.wasNull() ? null : assignee);
                        return null;
                    })
                    .list();
        }
        List<SyncEvent> visible = new ArrayList<>(events.size());
        for (SyncEvent event : events) {
            SyncChange change = event.change();
            switch (change) {
                case SyncChange.ConversationUpserted c -> visible.add(visibility.sees(c.conversation().assigneeUserId())
                        ? event : new SyncEvent(event.cursor(), event.at(),
                                new SyncChange.ConversationHidden(c.conversation().id(), c.conversation().version())));
                case SyncChange.MessageUpserted m -> {
                    if (visibility.sees(assignees.get(m.message().conversationId()))) {
                        visible.add(event);
                    }
                }
                case SyncChange.NoteUpserted n -> {
                    if (visibility.sees(assignees.get(n.note().conversationId()))) {
                        visible.add(event);
                    }
                }
                case SyncChange.ConversationHidden hidden -> visible.add(event);
                case SyncChange.ContactUpserted c -> {
                    if (ownContacts.contains(c.contact().id())) {
                        visible.add(event);
                    }
                }
                case SyncChange.ChannelUpserted c -> visible.add(event);
                case SyncChange.UserUpserted u -> visible.add(event);
            }
        }
        return visible;
    }

    /**
     * Of the contacts in these events, those with a conversation assigned to this member now: a member
     * who sees only their own gets the customers of their own conversations and no one else's.
     */
    private static Set<Long> contactsOfOwnConversations(Handle h, Visibility visibility, List<SyncEvent> events) {
        Set<Long> contactIds = new HashSet<>();
        for (SyncEvent event : events) {
            if (event.change() instanceof SyncChange.ContactUpserted c) {
                contactIds.add(c.contact().id());
            }
        }
        if (contactIds.isEmpty() || !visibility.assigned()) {
            return Set.of();
        }
        return new HashSet<>(h.createQuery("""
                        SELECT DISTINCT contact_id FROM conversations
                         WHERE org_id = :org AND assignee_user_id = :viewer AND contact_id = ANY(:ids)
                        """)
                .bind("org", visibility.orgId()).bind("viewer", visibility.userId())
                .bind("ids", contactIds.toArray(Long[]::new))
                .mapTo(Long.class).list());
    }

    /**
     * One page of the first-sign-in snapshot. The first page fixes the feed position the whole
     * snapshot is consistent with; the client catches up from it after the last page. Data read after
     * that position may already include later changes — applying their events again is harmless,
     * because every event carries the whole new state.
     */
    public SyncPages.Snapshot snapshot(Principal.Member me, String pageToken, int limit) {
        Visibility visibility = Visibility.of(me);
        int size = Math.max(1, Math.min(limit, 500));
        SnapshotToken token = SnapshotToken.parse(pageToken);
        return tx.inOrg(me.orgId(), h -> {
            FeedCursor cursor = token == null ? feed.head(h, me.orgId()) : token.cursor();
            int offset = token == null ? 0 : token.offset();
            List<ConversationView> conversations = h.createQuery(InboxViews.CONVERSATION_SELECT
                            + " WHERE c.org_id = :org AND c.last_message_at IS NOT NULL AND " + visibility.condition()
                            + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT :limit OFFSET :offset")
                    .bind("org", me.orgId()).bind("viewer", me.userId()).bind("limit", size + 1).bind("offset", offset)
                    .map((rs, ctx) -> InboxViews.conversation(rs))
                    .list();
            String next = null;
            if (conversations.size() > size) {
                conversations = conversations.subList(0, size);
                next = new SnapshotToken(cursor, offset + size).encode();
            }
            List<Long> ids = conversations.stream().map(ConversationView::id).toList();
            Set<Long> contactIds = new LinkedHashSet<>();
            conversations.forEach(c -> contactIds.add(c.contactId()));
            List<ContactView> contacts = InboxViews.contacts(h, contactIds);
            List<MessageView> messages = InboxViews.messages(h, ConversationHandover.recentMessageIds(h, ids));
            List<NoteView> notes = ids.isEmpty() ? List.of()
                    : InboxViews.notes(h, "WHERE n.conversation_id = ANY(?) ORDER BY n.created_at, n.id", (Object) ids.toArray(Long[]::new));
            boolean first = token == null;
            return new SyncPages.Snapshot(cursor.toString(),
                    first ? channels.list(h, me.orgId()) : List.of(),
                    first ? TeamService.usersById(h, me.orgId()) : List.of(),
                    List.copyOf(conversations), contacts, messages, notes, next);
        });
    }

    record SnapshotToken(FeedCursor cursor, int offset) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((cursor + "/" + offset).getBytes(StandardCharsets.US_ASCII));
        }

        static SnapshotToken parse(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("/");
                return new SnapshotToken(FeedCursor.parse(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("pageToken is not one this server gave out; start the snapshot again.");
            }
        }
    }

    static FeedCursor parseCursor(String after) {
        try {
            return FeedCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
