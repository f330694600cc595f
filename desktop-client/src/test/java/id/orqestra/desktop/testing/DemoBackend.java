package id.orqestra.desktop.testing;

import id.orqestra.cloud.demo.DemoSettings;
import id.orqestra.cloud.demo.DemoSimulatorHost;
import id.orqestra.cloud.demo.SampleLibrary;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.meta.WebhookSignature;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.auth.SignInException;
import id.orqestra.model.auth.Session;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real backend of its own in the demo environment (demo organization and logins, no replay), which a
 * test can stop and start again on the same port and data: "the server is down" for real. Its
 * embedded PostgreSQL lives in a temporary folder that survives the restarts. One per test class.
 */
public final class DemoBackend implements AutoCloseable {

    public static final String WHATSAPP_SECRET = "demo-whatsapp-app-secret";
    /** The demo's WhatsApp number (phone_number_id) and business account, as the project's samples use them. */
    public static final String PHONE_NUMBER_ID = "471209385610274";
    public static final String WABA_ID = "318640572910384";

    private final Path dataDirectory;
    private final int port;
    private final Map<String, Object> extra;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiTransport transport = new ApiTransport(Duration.ofSeconds(3), Duration.ofSeconds(20));
    private ApplicationContext context;

    private DemoBackend(Map<String, Object> extra) throws IOException {
        this.dataDirectory = Files.createTempDirectory("orqestra-demo-backend-");
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        this.extra = Map.copyOf(extra);
        start();
    }

    public static DemoBackend start(Map<String, Object> extraProperties) {
        try {
            return new DemoBackend(extraProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the server on its port with its data. */
    public synchronized void start() {
        if (context != null) {
            return;
        }
        java.util.HashMap<String, Object> properties = new java.util.HashMap<>(Map.of(
                "orqestra.data-dir", dataDirectory.toString(),
                "micronaut.server.port", port,
                "micronaut.server.host", "127.0.0.1",
                "orqestra.auth.bcrypt-cost", 4,
                "orqestra.demo.replay", false));
        properties.putAll(extra);
        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("demo")
                .properties(properties)
                .banner(false)
                .start();
        context.getBean(EmbeddedServer.class).start();
    }

    /** Stops the server (and its database): requests are refused until {@link #start()}. */
    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
        TempFolders.delete(dataDirectory);
    }

    public int port() {
        return port;
    }

    public ServerAddress server() {
        return ServerAddress.parse(url());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ApiTransport transport() {
        return transport;
    }

    /** The demo's Meta simulator: what the backend sent to the "Graph API", and the status webhooks it sends back. */
    public synchronized MetaSimulator simulator() {
        return context.getBean(DemoSimulatorHost.class).simulator();
    }

    /**
     * Posts one of the project's sample payloads (e.g. {@code "whatsapp/wa-text.json"}) the way the demo
     * replays them: signed by the simulator, its timestamps moved to now.
     */
    public void replaySample(String name) {
        DemoSimulatorHost host;
        synchronized (this) {
            host = context.getBean(DemoSimulatorHost.class);
        }
        SampleLibrary.Sample sample = host.samples().stream().filter(s -> s.name().endsWith(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No sample named " + name));
        try {
            var deliveries = host.simulator().replayInbound(java.util.List.of(sample), Duration.ZERO, java.time.Instant.now());
            if (deliveries.stream().anyMatch(d -> d.status() != 200)) {
                throw new IllegalStateException("The backend refused the sample " + name + ": " + deliveries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's own database, to assert on its rows. */
    public synchronized Jdbi jdbi() {
        return context.getBean(Jdbi.class);
    }

    public Session signInAsOwner() {
        return signIn(url(), DemoSettings.OWNER_EMAIL);
    }

    /** Signs in to {@code serverUrl} (this server, or a proxy in front of it) as a demo login. */
    public Session signIn(String serverUrl, String email) {
        try {
            return new AuthClient(Duration.ofSeconds(5), Duration.ofSeconds(20))
                    .signIn(ServerAddress.parse(serverUrl), email, DemoSettings.PASSWORD);
        } catch (SignInException e) {
            throw new IllegalStateException("Could not sign in as " + email + ": " + e.getMessage(), e);
        }
    }

    /** An API client for {@code session} at {@code serverUrl}, as the app builds one after sign-in. */
    public ApiClient client(String serverUrl, Session session) {
        return new ApiClient(transport, new ApiSession(transport, ServerAddress.parse(serverUrl), session.user().email(), session));
    }

    /** POSTs a WhatsApp webhook body signed with the demo secret, as Meta would. Returns the HTTP status. */
    public int postWhatsApp(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/webhooks/whatsapp"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(bytes, WHATSAPP_SECRET.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A WhatsApp text from customer {@code waId} (named {@code name}) with message id {@code wamid}. */
    public static String inboundText(String waId, String name, String wamid, String text, long epochSeconds) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"6281230004455","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(WABA_ID, PHONE_NUMBER_ID, name, waId, waId, wamid, epochSeconds, text);
    }
}
