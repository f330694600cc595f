package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.testing.ApiClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens when Meta stumbles or refuses: throttling backs off and succeeds later, server errors
 * are retried without a second message reaching Meta, permanent errors fail with their sentence, an
 * answer that never came is not sent again but tied back by the status webhook, and an expired token
 * flags the channel.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryTest extends OutboundTestSupport {

    private long queueText(long conversation, String text) {
        ApiClient.Response response = send(conversation, Map.of("text", text));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    private long acceptedWithText(String text) {
        return simulator.accepted().stream().filter(a -> text.equals(a.body().path("text").path("body").asText(null))).count();
    }

    private long requestsWithText(String text) {
        return simulator.received("POST", "/v23.0/" + PHONE + "/messages").stream()
                .filter(r -> r.bodyText().contains(text)).count();
    }

    @Test
    void throughputLimit130429BacksOffAndLaterSucceeds() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNext(PHONE + "/messages", 400, 130429, 2);
        Instant start = Instant.now();
        long id = queueText(conversation, "Terkirim setelah antre");
        awaitStatus(id, "SENT");
        assertThat(requestsWithText("Terkirim setelah antre")).isEqualTo(3);
        assertThat(acceptedWithText("Terkirim setelah antre")).isEqualTo(1);
        // the channel paused 1 s, then 2 s, before the third try
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(count("SELECT attempts FROM outbound_jobs WHERE message_id = ?", id)).isEqualTo(3);
        assertThat(messageRow(id).path("error").isNull()).isTrue();
    }

    @Test
    void serverErrorsAreRetriedAndMetaGetsTheMessageOnce() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNext(PHONE + "/messages", 503, 2, 2);
        long id = queueText(conversation, "Coba lagi nanti");
        awaitStatus(id, "SENT");
        assertThat(requestsWithText("Coba lagi nanti")).isEqualTo(3);
        assertThat(acceptedWithText("Coba lagi nanti")).isEqualTo(1);
        assertThat(messageRow(id).path("provider").asText()).startsWith("wamid.");
    }

    @Test
    void aPermanentErrorFailsTheMessageWithItsSentenceAndIsNotRetried() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNext(PHONE + "/messages", 400, 131026, 1);
        long id = queueText(conversation, "Nomor tidak aktif");
        awaitStatus(id, "FAILED");
        JsonNode error = messageRow(id).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(131026);
        assertThat(error.path("explanation").asText()).contains("could not deliver", "131026");
        assertThat(error.path("message").asText()).contains("Message undeliverable");
        assertThat(requestsWithText("Nomor tidak aktif")).isEqualTo(1);
        // the agent's copy says the same
        JsonNode view = api.get("/api/v1/conversations/" + conversation + "/messages", owner).json();
        JsonNode failed = null;
        for (JsonNode m : view) {
            if (m.path("id").asLong() == id) {
                failed = m;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("explanation").asText()).contains("131026");
    }

    @Test
    void aFailedStatusWebhookFailsTheMessageWithTheSentenceForItsCode() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNextDeliveries(1, 131049);
        long id = queueText(conversation, "Promo spesial");
        awaitStatus(id, "FAILED");
        JsonNode error = messageRow(id).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(131049);
        assertThat(error.path("explanation").asText()).contains("healthy", "131049");
    }

    @Test
    void anAnswerThatNeverCameIsNotResentAndTheStatusWebhookTiesItBack() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.stallNext(PHONE + "/messages", Duration.ofSeconds(4), 1);
        // the first status comes after the client gave up waiting (2 s), as when the answer was lost
        simulator.statusDelays(Duration.ofMillis(2600), Duration.ofMillis(2900), Duration.ofMillis(3200));
        long id;
        try {
            id = queueText(conversation, "Jawaban hilang");
            awaitStatus(id, "READ");
        } finally {
            simulator.statusDelays(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(600));
        }
        assertThat(acceptedWithText("Jawaban hilang")).isEqualTo(1);
        assertThat(requestsWithText("Jawaban hilang")).isEqualTo(1);
        JsonNode row = messageRow(id);
        String wamid = simulator.accepted().stream()
                .filter(a -> "Jawaban hilang".equals(a.body().path("text").path("body").asText(null)))
                .findFirst().orElseThrow().providerId();
        assertThat(row.path("provider").asText()).isEqualTo(wamid);
        assertThat(count("SELECT count(*) FROM outbound_jobs WHERE message_id = ? AND state = 'DONE' "
                + "AND unconfirmed_since IS NOT NULL", id)).isEqualTo(1);
    }

    @Test
    void anIdAnotherMessageHoldsIsNotSentAgainAndTheMessageStaysSent() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        long earlier = queueText(conversation, "Pesan sebelumnya");
        awaitStatus(earlier, "READ");
        String earlierWamid = messageRow(earlier).path("provider").asText();
        // Meta accepts the send, but its id is one the database already holds: storing the answer fails
        // the way it did after a demo restart, when the simulator counted its ids from 1 again
        simulator.answerNextSendWithId(earlierWamid);
        long id = queueText(conversation, "Jangan terkirim dua kali");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM outbound_jobs WHERE message_id = ? AND state IN ('DONE', 'FAILED')", id) == 1);
        // a resend would come after the first retry delay (200 ms); give it ample time
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> requestsWithText("Jangan terkirim dua kali") == 1);
        assertThat(acceptedWithText("Jangan terkirim dua kali")).isEqualTo(1);
        assertThat(count("SELECT attempts FROM outbound_jobs WHERE message_id = ?", id)).isEqualTo(1);

        // the customer has it, so the agent sees it sent (a failure would invite sending it again), without the id
        JsonNode row = messageRow(id);
        assertThat(row.path("status").asText()).isEqualTo("SENT");
        assertThat(row.path("provider").isNull()).isTrue();
        assertThat(row.path("error").isNull()).isTrue();
        assertThat(messageRow(earlier).path("provider").asText()).isEqualTo(earlierWamid);
        assertThat(count("SELECT count(*) FROM outbound_jobs WHERE message_id = ? AND state = 'DONE' "
                + "AND last_error LIKE '%already holds%'", id)).isEqualTo(1);
        String shown = null;
        for (JsonNode m : api.get("/api/v1/conversations/" + conversation + "/messages", owner).json()) {
            if (m.path("id").asLong() == id) {
                shown = m.path("status").asText();
            }
        }
        assertThat(shown).isEqualTo("SENT");
    }

    @Test
    void anUnconfirmedSendWithoutAnyWebhookFailsAfterTheGracePeriodWithASentence() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.statusWebhooks(false);
        try {
            simulator.stallNext(PHONE + "/messages", Duration.ofSeconds(4), 1);
            long id = queueText(conversation, "Tanpa kabar");
            awaitStatus(id, "FAILED");
            assertThat(messageRow(id).path("error").path("explanation").asText()).contains("could not confirm");
            assertThat(requestsWithText("Tanpa kabar")).isEqualTo(1);
        } finally {
            simulator.statusWebhooks(true);
        }
    }

    @Test
    void duplicatedAndReorderedStatusWebhooksStillEndRead() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.duplicateStatusWebhooks(true);
        simulator.reorderStatusWebhooks(true);
        try {
            long id = queueText(conversation, "Urutan acak");
            awaitStatus(id, "READ");
            String wamid = messageRow(id).path("provider").asText();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    count("SELECT count(*) FROM message_status_events WHERE provider_message_id = ?", wamid) == 3);
            assertThat(status(id)).isEqualTo("READ");
        } finally {
            simulator.duplicateStatusWebhooks(false);
            simulator.reorderStatusWebhooks(false);
        }
    }

    @Test
    void tooManyMessagesToOneCustomerWaitAndGoOutInOrder() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNext(PHONE + "/messages", 400, 131056, 1);
        long first = queueText(conversation, "Pertama");
        long second = queueText(conversation, "Kedua");
        awaitStatus(second, "SENT");
        assertThat(status(first)).isIn("SENT", "DELIVERED", "READ");
        var order = simulator.accepted().stream().map(a -> a.body().path("text").path("body").asText(""))
                .filter(t -> t.equals("Pertama") || t.equals("Kedua")).toList();
        assertThat(order).containsExactly("Pertama", "Kedua");
    }

    @Test
    void anExpiredTokenFlagsTheChannelTellsTheAdminsAndStopsSending() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.expireToken(WA_TOKEN);
        try {
            long id = queueText(conversation, "Token kedaluwarsa");
            awaitStatus(id, "FAILED");
            assertThat(messageRow(id).path("error").path("explanation").asText()).contains("access token", "190");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    count("SELECT count(*) FROM channels WHERE id = ? AND token_invalid_since IS NOT NULL", waChannel) == 1);
            assertThat(count("SELECT count(*) FROM account_notices WHERE kind = 'CHANNEL_TOKEN_INVALID' AND channel_id = ?",
                    waChannel)).isEqualTo(1);
            assertThat(count("""
                    SELECT count(*) FROM change_events WHERE type = 'channel.upserted'
                       AND (payload->'channel'->>'id')::bigint = ? AND payload->'channel'->>'tokenInvalidSince' IS NOT NULL""",
                    waChannel)).isEqualTo(1);
            JsonNode channels = api.get("/api/v1/channels", owner).json();
            assertThat(channels.findValues("tokenInvalidSince")).anyMatch(v -> !v.isNull());

            ApiClient.Response refused = send(conversation, Map.of("text", "Masih bisa?"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("detail").asText()).contains("access token");

            // a new token clears the flag and sending works again
            ApiClient.Response replaced = api.call("PATCH", "/api/v1/channels/" + waChannel, owner,
                    "{\"accessToken\":\"wa-outbound-token-renewed-0000\"}");
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.json().path("tokenInvalidSince").isMissingNode()
                    || replaced.json().path("tokenInvalidSince").isNull()).isTrue();
            simulator.acceptToken("wa-outbound-token-renewed-0000");
            long again = queueText(conversation, "Token baru");
            awaitStatus(again, "SENT");
            assertThat(lastRequest("POST", PHONE + "/messages").bearerToken()).isEqualTo("wa-outbound-token-renewed-0000");
        } finally {
            jdbi.useHandle(h -> h.execute("UPDATE channels SET token_invalid_since = NULL WHERE id = ?", waChannel));
        }
    }

    @Test
    void theSendRateIsSetPerNumber() {
        ApiClient.Response tooFast = api.call("PATCH", "/api/v1/channels/" + waChannel, owner, "{\"messagesPerSecond\":1001}");
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.json().path("detail").asText()).contains("1 to 1,000");
        ApiClient.Response slow = api.call("PATCH", "/api/v1/channels/" + waChannel, owner, "{\"messagesPerSecond\":4}");
        assertThat(slow.status()).as(slow.body()).isEqualTo(200);
        assertThat(slow.json().path("messagesPerSecond").asInt()).isEqualTo(4);
        try {
            java.util.List<Long> conversations = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                conversations.add(whatsAppCustomerWrote(Instant.now().minusSeconds(30)));
            }
            simulator.clearReceived();
            java.util.List<Long> ids = new java.util.ArrayList<>();
            for (long conversation : conversations) {
                ids.add(queueText(conversation, "Pelan-pelan " + conversation));
            }
            for (long id : ids) {
                awaitStatus(id, "SENT");
            }
            var arrivals = new java.util.ArrayList<>(simulator.sendTimes(PHONE));
            arrivals.sort(null);
            assertThat(arrivals).hasSize(10);
            // 4 a second: the tenth send starts at least 9/4 s after the first
            assertThat(Duration.ofNanos(arrivals.getLast() - arrivals.getFirst())).isGreaterThanOrEqualTo(Duration.ofMillis(2250));
            assertThat(simulator.maxPerSecond(PHONE)).isLessThanOrEqualTo(4);
        } finally {
            api.call("PATCH", "/api/v1/channels/" + waChannel, owner, "{\"messagesPerSecond\":80}");
        }
    }
}
