package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A message as the desktop shows it: content, direction, delivery state with Meta's error, reactions,
 * and whether it was edited or deleted. {@code clientId} is the sender's idempotency key for messages
 * written in the desktop app. {@code hiddenAt} is when a moderator hid this Instagram comment from the
 * public (it still shows here, marked). {@code version} counts the changes of the stored message and its
 * reactions ({@link id.orqestra.model.sync.SyncChange}).
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
        List<ReactionView> reactions,
        Instant hiddenAt,
        long version) {

    @JsonCreator
    public MessageView {
    }

    /** Not read from a stored row, so without a version (samples, tests). */
    public MessageView(long id, long conversationId, long channelId, String providerMessageId, String clientId,
                       Direction direction, MessageContent content, MessageContext context, Referral referral,
                       MessageStatus status, Instant statusAt, MetaError error, Long senderUserId, Instant sentAt,
                       Instant editedAt, Instant deletedAt, MediaState mediaState, List<ReactionView> reactions,
                       Instant hiddenAt) {
        this(id, conversationId, channelId, providerMessageId, clientId, direction, content, context, referral, status,
                statusAt, error, senderUserId, sentAt, editedAt, deletedAt, mediaState, reactions, hiddenAt, 0);
    }

    /** Without moderation state, for code written before it existed. */
    public MessageView(long id, long conversationId, long channelId, String providerMessageId, String clientId,
                       Direction direction, MessageContent content, MessageContext context, Referral referral,
                       MessageStatus status, Instant statusAt, MetaError error, Long senderUserId, Instant sentAt,
                       Instant editedAt, Instant deletedAt, MediaState mediaState, List<ReactionView> reactions) {
        this(id, conversationId, channelId, providerMessageId, clientId, direction, content, context, referral, status,
                statusAt, error, senderUserId, sentAt, editedAt, deletedAt, mediaState, reactions, null, 0);
    }
}
