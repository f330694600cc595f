package id.orqestra.model.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A member of the organization as admins see them. {@code invitationPending}: invited but not signed up
 * yet; {@code version} counts the changes of the stored row ({@link id.orqestra.model.sync.SyncChange}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserView(long id, String email, String name, long roleId, String roleName, boolean active,
                       boolean invitationPending, Instant createdAt, long version) {
}
