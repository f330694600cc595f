package id.orqestra.cloud.outbound;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;
import java.util.UUID;

/**
 * Ties a WhatsApp status webhook back to our message when the send's answer never came (a timeout or
 * a dropped connection after the request was written): every message we send carries its client id in
 * {@code biz_opaque_callback_data}, and Meta repeats it in the statuses. The message then gets its
 * provider id — and if the grace period had already failed it as unconfirmed, it is un-failed, since
 * it did go out.
 */
@Singleton
public class SendReconciler {

    /**
     * Gives the message named by {@code callbackData} the provider id of this status, when it has none
     * yet. Runs in the ingest's transaction; returns the message id when it adopted one.
     */
    public Optional<Long> adopt(Handle h, long channelId, String providerMessageId, String callbackData) {
        if (callbackData == null || providerMessageId == null) {
            return Optional.empty();
        }
        UUID clientId;
        try {
            clientId = UUID.fromString(callbackData.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // someone else's callback data (a broadcast tool, a flow): not ours
        }
        Optional<Long> messageId = h.createQuery("""
                        UPDATE messages m
                           SET provider_message_id = :provider,
                               status = CASE WHEN m.status = 'FAILED' THEN 'SENDING' ELSE m.status END,
                               error = CASE WHEN m.status = 'FAILED' THEN NULL ELSE m.error END,
                               updated_at = now()
                         WHERE m.channel_id = :channel AND m.client_id = :client AND m.direction = 'OUTBOUND'
                           AND m.provider_message_id IS NULL
                           AND (m.status <> 'FAILED' OR EXISTS (SELECT 1 FROM outbound_jobs j WHERE j.message_id = m.id
                                                                   AND j.unconfirmed_since IS NOT NULL))
                     RETURNING m.id
                        """)
                .bind("provider", providerMessageId)
                .bind("channel", channelId)
                .bind("client", clientId)
                .mapTo(Long.class)
                .findOne();
        messageId.ifPresent(id -> h.createUpdate("""
                        UPDATE outbound_jobs SET state = 'DONE', provider_id = :provider, finished_at = now(),
                               last_error = NULL
                         WHERE message_id = :id AND state IN ('UNCONFIRMED', 'FAILED', 'SENDING')
                        """)
                .bind("provider", providerMessageId).bind("id", id).execute());
        return messageId;
    }
}
