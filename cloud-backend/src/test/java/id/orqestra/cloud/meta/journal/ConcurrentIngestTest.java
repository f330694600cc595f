package id.orqestra.cloud.meta.journal;

import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many workers, many concurrent posts, every body posted twice: each message is stored and published exactly once. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIngestTest extends BackendTest {

    static final String PHONE_NUMBER_ID = "990000000000301";
    static final int MESSAGES = 300;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orqestra.ingest.workers", "8", "orqestra.ingest.batch-size", "4");
    }

    @BeforeAll
    void channel() {
        long org = organizations.organization("Concurrency Test", "concurrency-test");
        organizations.whatsApp(org, "990000000000302", PHONE_NUMBER_ID, "token");
    }

    private static String text(int n) {
        // ten customers, so conversations are shared between concurrent transactions
        String customer = "62815000000" + String.format("%02d", n % 10);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"990000000000302","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Customer %d"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.concurrent-%d","timestamp":"%d","type":"text","text":{"body":"message %d"}}]}}]}]}
                """.formatted(PHONE_NUMBER_ID, n % 10, customer, customer, n, 1764700000 + n, n);
    }

    @Test
    void concurrentDuplicatedDeliveriesStoreAndPublishEachMessageOnce() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            bodies.add(text(i));
            bodies.add(text(i));
        }
        Collections.shuffle(bodies, new java.util.Random(7));
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String body : bodies) {
                statuses.add(pool.submit(() -> postSigned(Platform.WHATSAPP, body).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        awaitJournalDrained();

        assertThat(count("SELECT count(*) FROM webhook_journal WHERE state <> 'done'")).isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id LIKE 'wamid.concurrent-%'")).isEqualTo(MESSAGES);
        assertThat(count("SELECT count(DISTINCT provider_message_id) FROM messages")).isEqualTo(MESSAGES);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(10);
        assertThat(count("SELECT sum(unread_count) FROM conversations")).isEqualTo(MESSAGES);
        assertThat(count("""
                SELECT count(*) FROM change_events WHERE type = 'message.upserted'""")).isEqualTo(MESSAGES);
        assertThat(count("""
                SELECT count(DISTINCT payload->'message'->>'providerMessageId') FROM change_events
                 WHERE type = 'message.upserted'""")).isEqualTo(MESSAGES);
    }
}
