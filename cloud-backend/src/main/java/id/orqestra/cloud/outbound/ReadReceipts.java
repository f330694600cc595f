package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.json.Json;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Tells the customer their messages were read once an agent opens the conversation: WhatsApp's
 * {@code status: read} on their newest message (which covers all before it), Instagram's
 * {@code mark_seen}. Queued like any other write, so it is paced and retried with the rest.
 */
@Singleton
public class ReadReceipts {

    private final OutboundQueue queue;

    public ReadReceipts(OutboundQueue queue) {
        this.queue = queue;
    }

    /** Queues the receipt inside the caller's transaction; nothing when there is nothing to acknowledge. */
    public void send(Handle h, long orgId, long conversationId) {
        record Target(long channelId, String platform, String phoneNumberId, String igAccountId, String recipient,
                      String newestInbound, boolean canSend) {
        }
        h.createQuery("""
                        SELECT ch.id, ch.platform, ch.wa_phone_number_id, ch.ig_account_id, ct.external_id,
                               (SELECT m.provider_message_id FROM messages m
                                 WHERE m.conversation_id = c.id AND m.direction = 'INBOUND'
                                   AND m.provider_message_id NOT LIKE 'referral:%' AND m.provider_message_id NOT LIKE 'derived:%'
                                 ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS newest,
                               ch.enabled AND ch.token_invalid_since IS NULL AND c.kind = 'DM'
                                 -- Instagram takes a seen receipt only inside its 24-hour window
                                 AND (ch.platform = 'WHATSAPP' OR c.last_inbound_at > now() - interval '24 hours') AS can_send
                          FROM conversations c
                          JOIN channels ch ON ch.id = c.channel_id
                          JOIN contacts ct ON ct.id = c.contact_id
                         WHERE c.id = :id AND c.org_id = :org
                        """)
                .bind("id", conversationId).bind("org", orgId)
                .map((rs, ctx) -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)))
                .findOne()
                .filter(t -> t.canSend() && t.newestInbound() != null && t.recipient() != null)
                .ifPresent(t -> {
                    boolean whatsApp = "WHATSAPP".equals(t.platform());
                    if (whatsApp && t.phoneNumberId() == null) {
                        return;
                    }
                    ObjectNode body = whatsApp ? MessageComposer.whatsAppMarkRead(t.newestInbound())
                            : MessageComposer.instagramMarkSeen(t.recipient());
                    queue.enqueue(h, new OutboundJob.New(orgId, t.channelId(), conversationId, null,
                            OutboundJob.Kind.MARK_READ, t.recipient(),
                            whatsApp ? GraphSender.Api.WHATSAPP : GraphSender.Api.INSTAGRAM, "POST",
                            (whatsApp ? t.phoneNumberId() : t.igAccountId()) + "/messages", body, null,
                            whatsApp ? MessagingWindows.Rule.NONE : MessagingWindows.Rule.INSTAGRAM_REPLY,
                            Json.mapper().createObjectNode().put("writtenByPerson", false)));
                });
    }
}
