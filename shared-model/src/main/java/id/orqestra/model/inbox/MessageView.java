package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A message as the desktop shows it: content, direction, delivery state with Meta's error, reactions,
 * and whether it was edited or deleted. {@code clientId} is the sender's idempotency key for messages
 * written in the desktop app.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageView(
        long id,
        long conversationId,
        long channelId,
        String providerMessageId,
        String clientId,
        Direction direction,
        MessageContent content,
        MessageContext context,
        Referral referral,
        MessageStatus status,
        Instant statusAt,
        MetaError error,
        Long senderUserId,
        Instant sentAt,
        Instant editedAt,
        Instant deletedAt,
        MediaState mediaState,
        List<ReactionView> reactions) {
}
