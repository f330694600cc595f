package id.orqestra.model.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;

/**
 * A customer as the desktop shows it. {@code externalId} is the wa_id (as Meta sent it) or the IGSID;
 * {@code version} counts the changes of the stored row ({@link id.orqestra.model.sync.SyncChange}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactView(
        long id,
        long channelId,
        Platform platform,
        String externalId,
        String scopedUserId,
        String name,
        String username,
        Map<String, String> attributes,
        boolean marketingOptOut,
        Instant updatedAt,
        long version) {

    /** The best name to show: the profile name, the username, or the number/id. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (username != null && !username.isBlank()) {
            return "@" + username;
        }
        if (externalId != null) {
            return platform == Platform.WHATSAPP ? "+" + externalId : externalId;
        }
        return scopedUserId != null ? scopedUserId : "Unknown";
    }
}
