package id.orqestra.cloud.inbox.ingest;

import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery reports in every order, including before the message they report on: the message ends in
 * the same state whatever the order, a failure is shown even when it arrives after "read", and every
 * report is kept as history.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusOrderTest extends BackendTest {

    static final String PHONE_NUMBER_ID = "990000000000101";
    static final String WABA_ID = "990000000000102";
    static final String CUSTOMER = "6281300000001";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orqestra.ingest.workers", "1");
    }

    @BeforeAll
    void channel() {
        long org = organizations.organization("Status Test", "status-test");
        organizations.whatsApp(org, WABA_ID, PHONE_NUMBER_ID, "token");
    }

    /** The business's own message, echoed from its phone (it is what the reports are about). */
    static String echo(String wamid) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"smb_message_echoes","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "message_echoes":[{"from":"15550001111","to":"%s","id":"%s","timestamp":"1764700000","type":"text",
                "text":{"body":"Your order has shipped"}}]}}]}]}
                """.formatted(WABA_ID, PHONE_NUMBER_ID, CUSTOMER, wamid);
    }

    static String status(String wamid, String status, long timestamp) {
        String errors = status.equals("failed")
                ? ",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\",\"message\":\"Re-engagement message\","
                + "\"error_data\":{\"details\":\"More than 24 hours have passed since the customer last replied.\"}}]"
                : "";
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]}}]}]}
                """.formatted(WABA_ID, PHONE_NUMBER_ID, wamid, status, timestamp, CUSTOMER, errors);
    }

    private void deliverInOrder(String wamid, List<String> order) {
        for (String step : order) {
            String body = switch (step) {
                case "message" -> echo(wamid);
                case "sent" -> status(wamid, "sent", 1764700001);
                case "delivered" -> status(wamid, "delivered", 1764700002);
                case "read" -> status(wamid, "read", 1764700003);
                case "failed" -> status(wamid, "failed", 1764700002);
                default -> throw new IllegalArgumentException(step);
            };
            assertThat(postSigned(Platform.WHATSAPP, body).statusCode()).isEqualTo(200);
            awaitJournalDrained();
        }
    }

    private record Outcome(String status, Integer errorCode) {
    }

    private Outcome outcome(String wamid) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, (error->>'code')::int AS code FROM messages WHERE provider_message_id = :id")
                .bind("id", wamid)
                .map((rs, ctx) -> new Outcome(rs.getString("status"), (Integer) rs.getObject("code")))
                .one());
    }

    @Test
    void everyOrderOfSentDeliveredReadAndTheMessageEndsRead() {
        int n = 0;
        for (List<String> order : permutations(List.of("message", "sent", "delivered", "read"))) {
            String wamid = "wamid.order-read-" + n++;
            deliverInOrder(wamid, order);
            assertThat(outcome(wamid)).as("order %s", order).isEqualTo(new Outcome("READ", null));
            assertThat(count("SELECT count(*) FROM message_status_events WHERE provider_message_id = ?", wamid))
                    .as("history of %s", order).isEqualTo(3);
        }
    }

    @Test
    void aFailureIsShownWhateverArrivesAroundIt() {
        int n = 0;
        for (List<String> order : permutations(List.of("message", "sent", "failed", "read"))) {
            String wamid = "wamid.order-failed-" + n++;
            deliverInOrder(wamid, order);
            assertThat(outcome(wamid)).as("order %s", order).isEqualTo(new Outcome("FAILED", 131047));
        }
    }

    @Test
    void aRepeatedReportChangesNothing() {
        String wamid = "wamid.order-repeat";
        deliverInOrder(wamid, List.of("message", "delivered", "delivered", "sent", "delivered"));
        assertThat(outcome(wamid)).isEqualTo(new Outcome("DELIVERED", null));
        assertThat(count("SELECT count(*) FROM message_status_events WHERE provider_message_id = ?", wamid)).isEqualTo(2);
        assertThat(count("""
                SELECT count(*) FROM change_events WHERE type = 'message.upserted'
                   AND payload->'message'->>'providerMessageId' = ?""", wamid))
                .as("one event for the message, one for delivered; the repeats and the late 'sent' publish nothing")
                .isEqualTo(2);
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
