package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Graph API write as the workers see it once claimed, with what they need from its channel: the
 * account it goes out from, the number's send rate, and its access token still sealed (opened only for
 * the request).
 */
public record OutboundJob(long id, long orgId, long channelId, Long conversationId, Long messageId, Kind kind,
                          String recipient, GraphSender.Api api, String method, String path, ObjectNode body,
                          JsonNode mediaUpload, String uploadedMediaId, MessagingWindows.Rule windowRule,
                          ObjectNode details, int attempts, String wabaId, String phoneNumberId,
                          int messagesPerSecond, byte[] sealedToken, boolean tokenInvalid) {

    public enum Kind { MESSAGE, REACTION, MARK_READ, TEMPLATE_SYNC }

    /** A job to queue. */
    public record New(long orgId, long channelId, Long conversationId, Long messageId, Kind kind, String recipient,
                      GraphSender.Api api, String method, String path, ObjectNode body, JsonNode mediaUpload,
                      MessagingWindows.Rule windowRule, ObjectNode details) {
    }

    /** Requests that count against the number's throughput (template syncs are reads and do not). */
    public boolean paced() {
        return kind != Kind.TEMPLATE_SYNC;
    }
}
