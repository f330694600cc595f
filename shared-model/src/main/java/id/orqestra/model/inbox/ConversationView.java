package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the desktop lists it. {@code windowClosesAt} is until when an agent may write
 * freely (WhatsApp: 24 hours after the customer's last message, or the 72-hour free entry after an ad;
 * Instagram: 7 days with the human-agent tag); after it, WhatsApp needs a template and Instagram
 * refuses. Null when there is no such window (no customer message yet, comment threads).
 * {@code version} counts the changes of the stored row ({@link id.orqestra.model.sync.SyncChange}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationView(
        long id,
        long channelId,
        Platform platform,
        long contactId,
        ConversationKind kind,
        String threadRef,
        ConversationStatus status,
        Long assigneeUserId,
        Long teamId,
        Instant lastMessageAt,
        String lastMessagePreview,
        Direction lastMessageDirection,
        Instant lastInboundAt,
        Instant freeEntryUntil,
        int unreadCount,
        List<String> labels,
        Referral referral,
        Instant updatedAt,
        Instant windowClosesAt,
        long version) {

    @JsonCreator
    public ConversationView {
    }

    /** Not read from a stored row, so without a version (samples, tests). */
    public ConversationView(long id, long channelId, Platform platform, long contactId, ConversationKind kind,
                            String threadRef, ConversationStatus status, Long assigneeUserId, Long teamId,
                            Instant lastMessageAt, String lastMessagePreview, Direction lastMessageDirection,
                            Instant lastInboundAt, Instant freeEntryUntil, int unreadCount, List<String> labels,
                            Referral referral, Instant updatedAt, Instant windowClosesAt) {
        this(id, channelId, platform, contactId, kind, threadRef, status, assigneeUserId, teamId, lastMessageAt,
                lastMessagePreview, lastMessageDirection, lastInboundAt, freeEntryUntil, unreadCount, labels, referral,
                updatedAt, windowClosesAt, 0);
    }

    /** Without the window, for code written before it existed. */
    public ConversationView(long id, long channelId, Platform platform, long contactId, ConversationKind kind,
                            String threadRef, ConversationStatus status, Long assigneeUserId, Long teamId,
                            Instant lastMessageAt, String lastMessagePreview, Direction lastMessageDirection,
                            Instant lastInboundAt, Instant freeEntryUntil, int unreadCount, List<String> labels,
                            Referral referral, Instant updatedAt) {
        this(id, channelId, platform, contactId, kind, threadRef, status, assigneeUserId, teamId, lastMessageAt,
                lastMessagePreview, lastMessageDirection, lastInboundAt, freeEntryUntil, unreadCount, labels, referral,
                updatedAt, null, 0);
    }
}
