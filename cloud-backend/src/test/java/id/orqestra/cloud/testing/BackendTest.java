package id.orqestra.cloud.testing;

import id.orqestra.cloud.meta.WebhookSignature;
import id.orqestra.model.inbox.Platform;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Base of backend tests that run the whole server: a fresh database on the shared test PostgreSQL, a
 * temporary data directory, known webhook secrets, the running server, the database and the
 * organization builder injected, and helpers that talk to the server over real HTTP.
 * Subclasses are {@code @MicronautTest @TestInstance(PER_CLASS)}.
 */
public abstract class BackendTest implements TestPropertyProvider {

    public static final String WHATSAPP_SECRET = "test-whatsapp-app-secret";
    public static final String INSTAGRAM_SECRET = "test-instagram-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected Jdbi jdbi;
    @Inject
    protected TestOrganizations organizations;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", TestPostgres.freshDatabaseUrl());
        properties.put("datasources.default.username", "postgres");
        properties.put("orqestra.data-dir", tempDir().toString());
        properties.put("orqestra.meta.whatsapp.app-secret", WHATSAPP_SECRET);
        properties.put("orqestra.meta.instagram.app-secret", INSTAGRAM_SECRET);
        properties.put("orqestra.meta.verify-token", VERIFY_TOKEN);
        properties.put("orqestra.auth.bcrypt-cost", "4");
        properties.putAll(extraProperties());
        return properties;
    }

    /** Settings a test class needs beyond the defaults. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("orqestra-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected URI baseUri() {
        return server.getURI();
    }

    protected Jdbi jdbi() {
        return jdbi;
    }

    public static byte[] secretOf(Platform platform) {
        return (platform == Platform.WHATSAPP ? WHATSAPP_SECRET : INSTAGRAM_SECRET).getBytes(StandardCharsets.UTF_8);
    }

    /** POSTs a webhook body signed the way Meta signs it. */
    protected HttpResponse<String> postSigned(Platform platform, byte[] body) {
        return post(platform, body, WebhookSignature.sign(body, secretOf(platform)));
    }

    protected HttpResponse<String> postSigned(Platform platform, String body) {
        return postSigned(platform, body.getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> post(Platform platform, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(webhookPath(platform)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return send(request.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String webhookPath(Platform platform) {
        return platform == Platform.WHATSAPP ? "/webhooks/whatsapp" : "/webhooks/instagram";
    }

    /** Waits until the workers have taken every journaled body (done, malformed or failed). */
    protected void awaitJournalDrained() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> jdbi().withHandle(h ->
                h.createQuery("SELECT count(*) FROM webhook_journal WHERE state = 'pending'").mapTo(Integer.class).one() == 0));
    }

    protected int count(String sql, Object... args) {
        return jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Integer.class).one();
        });
    }
}
