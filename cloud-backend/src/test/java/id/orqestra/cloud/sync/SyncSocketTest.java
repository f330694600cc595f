package id.orqestra.cloud.sync;

import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.cloud.testing.SocketClient;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SocketFrame;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live sync socket: backlog then live, across backend instances, refusing strangers, cutting off the slow. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncSocketTest extends BackendTest {

    static final String JWT_KEY = "c3luYy1zb2NrZXQtdGVzdC1zaGFyZWQta2V5LTAwMDA=";
    static final String PHONE = "850000000000002";

    @Inject
    ApplicationContext context;
    ApiClient api;
    long orgId;

    @Override
    protected Map<String, String> extraProperties() {
        // instances behind one load balancer share their keys; the slow-client bound is small here
        return Map.of("orqestra.auth.jwt-key", JWT_KEY, "orqestra.sync.heartbeat", "300ms",
                "orqestra.sync.max-unsent-frames", "4", "orqestra.sync.page-size", "50");
    }

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        orgId = organizations.organization("Socket", "socket");
        organizations.user(orgId, "agent@socket.test", "socket agent password", BuiltInRole.ADMIN);
        organizations.whatsApp(orgId, "850000000000001", PHONE, "socket-token-000000000");
    }

    private void inbound(String wamid, String text) {
        assertThat(postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Socket customer"},"wa_id":"6281900000001"}],
                "messages":[{"from":"6281900000001","id":"%s","timestamp":"1764700000","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(PHONE, wamid, text)).statusCode()).isEqualTo(200);
    }

    private static boolean hasMessage(SocketClient client, String wamid) {
        return client.events.stream().anyMatch(e -> e.change() instanceof SyncChange.MessageUpserted m
                && wamid.equals(m.message().providerMessageId()));
    }

    @Test
    void theBacklogComesFirstThenLiveEventsThenHeartbeats() {
        inbound("wamid.socket-backlog", "sent before connecting");
        awaitJournalDrained();
        String token = api.login("agent@socket.test", "socket agent password");
        try (SocketClient client = SocketClient.connect(server.getURI(), token, "0", true)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hasMessage(client, "wamid.socket-backlog"));
            inbound("wamid.socket-live", "sent while connected");
            await().atMost(Duration.ofSeconds(10)).until(() -> hasMessage(client, "wamid.socket-live"));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.frames.stream().anyMatch(f -> f instanceof SocketFrame.Heartbeat));
            assertThat(client.events.stream().map(e -> e.cursor()).distinct().count()).isEqualTo(client.events.size());
        }
    }

    @Test
    void aSocketWithoutAValidTokenOrPermissionIsClosedWithAReason() throws Exception {
        try (SocketClient stranger = SocketClient.connect(server.getURI(), "not-a-token", "0", true);
             SocketClient anonymous = SocketClient.connect(server.getURI(), null, "0", true)) {
            assertThat(stranger.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(SyncSocket.UNAUTHORIZED);
            assertThat(anonymous.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(SyncSocket.UNAUTHORIZED);
        }
        organizations.user(orgId, "analyst@socket.test", "analyst password", BuiltInRole.ANALYST);
        jdbi.useHandle(h -> h.execute("UPDATE roles SET permissions = '{analytics.view}' WHERE org_id = ? AND built_in = 'ANALYST'", orgId));
        String analyst = api.login("analyst@socket.test", "analyst password");
        try (SocketClient noInbox = SocketClient.connect(server.getURI(), analyst, "0", true)) {
            assertThat(noInbox.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(SyncSocket.FORBIDDEN);
        }
    }

    @Test
    void anEventWrittenThroughOneInstanceReachesASocketOnAnother() throws Exception {
        // the second instance is a separate process, as in a real deployment: same database, same keys
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder launch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "id.orqestra.cloud.Application")
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("second-instance", ".log").toFile());
        Map<String, String> environment = launch.environment();
        environment.put("DATASOURCES_DEFAULT_URL", context.getProperty("datasources.default.url", String.class).orElseThrow());
        environment.put("DATASOURCES_DEFAULT_USERNAME", "postgres");
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.put("ORQESTRA_AUTH_JWT_KEY", JWT_KEY);
        environment.put("ORQESTRA_DATA_DIR", Files.createTempDirectory("second-instance").toString());
        environment.put("ORQESTRA_INGEST_WORKERS", "0");
        Process second = launch.start();
        try {
            URI secondUri = URI.create("http://localhost:" + port);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> send(
                    java.net.http.HttpRequest.newBuilder(secondUri.resolve("/health")).build()).statusCode() == 200);
            String token = api.login("agent@socket.test", "socket agent password");
            try (SocketClient client = SocketClient.connect(secondUri, token, "0", true)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> client.frames.size() > 0);
                inbound("wamid.socket-other-instance", "written through the first instance");
                await().atMost(Duration.ofSeconds(10)).until(() -> hasMessage(client, "wamid.socket-other-instance"));
            }
        } finally {
            second.destroy();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffAndTheServerKeepsNoBacklogForIt() {
        // an organization of its own: its 32 MB backlog must not slow the other tests' sockets
        long slowOrg = organizations.organization("Slow", "slow-socket");
        organizations.user(slowOrg, "slow@socket.test", "slow reader password", BuiltInRole.ADMIN);
        // enough large events that unsent frames pile up beyond the bound of 4
        // about 32 MB of events: more than the kernel's socket buffers can hide
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO change_events (org_id, type, payload)
                        SELECT :org, 'user.upserted', jsonb_build_object('type', 'user.upserted', 'user',
                               jsonb_build_object('id', n, 'email', 'x', 'name', repeat('x', 4000), 'roleId', 1,
                                                  'roleName', 'r', 'active', true, 'invitationPending', false))
                          FROM generate_series(1, 8000) AS n""")
                .bind("org", slowOrg)
                .execute());
        FeedFanout fanout = context.getBean(FeedFanout.class);
        int before = fanout.subscribers();
        String token = api.login("slow@socket.test", "slow reader password");
        try (SocketClient stalled = SocketClient.connect(server.getURI(), token, "0", false)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> fanout.subscribers() == before);
            stalled.startReading();
            // once it reads again it drains what the kernel still held, then learns why the link ended
            assertThat(stalled.closedWith.get(60, TimeUnit.SECONDS)).isIn(SyncSocket.TOO_SLOW, -1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
