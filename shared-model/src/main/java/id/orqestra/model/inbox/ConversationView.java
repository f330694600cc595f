package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

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
        Instant updatedAt) {
}
