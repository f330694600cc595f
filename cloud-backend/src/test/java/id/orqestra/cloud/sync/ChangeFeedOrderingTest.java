package id.orqestra.cloud.sync;

import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.cloud.testing.TestOrganizations;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.UserView;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync cursor never skips: eight writers whose transactions commit out of order produce 10,000
 * events while a reader polls the feed over REST; the reader ends with every event exactly once. A
 * naive reader that trusts the id order, run alongside, shows that the scenario really does reorder.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeFeedOrderingTest extends BackendTest {

    static final int WRITERS = 8;
    static final int EVENTS = 10_000;

    @Inject
    Tx tx;
    @Inject
    ChangeFeed feed;
    @Inject
    TestOrganizations organizations;
    long orgId;
    String token;

    @BeforeAll
    void organization() {
        orgId = organizations.organization("Feed Order", "feed-order");
        organizations.user(orgId, "reader@feed.test", "reader password", BuiltInRole.ADMIN);
        token = new ApiClient(server.getURI()).login("reader@feed.test", "reader password");
    }

    /** One event, written in a transaction that lingers a little so that commits overtake each other. */
    private void write(int n) throws InterruptedException {
        tx.<Void, InterruptedException>inOrg(orgId, h -> {
            feed.append(h, orgId, new SyncChange.UserUpserted(new UserView(n, "u" + n + "@feed.test", "event " + n,
                    1, "role", true, false, Instant.EPOCH, 1)));
            if (ThreadLocalRandom.current().nextInt(20) == 0) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
            }
            return null;
        });
    }

    @Test
    void aReaderPollingWhileEightWritersCommitOutOfOrderGetsEveryEventOnce() throws Exception {
        ApiClient api = new ApiClient(server.getURI());
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Integer> received = new ArrayList<>();
        Set<Integer> naivelyReceived = new HashSet<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < EVENTS; i += WRITERS) {
                        write(i);
                    }
                    return null;
                }));
            }
            Future<?> naive = pool.submit(() -> {
                long lastId = 0;
                while (writing.get() || naivelyReceived.size() < EVENTS) {
                    long from = lastId;
                    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
                                    "SELECT id, (payload->'user'->>'id')::int AS n FROM change_events WHERE org_id = :org AND id > :after ORDER BY id LIMIT 500")
                            .bind("org", orgId).bind("after", from).mapToMap().list());
                    for (Map<String, Object> row : rows) {
                        naivelyReceived.add(((Number) row.get("n")).intValue());
                        lastId = ((Number) row.get("id")).longValue();
                    }
                    if (!writing.get() && rows.isEmpty()) {
                        break;
                    }
                }
                return null;
            });

            String cursor = "0";
            while (true) {
                ApiClient.Response page = api.get("/api/v1/sync/events?limit=700&after=" + cursor, token);
                assertThat(page.status()).isEqualTo(200);
                var json = page.json();
                json.path("events").forEach(e -> received.add(e.path("change").path("user").path("id").asInt()));
                cursor = json.path("cursor").asText();
                boolean done = writers.stream().allMatch(Future::isDone);
                if (done && writing.getAndSet(false)) {
                    continue; // one more full read after the last commit
                }
                if (!writing.get() && !json.path("hasMore").asBoolean() && json.path("events").isEmpty()) {
                    break;
                }
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            naive.get();
        }

        Map<Integer, Integer> times = new HashMap<>();
        received.forEach(n -> times.merge(n, 1, Integer::sum));
        assertThat(times).hasSize(EVENTS);
        assertThat(times.values()).allMatch(t -> t == 1);
        assertThat(received).hasSize(EVENTS);
        assertThat(naivelyReceived.size())
                .as("a reader trusting id order skips events that commit late (the bug this design prevents)")
                .isLessThan(EVENTS);
    }
}
