package id.orqestra.cloud.tenant.access;

import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.model.tenant.Permission;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns verified token claims into a principal with current facts: the session must still be open,
 * the user active, and the permissions are those of their role right now.
 */
@Singleton
public class PrincipalLoader {

    private final Tx tx;

    public PrincipalLoader(Tx tx) {
        this.tx = tx;
    }

    public Optional<Principal> load(TokenService.Claims claims) {
        if ("platform".equals(claims.kind())) {
            return tx.system(h -> h.createQuery("SELECT id, email FROM platform_admins WHERE id = :id")
                    .bind("id", claims.subject())
                    .map((rs, ctx) -> (Principal) new Principal.PlatformAdmin(rs.getLong(1), rs.getString(2)))
                    .findOne());
        }
        if (!"member".equals(claims.kind()) || claims.sessionId() == null || claims.orgId() == null) {
            return Optional.empty();
        }
        return tx.inOrg(claims.orgId(), h -> h.createQuery("""
                        SELECT u.id, u.org_id, u.name, u.email, r.permissions
                          FROM sessions s
                          JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id
                          JOIN roles r ON r.id = u.role_id
                         WHERE s.id = :session AND s.user_id = :user AND s.org_id = :org
                           AND s.revoked_at IS NULL AND u.active
                        """)
                .bind("session", claims.sessionId())
                .bind("user", claims.subject())
                .bind("org", claims.orgId())
                .map((rs, ctx) -> (Principal) new Principal.Member(rs.getLong("id"), rs.getLong("org_id"),
                        rs.getString("name"), rs.getString("email"), claims.sessionId(),
                        permissions(rs.getArray("permissions"))))
                .findOne());
    }

    /**
     * For long-lived connections whose access token has since expired: the member as long as the
     * session the token named is still open and the user active.
     */
    public Optional<Principal.Member> loadSession(TokenService.Claims claims) {
        return load(claims).filter(Principal.Member.class::isInstance).map(Principal.Member.class::cast);
    }

    static Set<Permission> permissions(Array array) throws java.sql.SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (array == null) {
            return permissions;
        }
        for (Object key : (Object[]) array.getArray()) {
            try {
                permissions.add(Permission.fromKey((String) key));
            } catch (IllegalArgumentException ignored) {
                // a permission removed from the product: it grants nothing
            }
        }
        return permissions;
    }
}
