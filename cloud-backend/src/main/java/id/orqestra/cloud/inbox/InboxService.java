package id.orqestra.cloud.inbox;

import id.orqestra.cloud.inbox.store.ConversationStore;
import id.orqestra.cloud.outbound.ReadReceipts;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.cloud.sync.ConversationHandover;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncPages;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What agents do in the inbox: list and read conversations, assign, resolve and reopen, label, write
 * notes, mark read. Every change appends its event to the organization's feed in the same transaction.
 * Replies are sent by {@link id.orqestra.cloud.outbound.OutboundService}.
 */
@Singleton
public class InboxService {

    /** WhatsApp's limit for a text message body. */
    public static final int MAX_TEXT = 4096;
    public static final int MAX_PAGE = 200;

    private final Tx tx;
    private final ConversationStore conversations;
    private final ChangeFeed feed;
    private final ReadReceipts readReceipts;

    public InboxService(Tx tx, ConversationStore conversations, ChangeFeed feed, ReadReceipts readReceipts) {
        this.tx = tx;
        this.conversations = conversations;
        this.feed = feed;
        this.readReceipts = readReceipts;
    }

    public enum View { MINE, UNASSIGNED, ALL }

    public SyncPages.ConversationPage list(Principal.Member me, String view, String status, Long channelId, String label,
                                           String pageToken, int limit) {
        Visibility visibility = Visibility.of(me);
        View chosen = parseView(view);
        ConversationStatus wantedStatus = status == null || status.isBlank() ? null : parseStatus(status);
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        PageToken after = PageToken.parse(pageToken);
        return tx.inOrg(me.orgId(), h -> {
            // a conversation without any message (all moved elsewhere) has nothing to show
            StringBuilder where = new StringBuilder(" WHERE c.org_id = :org AND c.last_message_at IS NOT NULL AND ")
                    .append(visibility.condition());
            switch (chosen) {
                case MINE -> where.append(" AND c.assignee_user_id = :viewer");
                case UNASSIGNED -> where.append(" AND c.assignee_user_id IS NULL");
                case ALL -> { }
            }
            if (wantedStatus != null) {
                where.append(" AND c.status = :status");
            }
            if (channelId != null) {
                where.append(" AND c.channel_id = :channel");
            }
            if (label != null && !label.isBlank()) {
                where.append(" AND EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = :label)");
            }
            if (after != null) {
                where.append(" AND (COALESCE(c.last_message_at, c.created_at), c.id) < (:afterAt, :afterId)");
            }
            var query = h.createQuery(InboxViews.CONVERSATION_SELECT + where
                            + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT :limit")
                    .bind("org", me.orgId())
                    .bind("viewer", me.userId())
                    .bind("status", wantedStatus == null ? null : wantedStatus.name())
                    .bind("channel", channelId)
                    .bind("label", label == null ? null : label.strip().toLowerCase(Locale.ROOT))
                    .bind("afterAt", after == null ? null : after.at())
                    .bind("afterId", after == null ? null : after.id())
                    .bind("limit", size + 1);
            List<ConversationView> rows = query.map((rs, ctx) -> InboxViews.conversation(rs)).list();
            String next = null;
            if (rows.size() > size) {
                rows = rows.subList(0, size);
                ConversationView last = rows.getLast();
                next = new PageToken(last.lastMessageAt() != null ? last.lastMessageAt() : last.updatedAt(), last.id()).encode();
            }
            Set<Long> contactIds = new LinkedHashSet<>();
            rows.forEach(c -> contactIds.add(c.contactId()));
            return new SyncPages.ConversationPage(List.copyOf(rows), InboxViews.contacts(h, contactIds), next);
        });
    }

    /** Position in the conversation list: last activity and id of the last row shown. */
    record PageToken(Instant at, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static PageToken parse(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
                return new PageToken(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("pageToken is not one this server gave out; start from the first page.");
            }
        }
    }

    public ConversationView conversation(Principal.Member me, long conversationId) {
        return tx.inOrg(me.orgId(), h -> visibleConversation(h, me, conversationId));
    }

    public List<MessageView> messages(Principal.Member me, long conversationId, Long beforeMessageId, int limit) {
        return tx.inOrg(me.orgId(), h -> {
            visibleConversation(h, me, conversationId);
            return InboxViews.conversationMessages(h, conversationId, beforeMessageId, Math.max(1, Math.min(limit, MAX_PAGE)));
        });
    }

    public List<NoteView> notes(Principal.Member me, long conversationId) {
        return tx.inOrg(me.orgId(), h -> {
            visibleConversation(h, me, conversationId);
            return InboxViews.notes(h, "WHERE n.conversation_id = ? ORDER BY n.created_at, n.id", conversationId);
        });
    }

    public ConversationView assign(Principal.Member me, long conversationId, Long userId) {
        return tx.inOrg(me.orgId(), h -> {
            Long previous = visibleConversation(h, me, conversationId).assigneeUserId();
            if (userId != null) {
                boolean member = h.createQuery("SELECT count(*) FROM users WHERE id = :id AND org_id = :org AND active")
                        .bind("id", userId).bind("org", me.orgId()).mapTo(Integer.class).one() > 0;
                if (!member) {
                    throw ApiException.badRequest("Assign to an active member of your team.");
                }
            }
            h.createUpdate("UPDATE conversations SET assignee_user_id = :user, updated_at = now() WHERE id = :id")
                    .bind("user", userId).bind("id", conversationId).execute();
            if (userId != null && !userId.equals(previous)) {
                // the new assignee may never have seen this conversation: send its contact and recent messages too
                feed.appendAll(h, me.orgId(), ConversationHandover.changes(h, List.of(conversationId)));
                return InboxViews.conversations(h, List.of(conversationId)).getFirst();
            }
            return publishConversation(h, me.orgId(), conversationId);
        });
    }

    public ConversationView setStatus(Principal.Member me, long conversationId, ConversationStatus status) {
        return tx.inOrg(me.orgId(), h -> {
            visibleConversation(h, me, conversationId);
            h.createUpdate("""
                            UPDATE conversations SET status = :status, updated_at = now(),
                                   unread_count = CASE WHEN :status = 'RESOLVED' THEN 0 ELSE unread_count END
                             WHERE id = :id
                            """)
                    .bind("status", status.name()).bind("id", conversationId).execute();
            return publishConversation(h, me.orgId(), conversationId);
        });
    }

    public ConversationView changeLabels(Principal.Member me, long conversationId, InboxRequests.ChangeLabels request) {
        List<String> add = cleanLabels(request.add());
        List<String> remove = cleanLabels(request.remove());
        if (add.isEmpty() && remove.isEmpty()) {
            throw ApiException.badRequest("Name labels to add or remove.");
        }
        return tx.inOrg(me.orgId(), h -> {
            visibleConversation(h, me, conversationId);
            for (String label : add) {
                h.createUpdate("INSERT INTO conversation_labels (org_id, conversation_id, label) VALUES (:org, :id, :label) "
                                + "ON CONFLICT DO NOTHING")
                        .bind("org", me.orgId()).bind("id", conversationId).bind("label", label).execute();
            }
            if (!remove.isEmpty()) {
                h.createUpdate("DELETE FROM conversation_labels WHERE conversation_id = :id AND label = ANY(:labels)")
                        .bind("id", conversationId).bind("labels", remove.toArray(String[]::new)).execute();
            }
            conversations.touch(h, conversationId);
            return publishConversation(h, me.orgId(), conversationId);
        });
    }

    public NoteView addNote(Principal.Member me, long conversationId, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > 10_000) {
            throw ApiException.badRequest("A note has 1 to 10,000 characters.");
        }
        return tx.inOrg(me.orgId(), h -> {
            visibleConversation(h, me, conversationId);
            long id = h.createQuery("INSERT INTO notes (org_id, conversation_id, author_user_id, text) VALUES (:org, :id, :author, :text) RETURNING id")
                    .bind("org", me.orgId()).bind("id", conversationId).bind("author", me.userId()).bind("text", body)
                    .mapTo(Long.class).one();
            NoteView note = InboxViews.notes(h, "WHERE n.id = ?", id).getFirst();
            feed.append(h, me.orgId(), new SyncChange.NoteUpserted(note));
            return note;
        });
    }

    public ConversationView markRead(Principal.Member me, long conversationId) {
        return tx.inOrg(me.orgId(), h -> {
            ConversationView conversation = visibleConversation(h, me, conversationId);
            if (conversation.unreadCount() == 0) {
                return conversation;
            }
            h.createUpdate("UPDATE conversations SET unread_count = 0, updated_at = now() WHERE id = :id")
                    .bind("id", conversationId).execute();
            // the customer sees their messages as read (blue ticks) once an agent has opened them
            readReceipts.send(h, me.orgId(), conversationId);
            return publishConversation(h, me.orgId(), conversationId);
        });
    }

    /** Where a message's stored file is, for a member allowed to see its conversation. */
    public record MediaFile(String key, String mimeType, String filename) {
    }

    public MediaFile media(Principal.Member me, long messageId) {
        return tx.inOrg(me.orgId(), h -> {
            record Row(long conversationId, String key, String content) {
            }
            Row row = h.createQuery("SELECT conversation_id, media_key, content::text FROM messages WHERE id = :id AND org_id = :org")
                    .bind("id", messageId).bind("org", me.orgId())
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .findOne()
                    .orElseThrow(() -> ApiException.notFound("There is no such message."));
            visibleConversation(h, me, row.conversationId());
            if (row.key() == null) {
                throw ApiException.notFound("This message's file is not available (yet).");
            }
            MessageContent content = Json.read(row.content(), MessageContent.class);
            if (content instanceof MessageContent.Media media) {
                return new MediaFile(row.key(), media.mimeType(), media.filename());
            }
            return new MediaFile(row.key(), null, null);
        });
    }

    /** The conversation, when this member may see it; otherwise the same 404 as for one that does not exist. */
    public ConversationView visibleConversation(Handle h, Principal.Member me, long conversationId) {
        ConversationView conversation = h.createQuery(InboxViews.CONVERSATION_SELECT + " WHERE c.id = :id AND c.org_id = :org")
                .bind("id", conversationId).bind("org", me.orgId())
                .map((rs, ctx) -> InboxViews.conversation(rs))
                .findOne()
                .orElseThrow(() -> ApiException.notFound("There is no such conversation."));
        if (!Visibility.of(me).sees(conversation.assigneeUserId())) {
            // the same answer as for a conversation that does not exist: do not confirm what cannot be seen
            throw ApiException.notFound("There is no such conversation.");
        }
        return conversation;
    }

    private ConversationView publishConversation(Handle h, long orgId, long conversationId) {
        ConversationView view = InboxViews.conversations(h, List.of(conversationId)).getFirst();
        feed.append(h, orgId, new SyncChange.ConversationUpserted(view));
        return view;
    }

    private static List<String> cleanLabels(List<String> labels) {
        if (labels == null) {
            return List.of();
        }
        List<String> clean = new ArrayList<>();
        for (String label : labels) {
            String value = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty() || value.length() > 40) {
                throw ApiException.badRequest("Labels have 1 to 40 characters.");
            }
            clean.add(value);
        }
        return clean;
    }

    private static View parseView(String view) {
        if (view == null || view.isBlank()) {
            return View.ALL;
        }
        try {
            return View.valueOf(view.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("view is one of mine, unassigned or all.");
        }
    }

    private static ConversationStatus parseStatus(String status) {
        try {
            return ConversationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status is one of open, pending or resolved.");
        }
    }
}
