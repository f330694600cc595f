package id.orqestra.desktop.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.Json;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.testing.DemoBackend;
import id.orqestra.desktop.testing.FlakyProxy;
import id.orqestra.model.auth.Session;
import id.orqestra.model.inbox.InboxRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync engine through a connection that is cut again and again while eight writers make more than
 * 10,000 changes (customer messages, notes, assignments, status changes): afterwards the desktop cache
 * holds exactly the server's conversations, messages and notes.
 */
class SyncFaultTest {

    static final int EVENTS = 10_000;
    static final int CUSTOMERS = 60;
    static DemoBackend backend;
    static FlakyProxy proxy;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        backend = DemoBackend.start(Map.of());
        proxy = new FlakyProxy(backend.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void theCacheEqualsTheServerAfterTenThousandEventsThroughADroppingLink() throws Exception {
        Session owner = backend.signInAsOwner();
        ApiClient direct = backend.client(backend.url(), owner);
        ApiClient throughProxy = backend.client(proxy.url(), backend.signIn(proxy.url(), owner.user().email()));
        long ownerId = owner.user().id();
        for (int i = 0; i < CUSTOMERS; i++) {
            assertThat(backend.postWhatsApp(text(i))).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM conversations") >= CUSTOMERS);
        List<Long> conversations = backend.jdbi().withHandle(h ->
                h.createQuery("SELECT id FROM conversations ORDER BY id").mapTo(Long.class).list());

        ExecutorService background = Executors.newFixedThreadPool(4);
        InboxStore store = InboxStore.open(folder.resolve("fault.sqlite"));
        SyncSession session = new SyncSession(throughProxy.session().current().user(), store, new SyncApi(throughProxy),
                background, Runnable::run, new SyncEngine.Settings(Backoff.of(Duration.ofMillis(50), Duration.ofMillis(400)),
                Duration.ofSeconds(5), 500, 50));
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> session.engine().currentState() == LinkState.ONLINE);

        int eventsBefore = count("SELECT count(*) FROM change_events");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger drops = new AtomicInteger();
        Thread dropper = Thread.ofVirtual().start(() -> {
            while (writing.get()) {
                try {
                    Thread.sleep(150 + ThreadLocalRandom.current().nextInt(200));
                } catch (InterruptedException e) {
                    return;
                }
                if (proxy.dropAll() > 0) {
                    drops.incrementAndGet();
                }
            }
        });
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            writers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (count("SELECT count(*) FROM change_events") - eventsBefore < EVENTS) {
                    for (int i = 0; i < 20; i++) {
                        long conversation = conversations.get(random.nextInt(conversations.size()));
                        int dice = random.nextInt(100);
                        try {
                            if (dice < 55) {
                                direct.post("conversations/" + conversation + "/notes", new InboxRequests.AddNote("note " + random.nextInt()),
                                        JsonNode.class);
                            } else if (dice < 80) {
                                backend.postWhatsApp(text(random.nextInt(CUSTOMERS)));
                            } else if (dice < 90) {
                                direct.post("conversations/" + conversation + "/assign",
                                        new InboxRequests.Assign(random.nextBoolean() ? ownerId : null), JsonNode.class);
                            } else {
                                direct.post("conversations/" + conversation + (random.nextBoolean() ? "/resolve" : "/reopen"),
                                        null, JsonNode.class);
                            }
                        } catch (ApiException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                return null;
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(150, TimeUnit.SECONDS)).isTrue();
        writing.set(false);
        dropper.join();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM webhook_journal WHERE state = 'pending'") == 0);
        int produced = count("SELECT count(*) FROM change_events") - eventsBefore;

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(desktop("SELECT id, status, assignee_user_id, unread_count, last_preview FROM conversations"))
                    .isEqualTo(server("SELECT id, status, assignee_user_id, unread_count, last_message_preview FROM conversations"));
            assertThat(desktopMessages()).isEqualTo(server("SELECT id, conversation_id, status FROM messages"));
            assertThat(desktop("SELECT id, conversation_id FROM notes")).isEqualTo(server("SELECT id, conversation_id FROM notes"));
        });
        assertThat(produced).isGreaterThanOrEqualTo(EVENTS);
        assertThat(drops.get()).as("connections cut while the events flowed").isGreaterThan(10);
        assertThat(store.pendingOutbox()).isEmpty();
        session.close();
        background.shutdownNow();
    }

    private static String text(int customer) {
        return DemoBackend.inboundText("62813990" + String.format("%05d", customer), "Pelanggan " + customer,
                "wamid.FAULT-" + java.util.UUID.randomUUID(), "Pesan nomor " + ThreadLocalRandom.current().nextInt(1_000_000),
                Instant.now().getEpochSecond());
    }

    private static int count(String sql) {
        return backend.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** Rows by id, each as its key fields joined with "|". */
    private static Map<Long, String> server(String sql) {
        return backend.jdbi().withHandle(h -> {
            Map<Long, String> rows = new TreeMap<>();
            h.createQuery(sql).map((rs, ctx) -> {
                rows.put(rs.getLong(1), fields(rs));
                return null;
            }).list();
            return rows;
        });
    }

    private Map<Long, String> desktop(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("fault.sqlite"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            Map<Long, String> rows = new TreeMap<>();
            while (rs.next()) {
                rows.put(rs.getLong(1), fields(rs));
            }
            return rows;
        }
    }

    private Map<Long, String> desktopMessages() throws Exception {
        ObjectMapper json = Json.mapper();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("fault.sqlite"));
             ResultSet rs = c.createStatement().executeQuery("SELECT id, conversation_id, json FROM messages")) {
            Map<Long, String> rows = new TreeMap<>();
            while (rs.next()) {
                JsonNode message = json.readTree(rs.getString(3));
                String status = message.hasNonNull("status") ? message.get("status").asText() : null;
                rows.put(rs.getLong(1), rs.getLong(1) + "|" + rs.getLong(2) + "|" + status);
            }
            return rows;
        }
    }

    private static String fields(ResultSet rs) throws java.sql.SQLException {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            values.add(value == null ? null : value.toString());
        }
        return String.join("|", values.stream().map(String::valueOf).toList());
    }
}
