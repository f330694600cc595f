package id.orqestra.cloud.tenant.auth;

import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.PasswordHasher;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.TokenService;
import id.orqestra.cloud.tenant.audit.AuditLog;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.PasswordRule;
import id.orqestra.model.tenant.Permission;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in, refresh, sign-out and password changes. A session is a row; access tokens name it and die
 * with it. Refresh tokens are random, stored hashed, and rotate on every use: a used one presented
 * again means it leaked, and the whole session ends.
 */
@Singleton
public class SessionService {

    private static final String WRONG_CREDENTIALS = "Wrong email or password.";

    private final Tx tx;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Duration refreshLifetime;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the email is unknown, so a wrong email costs the same time as a wrong password. */
    private final String decoyHash;

    public SessionService(Tx tx, TokenService tokens, PasswordHasher hasher, AuditLog audit,
                          @Value("${orqestra.auth.refresh-token-lifetime:30d}") Duration refreshLifetime) {
        this.tx = tx;
        this.tokens = tokens;
        this.hasher = hasher;
        this.audit = audit;
        this.refreshLifetime = refreshLifetime;
        this.decoyHash = hasher.hash("decoy password that matches nothing");
    }

    private record Account(long userId, long orgId, String passwordHash, boolean active) {
    }

    public Session login(String email, String password, String userAgent) {
        String normalised = UserStore.normaliseEmail(email);
        if (normalised == null || normalised.isBlank() || password == null || password.isEmpty()) {
            throw ApiException.badRequest("Enter your email and password.");
        }
        Instant now = Instant.now();
        tx.system(h -> {
            LoginThrottle.checkAllowed(h, normalised, now);
            return null;
        });
        Account account = tx.system(h -> h.createQuery(
                        "SELECT id, org_id, password_hash, active FROM users WHERE email = :email")
                .bind("email", normalised)
                .map((rs, ctx) -> new Account(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)))
                .findOne().orElse(null));
        boolean matches = hasher.matches(password, account == null || account.passwordHash() == null
                ? decoyHash : account.passwordHash());
        if (account == null || account.passwordHash() == null || !matches) {
            tx.system(h -> {
                LoginThrottle.recordFailure(h, normalised, now);
                return null;
            });
            throw ApiException.unauthorized(WRONG_CREDENTIALS);
        }
        if (!account.active()) {
            throw ApiException.forbidden("This account is deactivated. Ask an admin of your organization to reactivate it.");
        }
        return tx.system(h -> {
            LoginThrottle.clear(h, normalised);
            tx.enterOrg(h, account.orgId());
            return openSession(h, account.userId(), account.orgId(), userAgent);
        });
    }

    /** Starts a session for a user whose identity has just been proven; returns tokens and profile. */
    Session openSession(Handle h, long userId, long orgId, String userAgent) {
        UUID sessionId = UUID.randomUUID();
        h.createUpdate("INSERT INTO sessions (id, org_id, user_id, user_agent) VALUES (:id, :org, :user, :agent)")
                .bind("id", sessionId).bind("org", orgId).bind("user", userId)
                .bind("agent", userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length())))
                .execute();
        return issue(h, sessionId, userId, orgId);
    }

    private Session issue(Handle h, UUID sessionId, long userId, long orgId) {
        String refresh = newSecret();
        h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (:hash, :session, :expires)")
                .bind("hash", Hashing.sha256Hex(refresh))
                .bind("session", sessionId)
                .bind("expires", Instant.now().plus(refreshLifetime))
                .execute();
        TokenService.Issued access = tokens.issueForMember(userId, orgId, sessionId);
        return new Session(access.token(), access.expiresAt(), refresh, profile(h, userId));
    }

    public Session.UserProfile profile(Handle h, long userId) {
        return h.createQuery("""
                        SELECT u.id, u.email, u.name, u.org_id, o.name AS org_name, r.name AS role_name, r.permissions
                          FROM users u JOIN organizations o ON o.id = u.org_id JOIN roles r ON r.id = u.role_id
                         WHERE u.id = :id
                        """)
                .bind("id", userId)
                .map((rs, ctx) -> {
                    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                    for (Object key : (Object[]) rs.getArray("permissions").getArray()) {
                        try {
                            permissions.add(Permission.fromKey((String) key));
                        } catch (IllegalArgumentException ignored) {
                            // a permission no longer in the product grants nothing
                        }
                    }
                    return new Session.UserProfile(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                            rs.getLong("org_id"), rs.getString("org_name"), rs.getString("role_name"),
                            Set.copyOf(permissions));
                })
                .one();
    }

    private record RefreshRow(UUID sessionId, long userId, long orgId, Instant expiresAt, Instant usedAt,
                              Instant revokedAt, boolean active) {
    }

    public Session refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.badRequest("A refresh token is required.");
        }
        String hash = Hashing.sha256Hex(refreshToken);
        Instant now = Instant.now();
        RefreshRow row = tx.system(h -> h.createQuery("""
                        SELECT s.id, s.user_id, s.org_id, t.expires_at, t.used_at, s.revoked_at, u.active
                          FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
                         WHERE t.token_hash = :hash
                           FOR UPDATE OF t
                        """)
                .bind("hash", hash)
                .map((rs, ctx) -> new RefreshRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getBoolean(7)))
                .findOne().orElse(null));
        if (row == null) {
            throw ApiException.unauthorized("This sign-in is no longer valid. Sign in again.");
        }
        if (row.usedAt() != null) {
            // the same refresh token twice: someone else has a copy; end the session for both
            tx.system(h -> h.createUpdate("UPDATE sessions SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", row.sessionId()).execute());
            throw ApiException.unauthorized("This sign-in was ended for safety because its refresh token was used twice. Sign in again.");
        }
        if (row.revokedAt() != null || row.expiresAt().isBefore(now) || !row.active()) {
            throw ApiException.unauthorized("This sign-in has ended. Sign in again.");
        }
        return tx.system(h -> {
            int marked = h.createUpdate("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = :hash AND used_at IS NULL")
                    .bind("hash", hash).execute();
            if (marked == 0) {
                throw ApiException.unauthorized("This sign-in was refreshed elsewhere at the same moment. Sign in again.");
            }
            h.createUpdate("UPDATE sessions SET last_used_at = now() WHERE id = :id").bind("id", row.sessionId()).execute();
            tx.enterOrg(h, row.orgId());
            return issue(h, row.sessionId(), row.userId(), row.orgId());
        });
    }

    public void logout(Principal.Member me) {
        tx.inOrg(me.orgId(), h -> h.createUpdate("UPDATE sessions SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .bind("id", me.sessionId()).execute());
    }

    public void changePassword(Principal.Member me, String current, String next) {
        validateNewPassword(next, me.email());
        String hash = tx.inOrg(me.orgId(), h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", me.userId()).mapTo(String.class).one());
        if (!hasher.matches(current, hash)) {
            throw ApiException.badRequest("The current password is not right.");
        }
        String newHash = hasher.hash(next);
        tx.inOrg(me.orgId(), h -> {
            h.createUpdate("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
                    .bind("hash", newHash).bind("id", me.userId()).execute();
            // other devices must sign in again with the new password
            h.createUpdate("UPDATE sessions SET revoked_at = now() WHERE user_id = :user AND id <> :current AND revoked_at IS NULL")
                    .bind("user", me.userId()).bind("current", me.sessionId()).execute();
            audit.record(h, me, "password.changed", "user:" + me.userId(), Map.of());
            return null;
        });
    }

    /** Accepts a one-time invitation: sets name and password and signs the new member in. */
    public Session acceptInvitation(String token, String name, String password, String userAgent) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("The invitation token is missing.");
        }
        if (name == null || name.isBlank() || name.length() > 120) {
            throw ApiException.badRequest("Enter your name (up to 120 characters).");
        }
        record Invited(long userId, long orgId, String email, Instant expiresAt, Instant acceptedAt, boolean active) {
        }
        String hash = Hashing.sha256Hex(token.trim());
        Invited invited = tx.system(h -> h.createQuery("""
                        SELECT i.user_id, i.org_id, u.email, i.expires_at, i.accepted_at, u.active
                          FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.token_hash = :hash
                        """)
                .bind("hash", hash)
                .map((rs, ctx) -> new Invited(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6)))
                .findOne()
                .orElseThrow(() -> ApiException.notFound("This invitation does not exist. Ask for a new one.")));
        if (invited.acceptedAt() != null) {
            throw ApiException.conflict("This invitation was already used. Sign in with your email and password.");
        }
        if (!invited.active()) {
            throw ApiException.forbidden("This invitation was withdrawn. Ask an admin of the organization.");
        }
        if (invited.expiresAt().isBefore(Instant.now())) {
            throw new ApiException(io.micronaut.http.HttpStatus.GONE, "Invitation expired",
                    "This invitation has expired. Ask an admin to invite you again.");
        }
        validateNewPassword(password, invited.email());
        String passwordHash = hasher.hash(password);
        return tx.system(h -> {
            int accepted = h.createUpdate("UPDATE invitations SET accepted_at = now() WHERE token_hash = :hash AND accepted_at IS NULL")
                    .bind("hash", hash).execute();
            if (accepted == 0) {
                throw ApiException.conflict("This invitation was already used. Sign in with your email and password.");
            }
            tx.enterOrg(h, invited.orgId());
            h.createUpdate("UPDATE users SET name = :name, password_hash = :hash, updated_at = now() WHERE id = :id AND active")
                    .bind("name", name.strip()).bind("hash", passwordHash).bind("id", invited.userId()).execute();
            return openSession(h, invited.userId(), invited.orgId(), userAgent);
        });
    }

    static void validateNewPassword(String password, String email) {
        PasswordRule.problem(password, email).ifPresent(sentence -> {
            throw ApiException.badRequest(sentence);
        });
    }

    /** A fresh one-time secret (256 random bits, URL-safe). */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
