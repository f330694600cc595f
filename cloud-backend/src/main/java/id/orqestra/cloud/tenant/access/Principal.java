package id.orqestra.cloud.tenant.access;

import id.orqestra.model.tenant.Permission;

import java.util.Set;
import java.util.UUID;

/** Who is calling: a member of one organization, or a platform administrator. */
public sealed interface Principal {

    /** A member of an organization. Their organization comes only from here, never from a path or body. */
    @io.swagger.v3.oas.annotations.Hidden
    record Member(long userId, long orgId, String name, String email, UUID sessionId, Set<Permission> permissions)
            implements Principal {
        public boolean has(Permission permission) {
            return permissions.contains(permission);
        }
    }

    @io.swagger.v3.oas.annotations.Hidden
    record PlatformAdmin(long adminId, String email) implements Principal {
    }
}
