package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rules checked before anything is sent: the WhatsApp customer-service window (and its 72-hour
 * extension after an ad), templates checked against their definition, marketing opt-outs, who may
 * send, and the content itself. Each refusal is a problem+json sentence, nothing is stored, and the
 * simulator receives nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendRulesTest extends OutboundTestSupport {

    @BeforeAll
    void templates() {
        simulator.putTemplate(WABA, Json.read("""
                {"name":"order_confirmation","language":"id","status":"APPROVED","category":"UTILITY",
                 "components":[{"type":"BODY","text":"Halo {{1}}, pesanan kamu sudah kami terima."}]}""", JsonNode.class));
        simulator.putTemplate(WABA, Json.read("""
                {"name":"restock_alert","language":"id","status":"APPROVED","category":"MARKETING",
                 "components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"{{1}} tersedia lagi."}]}""",
                JsonNode.class));
        simulator.putTemplate(WABA, Json.read("""
                {"name":"promo_senja_weekend","language":"id","status":"REJECTED","category":"MARKETING",
                 "components":[{"type":"BODY","text":"Promo"}]}""", JsonNode.class));
        api.post("/api/v1/templates/sync", owner, Map.of("channelId", waChannel));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM message_templates") == 3);
    }

    private int messagesSentToMeta() {
        return simulator.received("POST", "/messages").size();
    }

    @Test
    void freeTextOutsideTheWindowIsRefusedWithItsSentenceAndNothingIsSent() {
        long conversation = whatsAppCustomerWrote(Instant.now().minus(25, ChronoUnit.HOURS));
        int messagesBefore = count("SELECT count(*) FROM messages");
        int sentBefore = messagesSentToMeta();
        ApiClient.Response refused = send(conversation, Map.of("text", "Masih bisa dibantu?"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("The customer last wrote more than 24 hours ago, so WhatsApp accepts only a template now. "
                        + "Choose a template to restart the conversation.");
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(messagesBefore);
        assertThat(messagesSentToMeta()).isEqualTo(sentBefore);

        // the conversation says when the window closed, for the countdown in the desktop
        JsonNode view = api.get("/api/v1/conversations/" + conversation, owner).json();
        assertThat(Instant.parse(view.path("windowClosesAt").asText())).isBefore(Instant.now());

        // a template is the way back in
        ApiClient.Response template = send(conversation, Map.of("template", Map.of("name", "order_confirmation",
                "language", "id", "body", List.of(Map.of("text", "Dewi")))));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        awaitStatus(template.json().path("id").asLong(), "SENT");
    }

    @Test
    void aClickToWhatsAppAdKeepsTheWindowOpenFor72Hours() {
        long conversation = whatsAppCustomerWrote(Instant.now().minus(30, ChronoUnit.HOURS));
        jdbi.useHandle(h -> h.execute("UPDATE conversations SET free_entry_until = now() + interval '42 hours' WHERE id = ?",
                conversation));
        ApiClient.Response sent = send(conversation, Map.of("text", "Terima kasih sudah klik iklan kami"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode view = api.get("/api/v1/conversations/" + conversation, owner).json();
        assertThat(Instant.parse(view.path("windowClosesAt").asText())).isAfter(Instant.now().plus(41, ChronoUnit.HOURS));
    }

    @Test
    void aTemplateWithTheWrongParameterCountIsRefusedBeforeAnyCall() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        int sentBefore = messagesSentToMeta();
        ApiClient.Response refused = send(conversation, Map.of("template", Map.of("name", "order_confirmation",
                "language", "id", "body", List.of(Map.of("text", "Dewi"), Map.of("text", "KS-2041")))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("The body of template order_confirmation has 1 placeholder but 2 values were given.");
        assertThat(messagesSentToMeta()).isEqualTo(sentBefore);
        assertThat(simulator.received().stream().filter(r -> r.bodyText().contains("KS-2041"))).isEmpty();
    }

    @Test
    void templateMismatchesEachGetTheirSentence() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        int sentBefore = messagesSentToMeta();
        assertThat(detail(send(conversation, Map.of("template", Map.of("name", "restock_alert", "language", "id",
                "body", List.of(Map.of("text", "Gayo")))))))
                .isEqualTo("Template restock_alert starts with image; attach it as headerMedia.");
        assertThat(detail(send(conversation, Map.of("template", Map.of("name", "restock_alert", "language", "id",
                "headerMedia", Map.of("kind", "video", "link", "https://kopi.example/v.mp4"),
                "body", List.of(Map.of("text", "Gayo")))))))
                .isEqualTo("Template restock_alert needs image in its header, not video.");
        assertThat(detail(send(conversation, Map.of("template", Map.of("name", "promo_senja_weekend", "language", "id")))))
                .contains("is rejected, not approved");
        assertThat(detail(send(conversation, Map.of("template", Map.of("name", "no_such_template", "language", "id")))))
                .contains("There is no template named no_such_template in language id");
        assertThat(detail(send(conversation, Map.of("template", Map.of("name", "order_confirmation", "language", "id",
                "body", List.of(Map.of("text", "Dewi\nBaris kedua"))))))).contains("line break");
        assertThat(messagesSentToMeta()).isEqualTo(sentBefore);
    }

    @Test
    void aCustomerWhoStoppedMarketingGetsNoMarketingTemplate() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        jdbi.useHandle(h -> h.execute("UPDATE contacts SET marketing_opt_out = TRUE WHERE id = "
                + "(SELECT contact_id FROM conversations WHERE id = ?)", conversation));
        ApiClient.Response refused = send(conversation, Map.of("template", Map.of("name", "restock_alert", "language", "id",
                "headerMedia", Map.of("kind", "image", "link", "https://kopi.example/gayo.jpg"),
                "body", List.of(Map.of("text", "Gayo")))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).contains("stopped marketing messages");
    }

    @Test
    void badContentIsRefusedWithASentence() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        assertThat(detail(send(conversation, Map.of("text", "a", "media", Map.of("kind", "image", "link", "https://x.example/a.jpg")))))
                .startsWith("Send one thing at a time");
        assertThat(detail(send(conversation, Map.of("media", Map.of("kind", "image", "link", "http://insecure.example/a.jpg")))))
                .contains("public https links");
        assertThat(detail(send(conversation, Map.of("media", Map.of("kind", "audio", "link", "https://x.example/a.ogg",
                "caption", "dengar ini")))))
                .contains("no caption with audio");
        assertThat(detail(send(conversation, Map.of("media", Map.of("kind", "image", "uploadId",
                "6f1c1f4e-0000-4000-8000-000000000000"))))).contains("There is no uploaded file");
        assertThat(detail(send(conversation, Map.of("interactive", Map.of("type", "BUTTONS", "body", "Pilih",
                "buttons", List.of(Map.of("id", "a", "title", "1"), Map.of("id", "b", "title", "2"),
                        Map.of("id", "c", "title", "3"), Map.of("id", "d", "title", "4")))))))
                .contains("ones, twos or threes");
        assertThat(detail(send(conversation, Map.of("interactive", Map.of("type", "BUTTONS", "body", "Pilih",
                "buttons", List.of(Map.of("id", "a", "title", "Judul yang terlalu panjang sekali")))))))
                .contains("at most 20 characters");
        assertThat(send(conversation, Map.of("text", "   ")).status()).isEqualTo(400);
    }

    @Test
    void onlyMembersWhoMaySeeTheConversationMaySendInIt() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        organizations.user(orgId, "agent@outbound.test", "outbound agent password", BuiltInRole.AGENT);
        String agent = api.login("agent@outbound.test", "outbound agent password");
        ApiClient.Response unassigned = api.call("POST", "/api/v1/conversations/" + conversation + "/messages", agent,
                "{\"text\":\"Halo\"}", "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(unassigned.status()).isEqualTo(404);

        organizations.user(orgId, "analyst@outbound.test", "outbound analyst password", BuiltInRole.ANALYST);
        String analyst = api.login("analyst@outbound.test", "outbound analyst password");
        ApiClient.Response noReply = api.call("POST", "/api/v1/conversations/" + conversation + "/messages", analyst,
                "{\"text\":\"Halo\"}", "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(noReply.status()).isEqualTo(403);
        assertThat(noReply.json().path("detail").asText()).contains("inbox.reply");
    }

    @Test
    void anInstagramReplyAfter24HoursCarriesTheHumanAgentTagAndAfter7DaysIsRefused() {
        long recent = instagramCustomerWrote(Instant.now().minus(3, ChronoUnit.HOURS));
        long id = send(recent, Map.of("text", "Masih ada kak")).json().path("id").asLong();
        awaitStatus(id, "SENT");
        assertThat(lastRequest("POST", IG_ACCOUNT + "/messages").json().has("tag")).isFalse();

        long twoDays = instagramCustomerWrote(Instant.now().minus(2, ChronoUnit.DAYS));
        ApiClient.Response tagged = send(twoDays, Map.of("text", "Maaf baru balas"));
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(201);
        awaitStatus(tagged.json().path("id").asLong(), "SENT");
        JsonNode body = lastRequest("POST", IG_ACCOUNT + "/messages").json();
        assertThat(body.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(body.path("tag").asText()).isEqualTo("HUMAN_AGENT");

        long old = instagramCustomerWrote(Instant.now().minus(8, ChronoUnit.DAYS));
        ApiClient.Response refused = send(old, Map.of("text", "Halo lagi"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).contains("more than 7 days ago");
    }

    @Test
    void aWindowThatClosesWhileTheMessageWaitsFailsItWithTheSentence() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        simulator.failNext(PHONE + "/messages", 503, 2, 1);
        long id = send(conversation, Map.of("text", "Terlambat")).json().path("id").asLong();
        // while it waits for its retry, time passes: the customer's last message is now 25 hours old
        jdbi.useHandle(h -> h.execute("UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = ?",
                conversation));
        awaitStatus(id, "FAILED");
        assertThat(messageRow(id).path("error").path("explanation").asText()).contains("more than 24 hours ago");
    }

    private static String detail(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isIn(409, 422);
        return response.json().path("detail").asText();
    }
}
