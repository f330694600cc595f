package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A connected WhatsApp number or Instagram account, without its secrets. {@code messagesPerSecond} is
 * the send rate the backend keeps to on this number (WhatsApp's throughput: 80 by default, up to 1,000);
 * {@code tokenInvalidSince} is set when Meta refused the channel's access token (error 190) and
 * cleared when an admin pastes a new one — nothing is sent on the channel meanwhile. {@code version}
 * counts the changes of the stored row ({@link id.orqestra.model.sync.SyncChange}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelView(
        long id,
        Platform platform,
        String name,
        String waPhoneNumberId,
        String waBusinessAccountId,
        String displayPhoneNumber,
        String igAccountId,
        String igUsername,
        boolean enabled,
        Integer messagesPerSecond,
        Instant tokenInvalidSince,
        long version) {

    @JsonCreator
    public ChannelView {
    }

    /** Without the sending settings, for code written before they existed. */
    public ChannelView(long id, Platform platform, String name, String waPhoneNumberId, String waBusinessAccountId,
                       String displayPhoneNumber, String igAccountId, String igUsername, boolean enabled) {
        this(id, platform, name, waPhoneNumberId, waBusinessAccountId, displayPhoneNumber, igAccountId, igUsername,
                enabled, null, null, 0);
    }
}
