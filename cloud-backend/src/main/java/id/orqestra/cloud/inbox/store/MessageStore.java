package id.orqestra.cloud.inbox.store;

import id.orqestra.cloud.meta.MetaErrorCatalog;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageContext;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.inbox.Referral;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messages and what happens to them afterwards: delivery reports, reactions, edits and deletions.
 * Each of those is stored keyed by the target's provider id first and then applied to the message, so
 * it takes effect whether it arrives before or after the message, and a repeat changes nothing.
 */
@Singleton
public class MessageStore {

    /** A message from a webhook, ready to store. */
    public record NewMessage(long orgId, long conversationId, long channelId, String providerMessageId,
                             Direction direction, MessageContent content, MessageContext context, Referral referral,
                             MessageStatus status, Instant sentAt, MediaState mediaState) {
    }

    /** Inserts the message unless the channel already has this provider id; empty when it was a repeat. */
    public Optional<Long> insertIfNew(Handle h, NewMessage m) {
        return bindMessage(h.createQuery("""
                        INSERT INTO messages (%s) VALUES (%s)
                        ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
                        RETURNING id
                        """.formatted(MESSAGE_COLUMNS, MESSAGE_VALUES.replace(":conversation", "CAST(:conversation AS bigint)"))), m)
                .bind("conversation", m.conversationId())
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * Where a received message landed: its conversation (found or created), the message's id (empty when
     * it was a repeat), and whether updates are waiting for it (reports, a read watermark, an edit or a
     * deletion that arrived first).
     */
    public record Received(long conversationId, Optional<Long> messageId, boolean heldUpdates) {
    }

    /**
     * Finds or creates the conversation for (channel, contact, kind, thread) and stores the message in it,
     * in one round trip — this runs for every message Meta delivers. {@code m.conversationId()} is ignored.
     */
    public Received receive(Handle h, long contactId, ConversationKind kind, String threadRef, NewMessage m) {
        return bindMessage(h.createQuery("""
                        WITH conversation AS (
                            INSERT INTO conversations (org_id, channel_id, contact_id, kind, thread_ref)
                            VALUES (:org, :channel, :contact, :kind, :thread)
                            ON CONFLICT (channel_id, contact_id, kind, thread_ref) DO UPDATE SET kind = EXCLUDED.kind
                            RETURNING id, customer_read_at),
                        message AS (
                            INSERT INTO messages (%s)
                            SELECT %s FROM conversation
                            ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
                            RETURNING id)
                        SELECT conversation.id AS conversation_id, message.id AS message_id,
                               (:direction = 'OUTBOUND' AND conversation.customer_read_at >= CAST(:sentAt AS timestamptz))
                            OR EXISTS (SELECT 1 FROM message_status_events
                                        WHERE channel_id = :channel AND provider_message_id = :provider)
                            OR EXISTS (SELECT 1 FROM message_revisions
                                        WHERE channel_id = :channel AND target_provider_id = :provider) AS held
                          FROM conversation LEFT JOIN message ON TRUE
                        """.formatted(MESSAGE_COLUMNS, MESSAGE_VALUES.replace(":conversation", "conversation.id"))), m)
                .bind("contact", contactId)
                .bind("kind", kind.name())
                .bind("thread", threadRef == null ? "" : threadRef)
                .map((rs, ctx) -> {
                    long message = rs.getLong("message_id");
                    Optional<Long> messageId = rs.wasNull() ? Optional.empty() : Optional.of(message);
                    return new Received(rs.getLong("conversation_id"), messageId, rs.getBoolean("held"));
                })
                .one();
    }

    private static final String MESSAGE_COLUMNS = """
            org_id, conversation_id, channel_id, provider_message_id, direction, content_type, content, preview,
            context, referral, reply_to_provider_id, status, status_at, sent_at, media_state""";
    private static final String MESSAGE_VALUES = """
            :org, :conversation, :channel, :provider, :direction, :contentType, CAST(:content AS jsonb), :preview,
            CAST(:context AS jsonb), CAST(:referral AS jsonb), :replyTo, :status, CAST(:statusAt AS timestamptz),
            CAST(:sentAt AS timestamptz), :mediaState""";

    private static org.jdbi.v3.core.statement.Query bindMessage(org.jdbi.v3.core.statement.Query query, NewMessage m) {
        return query
                .bind("org", m.orgId())
                .bind("channel", m.channelId())
                .bind("provider", m.providerMessageId())
                .bind("direction", m.direction().name())
                .bind("contentType", contentType(m.content()))
                .bind("content", Json.write(m.content()))
                .bind("preview", ConversationStore.abbreviate(m.content().preview(), 500))
                .bind("context", m.context() == null || m.context().isEmpty() ? null : Json.write(m.context()))
                .bind("referral", Json.write(m.referral()))
                .bind("replyTo", m.context() == null ? null : m.context().replyToMessageId())
                .bind("status", m.status() == null ? null : m.status().name())
                .bind("statusAt", m.status() == null ? null : m.sentAt())
                .bind("sentAt", m.sentAt())
                .bind("mediaState", m.mediaState() == null ? null : m.mediaState().name());
    }

    /**
     * Applies what arrived before the message itself — delivery reports, a read watermark, edits,
     * deletions — after one look that usually finds nothing to do.
     */
    public void applyHeldUpdates(Handle h, long messageId, long channelId, String providerMessageId) {
        record Held(boolean statuses, boolean revisions) {
        }
        Held held = h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM message_status_events
                                        WHERE channel_id = :channel AND provider_message_id = :provider)
                            OR EXISTS (SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
                                        WHERE m.id = :id AND m.direction = 'OUTBOUND' AND c.customer_read_at >= m.sent_at),
                               EXISTS (SELECT 1 FROM message_revisions
                                        WHERE channel_id = :channel AND target_provider_id = :provider)
                        """)
                .bind("id", messageId).bind("channel", channelId).bind("provider", providerMessageId)
                .map((rs, ctx) -> new Held(rs.getBoolean(1), rs.getBoolean(2)))
                .one();
        if (held.statuses()) {
            applyStatuses(h, messageId, channelId, providerMessageId);
        }
        if (held.revisions()) {
            applyRevisions(h, messageId, channelId, providerMessageId);
        }
    }

    /** The message with this provider id on this channel, with its conversation. */
    public record Located(long id, long conversationId) {
    }

    public Optional<Located> find(Handle h, long channelId, String providerMessageId) {
        if (providerMessageId == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT id, conversation_id FROM messages WHERE channel_id = :channel AND provider_message_id = :provider")
                .bind("channel", channelId)
                .bind("provider", providerMessageId)
                .map((rs, ctx) -> new Located(rs.getLong("id"), rs.getLong("conversation_id")))
                .findOne();
    }

    /**
     * Keeps a delivery report as history; false when it was already kept (a repeat). A repeat that
     * carries details the first copy lacked (pricing, errors) fills them in, so arrival order does not
     * decide what is kept.
     */
    public boolean recordStatus(Handle h, long orgId, long channelId, String providerMessageId, MessageStatus status,
                                Instant occurredAt, String recipientId, List<MetaError> errors,
                                String pricingCategory, String conversationOrigin) {
        return h.createUpdate("""
                        INSERT INTO message_status_events (org_id, channel_id, provider_message_id, status, occurred_at,
                                                           recipient_id, errors, pricing_category, conversation_origin)
                        VALUES (:org, :channel, :provider, :status, :at, :recipient, CAST(:errors AS jsonb),
                                :pricing, :origin)
                        ON CONFLICT (channel_id, provider_message_id, status, occurred_at) DO UPDATE
                           SET recipient_id = COALESCE(message_status_events.recipient_id, EXCLUDED.recipient_id),
                               errors = COALESCE(message_status_events.errors, EXCLUDED.errors),
                               pricing_category = COALESCE(message_status_events.pricing_category, EXCLUDED.pricing_category),
                               conversation_origin = COALESCE(message_status_events.conversation_origin, EXCLUDED.conversation_origin)
                         WHERE (message_status_events.recipient_id IS NULL AND EXCLUDED.recipient_id IS NOT NULL)
                            OR (message_status_events.errors IS NULL AND EXCLUDED.errors IS NOT NULL)
                            OR (message_status_events.pricing_category IS NULL AND EXCLUDED.pricing_category IS NOT NULL)
                            OR (message_status_events.conversation_origin IS NULL AND EXCLUDED.conversation_origin IS NOT NULL)
                        """)
                .bind("org", orgId)
                .bind("channel", channelId)
                .bind("provider", providerMessageId)
                .bind("status", status.name())
                .bind("at", occurredAt)
                .bind("recipient", recipientId)
                .bind("errors", errors == null || errors.isEmpty() ? null : Json.write(errors))
                .bind("pricing", pricingCategory)
                .bind("origin", conversationOrigin)
                .execute() > 0;
    }

    /**
     * Brings the message's status in line with every report kept for it: a failure wins whenever it
     * arrived; otherwise the furthest state reached. The result does not depend on arrival order.
     * Returns true when the message changed.
     */
    public boolean applyStatuses(Handle h, long messageId, long channelId, String providerMessageId) {
        record Report(MessageStatus status, Instant at, String errors) {
        }
        List<Report> reports = new java.util.ArrayList<>(h.createQuery("""
                        SELECT status, occurred_at, errors FROM message_status_events
                         WHERE channel_id = :channel AND provider_message_id = :provider
                        """)
                .bind("channel", channelId)
                .bind("provider", providerMessageId)
                .map((rs, ctx) -> new Report(MessageStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("errors")))
                .list());
        // a read receipt covering this message, wherever it arrived in the order of deliveries
        h.createQuery("""
                        SELECT c.customer_read_at FROM messages m JOIN conversations c ON c.id = m.conversation_id
                         WHERE m.id = :id AND m.direction = 'OUTBOUND' AND c.customer_read_at >= m.sent_at
                        """)
                .bind("id", messageId)
                .map((rs, ctx) -> rs.getTimestamp(1).toInstant())
                .findOne()
                .ifPresent(readAt -> reports.add(new Report(MessageStatus.READ, readAt, null)));
        Report best = null;
        for (Report r : reports) {
            if (best == null || outranks(r.status(), r.at(), best.status(), best.at())) {
                best = r;
            }
        }
        if (best == null) {
            return false;
        }
        String firstError = null;
        if (best.errors() != null) {
            MetaError[] errors = Json.read(best.errors(), MetaError[].class);
            // with our sentence for the agent when the code is one we know
            firstError = errors.length == 0 ? null : Json.write(MetaErrorCatalog.explain(errors[0]));
        }
        // only forward: a report never moves a message back (e.g. our own FAILED stays FAILED)
        return h.createUpdate("""
                        UPDATE messages
                           SET status = :status, status_at = :at, error = CAST(:error AS jsonb), updated_at = now()
                         WHERE id = :id
                           AND (status IS NULL OR status NOT IN ('FAILED', 'DELETED'))
                           AND (status IS DISTINCT FROM :status OR status_at IS DISTINCT FROM :at)
                           AND (:status = 'FAILED' OR status IS NULL OR
                                array_position(ARRAY['PENDING','QUEUED','SENDING','SENT','DELIVERED','READ','PLAYED'], status)
                                  <= array_position(ARRAY['PENDING','QUEUED','SENDING','SENT','DELIVERED','READ','PLAYED'], :status))
                        """)
                .bind("id", messageId)
                .bind("status", best.status().name())
                .bind("at", best.at())
                .bind("error", firstError)
                .execute() > 0;
    }

    private static boolean outranks(MessageStatus a, Instant aAt, MessageStatus b, Instant bAt) {
        boolean aFailed = a == MessageStatus.FAILED;
        boolean bFailed = b == MessageStatus.FAILED;
        if (aFailed != bFailed) {
            return aFailed;
        }
        if (a.rank() != b.rank()) {
            return a.rank() > b.rank();
        }
        return aAt.isAfter(bAt);
    }

    /**
     * Sets one reactor's reaction on a target message (null emoji = removed). Newer wins; at the same
     * second the outcome is fixed by the emoji's text, so replays in any order end the same way.
     * Returns true when the stored reaction changed.
     */
    public boolean react(Handle h, long orgId, long channelId, String targetProviderId, String reactor, String emoji,
                         Instant at) {
        return h.createUpdate("""
                        INSERT INTO message_reactions (org_id, channel_id, target_provider_id, reactor, emoji, reacted_at)
                        VALUES (:org, :channel, :target, :reactor, :emoji, :at)
                        ON CONFLICT (channel_id, target_provider_id, reactor) DO UPDATE
                           SET emoji = EXCLUDED.emoji, reacted_at = EXCLUDED.reacted_at
                         WHERE (message_reactions.reacted_at, COALESCE(message_reactions.emoji, ''))
                             < (EXCLUDED.reacted_at, COALESCE(EXCLUDED.emoji, ''))
                        """)
                .bind("org", orgId)
                .bind("channel", channelId)
                .bind("target", targetProviderId)
                .bind("reactor", reactor)
                .bind("emoji", emoji == null || emoji.isEmpty() ? null : emoji)
                .bind("at", at)
                .execute() > 0;
    }

    public enum RevisionKind { EDIT, DELETE }

    /** Keeps an edit or deletion of a target message; false when it was already kept. */
    public boolean recordRevision(Handle h, long orgId, long channelId, String targetProviderId, RevisionKind kind,
                                  Instant at, MessageContent newContent) {
        return h.createUpdate("""
                        INSERT INTO message_revisions (org_id, channel_id, target_provider_id, kind, occurred_at, content)
                        VALUES (:org, :channel, :target, :kind, :at, CAST(:content AS jsonb))
                        ON CONFLICT DO NOTHING
                        """)
                .bind("org", orgId)
                .bind("channel", channelId)
                .bind("target", targetProviderId)
                .bind("kind", kind.name())
                .bind("at", at)
                .bind("content", Json.write(newContent))
                .execute() > 0;
    }

    /**
     * Applies the latest edit and any deletion kept for this message. The first edit keeps the original
     * content aside. Returns true when the message changed.
     */
    public boolean applyRevisions(Handle h, long messageId, long channelId, String providerMessageId) {
        record Edit(String content, Instant at) {
        }
        Optional<Edit> latestEdit = h.createQuery("""
                        SELECT content, occurred_at FROM message_revisions
                         WHERE channel_id = :channel AND target_provider_id = :provider AND kind = 'EDIT'
                         ORDER BY occurred_at DESC, content::text DESC LIMIT 1
                        """)
                .bind("channel", channelId)
                .bind("provider", providerMessageId)
                .map((rs, ctx) -> new Edit(rs.getString("content"), rs.getTimestamp("occurred_at").toInstant()))
                .findOne();
        int edited = latestEdit.map(edit -> {
            MessageContent content = Json.read(edit.content(), MessageContent.class);
            return h.createUpdate("""
                            UPDATE messages
                               SET original_content = COALESCE(original_content, content),
                                   content = CAST(:content AS jsonb),
                                   content_type = :contentType,
                                   preview = :preview,
                                   edited_at = :at,
                                   updated_at = now()
                             WHERE id = :id AND edited_at IS DISTINCT FROM :at
                            """)
                    .bind("id", messageId)
                    .bind("content", edit.content())
                    .bind("contentType", contentType(content))
                    .bind("preview", ConversationStore.abbreviate(content.preview(), 500))
                    .bind("at", edit.at())
                    .execute();
        }).orElse(0);
        int deleted = h.createUpdate("""
                        UPDATE messages m
                           SET deleted_at = r.occurred_at, updated_at = now()
                          FROM (SELECT occurred_at FROM message_revisions
                                 WHERE channel_id = :channel AND target_provider_id = :provider AND kind = 'DELETE'
                                 ORDER BY occurred_at LIMIT 1) r
                         WHERE m.id = :id AND m.deleted_at IS NULL
                        """)
                .bind("id", messageId)
                .bind("channel", channelId)
                .bind("provider", providerMessageId)
                .execute();
        return edited + deleted > 0;
    }

    public void queueMediaDownload(Handle h, long orgId, long channelId, long messageId, String providerMediaId, String url) {
        h.createUpdate("""
                        INSERT INTO media_downloads (message_id, org_id, channel_id, provider_media_id, url)
                        VALUES (:message, :org, :channel, :media, :url)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                .bind("message", messageId)
                .bind("org", orgId)
                .bind("channel", channelId)
                .bind("media", providerMediaId)
                .bind("url", url)
                .execute();
    }

    static String contentType(MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> "text";
            case MessageContent.Media m -> "media";
            case MessageContent.Location l -> "location";
            case MessageContent.ContactCards c -> "contacts";
            case MessageContent.InteractiveReply i -> "interactive_reply";
            case MessageContent.ButtonReply b -> "button_reply";
            case MessageContent.Order o -> "order";
            case MessageContent.Share s -> "share";
            case MessageContent.StoryMention s -> "story_mention";
            case MessageContent.Postback p -> "postback";
            case MessageContent.Comment c -> "comment";
            case MessageContent.Mention m -> "mention";
            case MessageContent.SystemNotice s -> "system";
            case MessageContent.Template t -> "template";
            case MessageContent.Unsupported u -> "unsupported";
        };
    }
}
