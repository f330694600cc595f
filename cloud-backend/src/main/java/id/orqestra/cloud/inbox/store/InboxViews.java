package id.orqestra.cloud.inbox.store;

import com.fasterxml.jackson.core.type.TypeReference;
import id.orqestra.cloud.outbound.MessagingWindows;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.inbox.ReactionView;
import id.orqestra.model.inbox.Referral;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads contacts, conversations and messages in the form the API and the sync feed send them. One
 * place maps rows to views, so what a client gets from a catch-up equals what it got live.
 */
public final class InboxViews {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private InboxViews() {
    }

    public static List<ContactView> contacts(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT * FROM contacts WHERE id = ANY(:ids) ORDER BY id")
                .bind("ids", ids.toArray(Long[]::new))
                .map((rs, ctx) -> contact(rs))
                .list();
    }

    public static ContactView contact(ResultSet rs) throws SQLException {
        return new ContactView(
                rs.getLong("id"),
                rs.getLong("channel_id"),
                Platform.valueOf(rs.getString("platform")),
                rs.getString("external_id"),
                rs.getString("scoped_user_id"),
                rs.getString("name"),
                rs.getString("username"),
                readMap(rs.getString("attributes")),
                rs.getBoolean("marketing_opt_out"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    public static List<ConversationView> conversations(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery(CONVERSATION_SELECT + " WHERE c.id = ANY(:ids) ORDER BY c.id")
                .bind("ids", ids.toArray(Long[]::new))
                .map((rs, ctx) -> conversation(rs))
                .list();
    }

    public static final String CONVERSATION_SELECT = """
            SELECT c.*, ch.platform,
                   ARRAY(SELECT l.label FROM conversation_labels l WHERE l.conversation_id = c.id ORDER BY l.label) AS labels
              FROM conversations c
              JOIN channels ch ON ch.id = c.channel_id
            """;

    public static ConversationView conversation(ResultSet rs) throws SQLException {
        String lastDirection = rs.getString("last_message_direction");
        Platform platform = Platform.valueOf(rs.getString("platform"));
        ConversationKind kind = ConversationKind.valueOf(rs.getString("kind"));
        Instant lastInboundAt = instant(rs, "last_inbound_at");
        Instant freeEntryUntil = instant(rs, "free_entry_until");
        return new ConversationView(
                rs.getLong("id"),
                rs.getLong("channel_id"),
                platform,
                rs.getLong("contact_id"),
                kind,
                emptyToNull(rs.getString("thread_ref")),
                ConversationStatus.valueOf(rs.getString("status")),
                nullableLong(rs, "assignee_user_id"),
                nullableLong(rs, "team_id"),
                instant(rs, "last_message_at"),
                rs.getString("last_message_preview"),
                lastDirection == null ? null : Direction.valueOf(lastDirection),
                lastInboundAt,
                freeEntryUntil,
                rs.getInt("unread_count"),
                List.of((String[]) rs.getArray("labels").getArray()),
                Json.read(rs.getString("referral"), Referral.class),
                instant(rs, "updated_at"),
                MessagingWindows.agentWindowClosesAt(platform, kind, lastInboundAt, freeEntryUntil),
                rs.getLong("version"));
    }

    public static List<MessageView> messages(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<MessageRow> rows = h.createQuery("SELECT * FROM messages WHERE id = ANY(:ids) ORDER BY sent_at, id")
                .bind("ids", ids.toArray(Long[]::new))
                .map((rs, ctx) -> messageRow(rs))
                .list();
        return withReactions(h, rows);
    }

    /**
     * The most recent {@code limit} messages of one conversation, oldest first; with
     * {@code beforeMessageId}, the ones just before that message (paging back through history).
     */
    public static List<MessageView> conversationMessages(Handle h, long conversationId, Long beforeMessageId, int limit) {
        List<MessageRow> rows = h.createQuery("""
                        SELECT * FROM (SELECT m.* FROM messages m
                                        WHERE m.conversation_id = :conversation
                                          AND (CAST(:before AS bigint) IS NULL OR (m.sent_at, m.id) <
                                               (SELECT b.sent_at, b.id FROM messages b WHERE b.id = :before))
                                        ORDER BY m.sent_at DESC, m.id DESC LIMIT :limit) recent
                         ORDER BY sent_at, id
                        """)
                .bind("conversation", conversationId)
                .bind("before", beforeMessageId)
                .bind("limit", limit)
                .map((rs, ctx) -> messageRow(rs))
                .list();
        return withReactions(h, rows);
    }

    /** A message row before its reactions are attached (they live in their own table, keyed by provider id). */
    public record MessageRow(long id, long conversationId, long channelId, String providerMessageId, String clientId,
                             Direction direction, MessageContent content, MessageContext context, Referral referral,
                             MessageStatus status, Instant statusAt, MetaError error, Long senderUserId,
                             Instant sentAt, Instant editedAt, Instant deletedAt, MediaState mediaState,
                             Instant hiddenAt, long version) {
    }

    public static MessageRow messageRow(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        String mediaState = rs.getString("media_state");
        return new MessageRow(
                rs.getLong("id"),
                rs.getLong("conversation_id"),
                rs.getLong("channel_id"),
                rs.getString("provider_message_id"),
                rs.getString("client_id"),
                Direction.valueOf(rs.getString("direction")),
                Json.read(rs.getString("content"), MessageContent.class),
                Json.read(rs.getString("context"), MessageContext.class),
                Json.read(rs.getString("referral"), Referral.class),
                status == null ? null : MessageStatus.valueOf(status),
                instant(rs, "status_at"),
                Json.read(rs.getString("error"), MetaError.class),
                nullableLong(rs, "sender_user_id"),
                instant(rs, "sent_at"),
                instant(rs, "edited_at"),
                instant(rs, "deleted_at"),
                mediaState == null ? null : MediaState.valueOf(mediaState),
                instant(rs, "hidden_at"),
                rs.getLong("version"));
    }

    private static List<MessageView> withReactions(Handle h, List<MessageRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<ReactionView>> reactions = new HashMap<>();
        List<Long> channels = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (MessageRow row : rows) {
            if (row.providerMessageId() != null) {
                channels.add(row.channelId());
                targets.add(row.providerMessageId());
            }
        }
        if (targets.size() == 1) {
            // the common case (one new or changed message): a plain key lookup
            h.createQuery("""
                            SELECT channel_id, target_provider_id, reactor, emoji, reacted_at FROM message_reactions
                             WHERE channel_id = :channel AND target_provider_id = :target AND emoji IS NOT NULL
                             ORDER BY reacted_at
                            """)
                    .bind("channel", channels.getFirst())
                    .bind("target", targets.getFirst())
                    .map((rs, ctx) -> collectReaction(rs, reactions))
                    .list();
        } else if (!targets.isEmpty()) {
            h.createQuery("""
                            SELECT r.channel_id, r.target_provider_id, r.reactor, r.emoji, r.reacted_at
                              FROM message_reactions r
                              JOIN unnest(:channels, :targets) AS t(channel_id, target)
                                ON r.channel_id = t.channel_id AND r.target_provider_id = t.target
                             WHERE r.emoji IS NOT NULL
                             ORDER BY r.reacted_at
                            """)
                    .bind("channels", channels.toArray(Long[]::new))
                    .bind("targets", targets.toArray(String[]::new))
                    .map((rs, ctx) -> collectReaction(rs, reactions))
                    .list();
        }
        List<MessageView> views = new ArrayList<>(rows.size());
        for (MessageRow r : rows) {
            List<ReactionView> own = r.providerMessageId() == null ? List.of()
                    : reactions.getOrDefault(r.channelId() + "/" + r.providerMessageId(), List.of());
            views.add(new MessageView(r.id(), r.conversationId(), r.channelId(), r.providerMessageId(), r.clientId(),
                    r.direction(), r.content(), r.context(), r.referral(), r.status(), r.statusAt(), r.error(),
                    r.senderUserId(), r.sentAt(), r.editedAt(), r.deletedAt(), r.mediaState(), List.copyOf(own),
                    r.hiddenAt(), r.version()));
        }
        return views;
    }

    public static List<NoteView> notes(Handle h, String where, Object... args) {
        var query = h.createQuery("""
                SELECT n.id, n.conversation_id, n.author_user_id, u.name AS author_name, n.text, n.created_at
                  FROM notes n LEFT JOIN users u ON u.id = n.author_user_id
                """ + where);
        for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
        }
        return query.map((rs, ctx) -> new NoteView(rs.getLong("id"), rs.getLong("conversation_id"),
                        nullableLong(rs, "author_user_id"), rs.getString("author_name"), rs.getString("text"),
                        instant(rs, "created_at")))
                .list();
    }

    private static Object collectReaction(ResultSet rs, Map<String, List<ReactionView>> reactions) throws SQLException {
        reactions.computeIfAbsent(rs.getLong("channel_id") + "/" + rs.getString("target_provider_id"), k -> new ArrayList<>())
                .add(new ReactionView(rs.getString("reactor"), rs.getString("emoji"), instant(rs, "reacted_at")));
        return null;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Map<String, String> readMap(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, STRING_MAP);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
