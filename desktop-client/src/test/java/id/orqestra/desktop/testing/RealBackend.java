package id.orqestra.desktop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.cloud.demo.DemoSettings;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.api.Json;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.auth.SignInException;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Orqestra backend, started in this JVM once for all tests that need it: the demo environment
 * (demo organization and logins, no replay) on an embedded PostgreSQL in a temporary folder, listening
 * on a free port. Tests that change things either use names of their own or a fresh organization from
 * {@link #newOrganization}, created through the platform administrator's API like any real one.
 */
public final class RealBackend {

    public static final String OWNER_EMAIL = DemoSettings.OWNER_EMAIL;
    public static final String AGENT_EMAIL = DemoSettings.AGENT_EMAIL;
    public static final String DEMO_PASSWORD = DemoSettings.PASSWORD;
    static final String PLATFORM_ADMIN_EMAIL = "platform@orqestra.test";
    static final String PLATFORM_ADMIN_PASSWORD = "platform-admin-password";
    /** The password every member created by these helpers gets. */
    public static final String MEMBER_PASSWORD = "a long enough password";

    private static RealBackend shared;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ApplicationContext context;
    private final Path dataDirectory;
    private final ServerAddress server;
    private final ApiTransport transport = new ApiTransport(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final AuthClient auth = new AuthClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Json.mapper();

    /** A member of an organization, signed in. */
    public record Member(String email, String password, Session session) {
    }

    private RealBackend() throws IOException {
        dataDirectory = Files.createTempDirectory("orqestra-desktop-test-backend-");
        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("demo")
                .properties(Map.of(
                        "orqestra.data-dir", dataDirectory.toString(),
                        "micronaut.server.port", -1,
                        "micronaut.server.host", "127.0.0.1",
                        "orqestra.auth.bcrypt-cost", 4,
                        "orqestra.demo.replay", false,
                        "orqestra.platform-admin.email", PLATFORM_ADMIN_EMAIL,
                        "orqestra.platform-admin.password", PLATFORM_ADMIN_PASSWORD))
                .banner(false)
                .start();
        EmbeddedServer embedded = context.getBean(EmbeddedServer.class);
        embedded.start(); // the demo organization is seeded as the server starts
        server = ServerAddress.parse("http://127.0.0.1:" + embedded.getPort());
    }

    /** The backend of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized RealBackend shared() {
        if (shared == null) {
            try {
                shared = new RealBackend();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RealBackend started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "real-backend-stop"));
        }
        return shared;
    }

    private void stop() {
        context.close();
        TempFolders.delete(dataDirectory);
    }

    public String url() {
        return server.display();
    }

    public ServerAddress server() {
        return server;
    }

    public ApiTransport transport() {
        return transport;
    }

    /** A name no other test has used in this JVM, e.g. {@code "role-17"}. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    /** Digits for a Meta id nobody else in this installation has, 15 long. */
    public static String uniqueMetaId() {
        long value = (System.nanoTime() % 1_000_000_000L) * 1000 + SEQUENCE.incrementAndGet() % 1000;
        return String.format("%015d", 100_000_000_000_000L + Math.abs(value));
    }

    public Session signIn(String email, String password) {
        try {
            return auth.signIn(server, email, password);
        } catch (SignInException e) {
            throw new IllegalStateException("Could not sign in as " + email + ": " + e.getMessage(), e);
        }
    }

    /** A client for {@code session}, as the app builds one after sign-in. */
    public ApiClient client(Session session) {
        return new ApiClient(transport, new ApiSession(transport, server, session.user().email(), session));
    }

    /** A new organization whose owner has accepted their invitation; returns the signed-in owner. */
    public Member newOrganization(String name) {
        String slug = unique("org").toLowerCase();
        String ownerEmail = slug + "@owner.test";
        String adminToken = platformAdminToken();
        JsonNode created = post("api/v1/platform/organizations", adminToken,
                Map.of("name", name, "slug", slug, "ownerEmail", ownerEmail, "ownerName", "Owner of " + name));
        String invitation = created.path("ownerInvitationToken").asText();
        return accept(invitation);
    }

    /** Invites someone into the owner's organization with a built-in role and accepts for them. */
    public Member addMember(Member owner, BuiltInRole role, String name) {
        try {
            ApiClient api = client(owner.session());
            long roleId = api.get("roles", new com.fasterxml.jackson.core.type.TypeReference<List<RoleView>>() { })
                    .stream().filter(r -> r.builtIn() == role).findFirst().orElseThrow().id();
            String email = unique(role.name().toLowerCase()) + "@member.test";
            TeamRequests.Invitation invitation = api.post("team/invitations",
                    new TeamRequests.InviteRequest(email, name, roleId), TeamRequests.Invitation.class);
            Member member = acceptAs(invitation.token(), name);
            return new Member(email, MEMBER_PASSWORD, member.session());
        } catch (ApiException e) {
            throw new IllegalStateException("Could not add a " + role + ": " + e.getMessage(), e);
        }
    }

    private Member accept(String invitationToken) {
        return acceptAs(invitationToken, "Owner");
    }

    private Member acceptAs(String invitationToken, String name) {
        try {
            Session session = auth.acceptInvitation(server, invitationToken, name, MEMBER_PASSWORD);
            return new Member(session.user().email(), MEMBER_PASSWORD, session);
        } catch (SignInException e) {
            throw new IllegalStateException("Could not accept an invitation: " + e.getMessage(), e);
        }
    }

    private String platformAdminToken() {
        return post("api/v1/platform/auth/login", null,
                Map.of("email", PLATFORM_ADMIN_EMAIL, "password", PLATFORM_ADMIN_PASSWORD)).path("accessToken").asText();
    }

    private JsonNode post(String path, String bearer, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
