package id.orqestra.cloud.tenant.team;

import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.audit.AuditLog;
import id.orqestra.cloud.tenant.auth.SessionService;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Team members, invitations and roles of one organization. */
@Singleton
public class TeamService {

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private final Tx tx;
    private final AuditLog audit;
    private final SessionService sessions;
    private final ChangeFeed feed;

    public TeamService(Tx tx, AuditLog audit, SessionService sessions, ChangeFeed feed) {
        this.tx = tx;
        this.audit = audit;
        this.sessions = sessions;
        this.feed = feed;
    }

    private static final String USER_SELECT = """
            SELECT u.id, u.email, u.name, u.role_id, r.name AS role_name, u.active,
                   u.password_hash IS NULL AS pending, u.created_at, u.version
              FROM users u JOIN roles r ON r.id = u.role_id
            """;

    public List<UserView> users(Principal.Member me) {
        return tx.inOrg(me.orgId(), h -> h.createQuery(USER_SELECT + " WHERE u.org_id = :org ORDER BY lower(u.name), u.id")
                .bind("org", me.orgId()).map((rs, ctx) -> user(rs)).list());
    }

    /** Every member of the organization, by id (the order a sync snapshot pages in). */
    public static List<UserView> usersById(Handle h, long orgId) {
        return h.createQuery(USER_SELECT + " WHERE u.org_id = :org ORDER BY u.id")
                .bind("org", orgId).map((rs, ctx) -> user(rs)).list();
    }

    static UserView user(ResultSet rs) throws SQLException {
        return new UserView(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getLong("role_id"),
                rs.getString("role_name"), rs.getBoolean("active"), rs.getBoolean("pending"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("version"));
    }

    static UserView loadUser(Handle h, long orgId, long userId) {
        return h.createQuery(USER_SELECT + " WHERE u.org_id = :org AND u.id = :id")
                .bind("org", orgId).bind("id", userId).map((rs, ctx) -> user(rs)).findOne()
                .orElseThrow(() -> ApiException.notFound("There is no such team member in your organization."));
    }

    public TeamRequests.Invitation invite(Principal.Member me, TeamRequests.InviteRequest request) {
        String email = UserStore.normaliseEmail(request.email());
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
            throw ApiException.badRequest("Enter a valid email address for the person you invite.");
        }
        String name = request.name() == null || request.name().isBlank() ? email.substring(0, email.indexOf('@'))
                : request.name().strip();
        if (name.length() > 120) {
            throw ApiException.badRequest("The name can be at most 120 characters.");
        }
        String token = sessions.newSecret();
        Instant expires = Instant.now().plus(INVITATION_LIFETIME);
        // checked before entering the organization: inside tx.inOrg a nested tx.system reuses the same
        // handle, whose row-level security hides other organizations' accounts (and the insert then fails)
        boolean taken = tx.system(h -> h.createQuery("SELECT count(*) FROM users WHERE email = :email")
                .bind("email", email).mapTo(Integer.class).one()) > 0;
        if (taken) {
            throw ApiException.conflict("There is already an Orqestra account with " + email + ".");
        }
        return tx.inOrg(me.orgId(), h -> {
            requireRole(h, me.orgId(), request.roleId());
            requireWithinOwn(me, loadRole(h, me.orgId(), request.roleId()).permissions(),
                    "You cannot invite someone into a role with permissions your own role lacks");
            long userId = h.createQuery("""
                            INSERT INTO users (org_id, email, name, role_id) VALUES (:org, :email, :name, :role) RETURNING id
                            """)
                    .bind("org", me.orgId()).bind("email", email).bind("name", name).bind("role", request.roleId())
                    .mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO invitations (token_hash, org_id, user_id, invited_by, expires_at)
                            VALUES (:hash, :org, :user, :by, :expires)
                            """)
                    .bind("hash", Hashing.sha256Hex(token)).bind("org", me.orgId()).bind("user", userId)
                    .bind("by", me.userId()).bind("expires", expires).execute();
            audit.record(h, me, "user.invited", "user:" + userId, Map.of("email", email, "roleId",
                    Long.toString(request.roleId())));
            feed.append(h, me.orgId(), new SyncChange.UserUpserted(loadUser(h, me.orgId(), userId)));
            return new TeamRequests.Invitation(userId, email, token, expires);
        });
    }

    public UserView update(Principal.Member me, long userId, TeamRequests.UpdateUserRequest request) {
        if (request.roleId() == null && request.active() == null) {
            throw ApiException.badRequest("Say what to change: roleId, active, or both.");
        }
        return tx.inOrg(me.orgId(), h -> {
            UserView before = loadUser(h, me.orgId(), userId);
            requireWithinOwn(me, loadRole(h, me.orgId(), before.roleId()).permissions(), "You cannot change a member whose role has permissions your own role lacks");
            if (request.active() != null && !request.active() && userId == me.userId()) {
                throw ApiException.badRequest("You cannot deactivate yourself; ask another admin.");
            }
            if (request.roleId() != null && request.roleId() != before.roleId()) {
                requireRole(h, me.orgId(), request.roleId());
                requireWithinOwn(me, loadRole(h, me.orgId(), request.roleId()).permissions(), "You cannot give someone a role with permissions your own role lacks");
                h.createUpdate("UPDATE users SET role_id = :role, updated_at = now() WHERE id = :id AND org_id = :org")
                        .bind("role", request.roleId()).bind("id", userId).bind("org", me.orgId()).execute();
                audit.record(h, me, "user.role_changed", "user:" + userId,
                        Map.of("from", before.roleName(), "toRoleId", Long.toString(request.roleId())));
            }
            if (request.active() != null && request.active() != before.active()) {
                h.createUpdate("UPDATE users SET active = :active, updated_at = now() WHERE id = :id AND org_id = :org")
                        .bind("active", request.active()).bind("id", userId).bind("org", me.orgId()).execute();
                if (!request.active()) {
                    h.createUpdate("UPDATE sessions SET revoked_at = now() WHERE user_id = :id AND revoked_at IS NULL")
                            .bind("id", userId).execute();
                }
                audit.record(h, me, request.active() ? "user.reactivated" : "user.deactivated", "user:" + userId,
                        Map.of("email", before.email()));
            }
            requireAnOwnerLeft(h, me.orgId());
            UserView after = loadUser(h, me.orgId(), userId);
            feed.append(h, me.orgId(), new SyncChange.UserUpserted(after));
            return after;
        });
    }

    /** Refuses a change that would leave the organization without an active owner. */
    private static void requireAnOwnerLeft(Handle h, long orgId) {
        int owners = h.createQuery("""
                        SELECT count(*) FROM users u JOIN roles r ON r.id = u.role_id
                         WHERE u.org_id = :org AND u.active AND u.password_hash IS NOT NULL AND r.built_in = 'OWNER'
                        """).bind("org", orgId).mapTo(Integer.class).one();
        if (owners == 0) {
            throw ApiException.conflict("The organization must keep at least one active Owner.");
        }
    }

    private static void requireRole(Handle h, long orgId, long roleId) {
        int found = h.createQuery("SELECT count(*) FROM roles WHERE id = :id AND org_id = :org")
                .bind("id", roleId).bind("org", orgId).mapTo(Integer.class).one();
        if (found == 0) {
            throw ApiException.badRequest("There is no such role in your organization.");
        }
    }

    /**
     * Nobody hands out more than they hold: a role given to someone (or a role's permissions) must be
     * within the actor's own permissions, so team.manage or role.manage cannot be turned into Owner.
     */
    private static void requireWithinOwn(Principal.Member me, Set<Permission> granted, String refusal) {
        Set<Permission> beyond = EnumSet.noneOf(Permission.class);
        granted.stream().filter(p -> !me.has(p)).forEach(beyond::add);
        if (!beyond.isEmpty()) {
            throw ApiException.forbidden(refusal + " (" + beyond.stream().map(Permission::key).sorted()
                    .collect(java.util.stream.Collectors.joining(", ")) + ").");
        }
    }

    // --- roles ---------------------------------------------------------------------------------------

    private static final String ROLE_SELECT = """
            SELECT r.id, r.name, r.built_in, r.permissions,
                   (SELECT count(*) FROM users u WHERE u.role_id = r.id) AS user_count
              FROM roles r
            """;

    public List<RoleView> roles(Principal.Member me) {
        return tx.inOrg(me.orgId(), h -> h.createQuery(ROLE_SELECT + """
                         WHERE r.org_id = :org
                         ORDER BY r.built_in IS NULL, array_position(ARRAY['OWNER','ADMIN','SUPERVISOR','AGENT','ANALYST'], r.built_in), lower(r.name)
                        """)
                .bind("org", me.orgId()).map((rs, ctx) -> role(rs)).list());
    }

    static RoleView role(ResultSet rs) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (Object key : (Object[]) rs.getArray("permissions").getArray()) {
            try {
                permissions.add(Permission.fromKey((String) key));
            } catch (IllegalArgumentException ignored) {
                // a permission no longer in the product grants nothing
            }
        }
        String builtIn = rs.getString("built_in");
        return new RoleView(rs.getLong("id"), rs.getString("name"), builtIn == null ? null : BuiltInRole.valueOf(builtIn),
                Set.copyOf(permissions), rs.getInt("user_count"));
    }

    private static RoleView loadRole(Handle h, long orgId, long roleId) {
        return h.createQuery(ROLE_SELECT + " WHERE r.org_id = :org AND r.id = :id")
                .bind("org", orgId).bind("id", roleId).map((rs, ctx) -> role(rs)).findOne()
                .orElseThrow(() -> ApiException.notFound("There is no such role in your organization."));
    }

    public RoleView createRole(Principal.Member me, TeamRequests.RoleRequest request) {
        String name = validRoleName(request.name());
        Set<Permission> permissions = validPermissions(request.permissions());
        requireWithinOwn(me, permissions, "You cannot create a role with permissions your own role lacks");
        return tx.inOrg(me.orgId(), h -> {
            requireUniqueRoleName(h, me.orgId(), name, null);
            long id = h.createQuery("INSERT INTO roles (org_id, name, permissions) VALUES (:org, :name, :permissions) RETURNING id")
                    .bind("org", me.orgId()).bind("name", name).bind("permissions", keys(permissions))
                    .mapTo(Long.class).one();
            audit.record(h, me, "role.created", "role:" + id, Map.of("name", name, "permissions", String.join(",", keys(permissions))));
            return loadRole(h, me.orgId(), id);
        });
    }

    public RoleView updateRole(Principal.Member me, long roleId, TeamRequests.RoleRequest request) {
        String name = validRoleName(request.name());
        Set<Permission> permissions = validPermissions(request.permissions());
        requireWithinOwn(me, permissions, "You cannot give a role permissions your own role lacks");
        return tx.inOrg(me.orgId(), h -> {
            RoleView before = loadRole(h, me.orgId(), roleId);
            if (before.builtIn() != null) {
                throw ApiException.badRequest("Built-in roles cannot be changed. Create a custom role instead.");
            }
            requireUniqueRoleName(h, me.orgId(), name, roleId);
            h.createUpdate("UPDATE roles SET name = :name, permissions = :permissions WHERE id = :id AND org_id = :org")
                    .bind("name", name).bind("permissions", keys(permissions)).bind("id", roleId).bind("org", me.orgId())
                    .execute();
            audit.record(h, me, "role.changed", "role:" + roleId, Map.of("name", name, "permissions",
                    String.join(",", keys(permissions))));
            return loadRole(h, me.orgId(), roleId);
        });
    }

    public void deleteRole(Principal.Member me, long roleId) {
        tx.inOrg(me.orgId(), h -> {
            RoleView role = loadRole(h, me.orgId(), roleId);
            if (role.builtIn() != null) {
                throw ApiException.badRequest("Built-in roles cannot be deleted.");
            }
            if (role.userCount() > 0) {
                throw ApiException.conflict("This role is held by " + role.userCount()
                        + (role.userCount() == 1 ? " person" : " people") + ". Give them another role first.");
            }
            h.createUpdate("DELETE FROM roles WHERE id = :id AND org_id = :org").bind("id", roleId).bind("org", me.orgId()).execute();
            audit.record(h, me, "role.deleted", "role:" + roleId, Map.of("name", role.name()));
            return null;
        });
    }

    private static void requireUniqueRoleName(Handle h, long orgId, String name, Long except) {
        int clashes = h.createQuery("SELECT count(*) FROM roles WHERE org_id = :org AND lower(name) = lower(:name) AND id <> :except")
                .bind("org", orgId).bind("name", name).bind("except", except == null ? -1 : except)
                .mapTo(Integer.class).one();
        if (clashes > 0) {
            throw ApiException.conflict("There is already a role called '" + name + "'.");
        }
    }

    private static String validRoleName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("Give the role a name.");
        }
        if (name.strip().length() > 80) {
            throw ApiException.badRequest("Role names can be at most 80 characters.");
        }
        return name.strip();
    }

    private static Set<Permission> validPermissions(Set<Permission> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw ApiException.badRequest("Choose at least one permission for the role.");
        }
        if (permissions.contains(null)) {
            throw ApiException.badRequest("The list names a permission that does not exist; use the names from GET /api/v1/roles.");
        }
        return EnumSet.copyOf(permissions);
    }

    private static String[] keys(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::key).toArray(String[]::new);
    }
}
