package id.orqestra.cloud.tenant.platformadmin;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.OrganizationStore;
import id.orqestra.cloud.tenant.PasswordHasher;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.cloud.tenant.access.PlatformAdminOnly;
import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.PublicEndpoint;
import id.orqestra.cloud.tenant.access.TokenService;
import id.orqestra.cloud.tenant.auth.SessionService;
import id.orqestra.model.auth.LoginRequest;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.List;

import static id.orqestra.cloud.platform.web.Bodies.require;

/**
 * What platform administrators do: sign in, list and create organizations, and look at webhooks that
 * could not be routed, could not be read, or failed.
 */
@Controller("/api/v1/platform")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlatformAdminController {

    public record PlatformSession(String accessToken, Instant accessTokenExpiresAt, String email) {
    }

    public record OrganizationView(long id, String name, String slug, int users, int channels, Instant createdAt) {
    }

    public record CreateOrganization(String name, String slug, String ownerEmail, String ownerName) {
        public static CreateOrganization example() {
            return new CreateOrganization("Example Shop", "example-shop", "owner@example-shop.test", "Owner");
        }
    }

    public record CreatedOrganization(OrganizationView organization, String ownerInvitationToken) {
    }

    public record WebhookProblem(long journalId, String platform, String state, int attempts, String lastError,
                                 Instant receivedAt, String body) {
    }

    public record UnroutedChange(long id, String platform, String routeKind, String accountId, String field,
                                 JsonNode raw, Instant receivedAt) {
    }

    public record UnsupportedRecord(long id, Long orgId, String platform, String kind, String reason, String errorTitle,
                                    JsonNode raw, Instant receivedAt) {
    }

    private final Tx tx;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final OrganizationStore organizations;
    private final SessionService sessions;

    public PlatformAdminController(Tx tx, PasswordHasher hasher, TokenService tokens, OrganizationStore organizations,
                                   SessionService sessions) {
        this.tx = tx;
        this.hasher = hasher;
        this.tokens = tokens;
        this.organizations = organizations;
        this.sessions = sessions;
    }

    @Post("/auth/login")
    @PublicEndpoint
    public PlatformSession login(@Body @Nullable LoginRequest body) {
        LoginRequest request = require(body, "Send your email and password.");
        String email = UserStore.normaliseEmail(request.email());
        record Admin(long id, String hash) {
        }
        Admin admin = tx.system(h -> h.createQuery("SELECT id, password_hash FROM platform_admins WHERE email = :email")
                .bind("email", email).map((rs, ctx) -> new Admin(rs.getLong(1), rs.getString(2))).findOne().orElse(null));
        if (admin == null || !hasher.matches(request.password(), admin.hash())) {
            throw ApiException.unauthorized("Wrong email or password.");
        }
        TokenService.Issued issued = tokens.issueForPlatformAdmin(admin.id());
        return new PlatformSession(issued.token(), issued.expiresAt(), email);
    }

    @Get("/organizations")
    @PlatformAdminOnly
    public List<OrganizationView> organizations(@Caller Principal.PlatformAdmin admin) {
        return tx.system(h -> h.createQuery("""
                        SELECT o.id, o.name, o.slug, o.created_at,
                               (SELECT count(*) FROM users u WHERE u.org_id = o.id) AS users,
                               (SELECT count(*) FROM channels c WHERE c.org_id = o.id) AS channels
                          FROM organizations o ORDER BY o.id
                        """)
                .map((rs, ctx) -> new OrganizationView(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
                        rs.getInt("users"), rs.getInt("channels"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    @Post("/organizations")
    @PlatformAdminOnly
    public HttpResponse<CreatedOrganization> createOrganization(@Caller Principal.PlatformAdmin admin,
                                                                @Body @Nullable CreateOrganization body) {
        CreateOrganization request = require(body, "Send name, slug, ownerEmail and ownerName.");
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("Give the organization a name of up to 200 characters.");
        }
        if (request.slug() == null || !request.slug().matches("^[a-z0-9][a-z0-9-]{0,62}$")) {
            throw ApiException.badRequest("The slug is lower-case letters, digits and dashes, e.g. 'kopi-senja'.");
        }
        String ownerEmail = UserStore.normaliseEmail(request.ownerEmail());
        if (ownerEmail == null || !ownerEmail.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$")) {
            throw ApiException.badRequest("Enter the owner's email address.");
        }
        String token = sessions.newSecret();
        long orgId = tx.system(h -> {
            if (organizations.findBySlug(h, request.slug()).isPresent()) {
                throw ApiException.conflict("The slug '" + request.slug() + "' is taken.");
            }
            if (h.createQuery("SELECT count(*) FROM users WHERE email = :email").bind("email", ownerEmail)
                    .mapTo(Integer.class).one() > 0) {
                throw ApiException.conflict("There is already an Orqestra account with " + ownerEmail + ".");
            }
            long id = organizations.create(h, request.name().strip(), request.slug());
            long ownerRole = organizations.builtInRoleId(h, id, BuiltInRole.OWNER);
            long userId = h.createQuery("INSERT INTO users (org_id, email, name, role_id) VALUES (:org, :email, :name, :role) RETURNING id")
                    .bind("org", id).bind("email", ownerEmail)
                    .bind("name", request.ownerName() == null || request.ownerName().isBlank() ? ownerEmail : request.ownerName().strip())
                    .bind("role", ownerRole).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO invitations (token_hash, org_id, user_id, expires_at) VALUES (:hash, :org, :user, now() + interval '7 days')")
                    .bind("hash", Hashing.sha256Hex(token)).bind("org", id).bind("user", userId).execute();
            return id;
        });
        OrganizationView view = organizations(admin).stream().filter(o -> o.id() == orgId).findFirst().orElseThrow();
        return HttpResponse.created(new CreatedOrganization(view, token));
    }

    @Get("/webhooks/problems")
    @PlatformAdminOnly
    public List<WebhookProblem> problems(@Caller Principal.PlatformAdmin admin, @QueryValue(defaultValue = "100") int limit) {
        return tx.system(h -> h.createQuery("""
                        SELECT id, platform, state, attempts, last_error, received_at, convert_from(body, 'UTF8') AS body
                          FROM webhook_journal
                         WHERE state IN ('failed', 'malformed') OR (state = 'pending' AND last_error IS NOT NULL)
                         ORDER BY id DESC LIMIT :limit
                        """)
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, ctx) -> new WebhookProblem(rs.getLong("id"), rs.getString("platform"), rs.getString("state"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("received_at").toInstant(),
                        abbreviate(rs.getString("body"), 20_000)))
                .list());
    }

    @Get("/webhooks/unrouted")
    @PlatformAdminOnly
    public List<UnroutedChange> unrouted(@Caller Principal.PlatformAdmin admin, @QueryValue(defaultValue = "100") int limit) {
        return tx.system(h -> h.createQuery("""
                        SELECT id, platform, route_kind, account_id, field, raw::text AS raw, received_at
                          FROM unrouted_changes ORDER BY id DESC LIMIT :limit
                        """)
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, ctx) -> new UnroutedChange(rs.getLong("id"), rs.getString("platform"), rs.getString("route_kind"),
                        rs.getString("account_id"), rs.getString("field"), tree(rs.getString("raw")),
                        rs.getTimestamp("received_at").toInstant()))
                .list());
    }

    @Get("/webhooks/unsupported")
    @PlatformAdminOnly
    public List<UnsupportedRecord> unsupported(@Caller Principal.PlatformAdmin admin, @QueryValue(defaultValue = "100") int limit) {
        return tx.system(h -> h.createQuery("""
                        SELECT id, org_id, platform, kind, reason, error_title, raw::text AS raw, received_at
                          FROM unsupported_events ORDER BY id DESC LIMIT :limit
                        """)
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, ctx) -> {
                    long org = rs.getLong("org_id");
                    return new UnsupportedRecord(rs.getLong("id"), rs.wasNull() ? null : org, rs.getString("platform"),
                            rs.getString("kind"), rs.getString("reason"), rs.getString("error_title"), tree(rs.getString("raw")),
                            rs.getTimestamp("received_at").toInstant());
                })
                .list());
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : Json.mapper().readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
