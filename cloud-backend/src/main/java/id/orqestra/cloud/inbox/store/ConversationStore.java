package id.orqestra.cloud.inbox.store;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.Referral;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;

/** Conversations: one per channel, contact and thread, reopened by the customer's next message. */
@Singleton
public class ConversationStore {

    /** How long a click-to-WhatsApp ad entry keeps the free-entry window open. */
    public static final Duration FREE_ENTRY_WINDOW = Duration.ofHours(72);

    public long findOrCreate(Handle h, long orgId, long channelId, long contactId, ConversationKind kind, String threadRef) {
        return h.createQuery("""
                        INSERT INTO conversations (org_id, channel_id, contact_id, kind, thread_ref)
                        VALUES (:org, :channel, :contact, :kind, :thread)
                        ON CONFLICT (channel_id, contact_id, kind, thread_ref) DO UPDATE SET kind = EXCLUDED.kind
                        RETURNING id
                        """)
                .bind("org", orgId)
                .bind("channel", channelId)
                .bind("contact", contactId)
                .bind("kind", kind.name())
                .bind("thread", threadRef == null ? "" : threadRef)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Records a new message in the conversation's summary. A customer's message reopens a resolved
     * conversation, counts as unread and restarts the customer-service window; a system notice does
     * neither. The list preview only moves forward in time, so a late-arriving old message does not
     * replace a newer one (at the same second the larger text wins, so any arrival order agrees).
     * Returns the conversation as it now is.
     */
    public ConversationView recordMessage(Handle h, long conversationId, Direction direction, Instant sentAt,
                                          String preview, boolean countsAsCustomerMessage) {
        return recordMessage(h, conversationId, direction, sentAt, preview, countsAsCustomerMessage, null);
    }

    /**
     * The same, also keeping how the customer arrived when the message carries a referral (the newest
     * report wins); an ad entry opens the 72-hour free-entry window from that message.
     */
    public ConversationView recordMessage(Handle h, long conversationId, Direction direction, Instant sentAt,
                                          String preview, boolean countsAsCustomerMessage, Referral referral) {
        boolean customer = direction == Direction.INBOUND && countsAsCustomerMessage;
        return h.createQuery("""
                        UPDATE conversations c
                           SET last_message_preview = CASE WHEN last_message_at IS NULL
                                                             OR (CAST(:sentAt AS timestamptz), :preview) > (last_message_at, last_message_preview)
                                                           THEN :preview ELSE last_message_preview END,
                               last_message_direction = CASE WHEN last_message_at IS NULL
                                                             OR (CAST(:sentAt AS timestamptz), :preview) > (last_message_at, last_message_preview)
                                                             THEN :direction ELSE last_message_direction END,
                               last_message_at = GREATEST(last_message_at, :sentAt),
                               last_inbound_at = CASE WHEN :customer THEN GREATEST(last_inbound_at, :sentAt)
                                                      ELSE last_inbound_at END,
                               unread_count = unread_count + CASE WHEN :customer THEN 1 ELSE 0 END,
                               status = CASE WHEN :customer AND status = 'RESOLVED' THEN 'OPEN' ELSE status END,
                               referral = CASE WHEN CAST(:referral AS jsonb) IS NOT NULL AND (referral_at IS NULL
                                                    OR (CAST(:sentAt AS timestamptz), CAST(:referral AS jsonb)::text) >= (referral_at, referral::text))
                                               THEN CAST(:referral AS jsonb) ELSE referral END,
                               referral_at = CASE WHEN CAST(:referral AS jsonb) IS NOT NULL THEN GREATEST(referral_at, :sentAt)
                                                  ELSE referral_at END,
                               free_entry_until = CASE WHEN :fromAd THEN GREATEST(free_entry_until, :until)
                                                       ELSE free_entry_until END,
                               updated_at = now()
                          FROM channels ch
                         WHERE c.id = :id AND ch.id = c.channel_id
                     RETURNING c.*, ch.platform,
                               ARRAY(SELECT l.label FROM conversation_labels l WHERE l.conversation_id = c.id ORDER BY l.label) AS labels
                        """)
                .bind("id", conversationId)
                .bind("sentAt", sentAt)
                .bind("preview", abbreviate(preview, 280))
                .bind("direction", direction.name())
                .bind("customer", customer)
                .bind("referral", Json.write(referral))
                .bind("fromAd", referral != null && referral.fromAd())
                .bind("until", sentAt.plus(FREE_ENTRY_WINDOW))
                .map((rs, ctx) -> InboxViews.conversation(rs))
                .one();
    }

    /**
     * Sets the list preview from the conversation's newest message (the same order
     * {@link #recordMessage} keeps), after messages moved in or out. Returns false when no message is
     * left: the conversation then has no last message and drops out of the lists.
     */
    public boolean recomputeSummary(Handle h, long conversationId) {
        return h.createQuery("""
                        UPDATE conversations c
                           SET last_message_at = newest.sent_at, last_message_preview = newest.preview,
                               last_message_direction = newest.direction, updated_at = now()
                          FROM (SELECT 1) AS one
                          LEFT JOIN LATERAL (SELECT sent_at, preview, direction FROM messages WHERE conversation_id = :id
                                              ORDER BY sent_at DESC, preview DESC LIMIT 1) newest ON TRUE
                         WHERE c.id = :id
                     RETURNING newest.sent_at IS NOT NULL
                        """)
                .bind("id", conversationId)
                .mapTo(Boolean.class)
                .one();
    }

    public void touch(Handle h, long conversationId) {
        h.createUpdate("UPDATE conversations SET updated_at = now() WHERE id = :id").bind("id", conversationId).execute();
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
