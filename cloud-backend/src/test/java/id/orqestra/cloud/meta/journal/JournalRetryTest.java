package id.orqestra.cloud.meta.journal;

import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A journal row whose change cannot be applied is retried with a delay, succeeds once the cause is
 * gone, and otherwise ends as failed with its error — it is never silently dropped.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalRetryTest extends BackendTest {

    static final String PHONE_NUMBER_ID = "990000000000201";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orqestra.ingest.max-attempts", "2");
    }

    @BeforeAll
    void channel() {
        long org = organizations.organization("Retry Test", "retry-test");
        organizations.whatsApp(org, "990000000000202", PHONE_NUMBER_ID, "token");
    }

    /** Makes inserting a message with this text fail, as a broken database or bug would. */
    private void breakInsertsOf(String text) {
        jdbi.useHandle(h -> {
            h.execute("""
                    CREATE OR REPLACE FUNCTION refuse_message() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.content->>'body' = '%s' THEN RAISE EXCEPTION 'simulated outage for %s'; END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""".formatted(text, text));
            h.execute("CREATE OR REPLACE TRIGGER refuse_message BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_message()");
        });
    }

    @AfterEach
    void repair() {
        jdbi.useHandle(h -> h.execute("DROP TRIGGER IF EXISTS refuse_message ON messages"));
    }

    private static String text(String wamid, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"990000000000202","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Retry"},"wa_id":"6281400000001"}],
                "messages":[{"from":"6281400000001","id":"%s","timestamp":"1764700000","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(PHONE_NUMBER_ID, wamid, body);
    }

    private record Row(String state, int attempts, String lastError) {
    }

    private Row journalRowOf(String wamid) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT state, attempts, last_error FROM webhook_journal
                         WHERE convert_from(body, 'UTF8') LIKE '%' || :id || '%'""")
                .bind("id", wamid)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .one());
    }

    @Test
    void aFailingRowIsRetriedAndSucceedsOnceTheCauseIsGone() {
        breakInsertsOf("flaky");
        postSigned(Platform.WHATSAPP, text("wamid.retry-flaky", "flaky"));
        await().atMost(Duration.ofSeconds(10)).until(() -> journalRowOf("wamid.retry-flaky").attempts() >= 1
                && journalRowOf("wamid.retry-flaky").lastError() != null);
        Row waiting = journalRowOf("wamid.retry-flaky");
        assertThat(waiting.state()).isEqualTo("pending");
        assertThat(waiting.lastError()).contains("simulated outage for flaky");
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.retry-flaky'")).isZero();

        repair();
        await().atMost(Duration.ofSeconds(15)).until(() -> journalRowOf("wamid.retry-flaky").state().equals("done"));
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.retry-flaky'")).isEqualTo(1);
    }

    @Test
    void aRowThatKeepsFailingEndsAsFailedWithItsError() {
        breakInsertsOf("broken");
        postSigned(Platform.WHATSAPP, text("wamid.retry-broken", "broken"));
        await().atMost(Duration.ofSeconds(15)).until(() -> journalRowOf("wamid.retry-broken").state().equals("failed"));
        Row failed = journalRowOf("wamid.retry-broken");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).contains("simulated outage for broken");
    }
}
