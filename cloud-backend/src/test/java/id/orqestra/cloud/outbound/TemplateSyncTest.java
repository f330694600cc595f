package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Templates come from the business account page by page ({@code GET /{waba-id}/message_templates}
 * following the cursors), are listed for the picker with their placeholders, and stay current through
 * the template status, quality and category webhooks.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplateSyncTest extends OutboundTestSupport {

    static final int MANY = 230;

    private void sync() {
        ApiClient.Response accepted = api.post("/api/v1/templates/sync", owner, Map.of("channelId", waChannel));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("state").asText()).isIn("QUEUED", "RUNNING", "DONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode sync = templates().path("syncs").get(0);
            return sync.path("state").asText().equals("DONE") || sync.path("state").asText().equals("FAILED");
        });
    }

    private JsonNode templates() {
        return api.get("/api/v1/templates?channelId=" + waChannel, owner).json();
    }

    @Test
    @Order(1)
    void everyPageIsFetchedWithTheChannelsTokenAndStored() {
        for (int i = 0; i < MANY; i++) {
            simulator.putTemplate(WABA, Json.read("""
                    {"name":"bulk_%03d","language":"id","status":"APPROVED","category":"UTILITY",
                     "components":[{"type":"BODY","text":"Pesan {{1}} nomor %d"}]}""".formatted(i, i), JsonNode.class));
        }
        simulator.putTemplate(WABA, Json.read("""
                {"name":"order_update","language":"id","status":"APPROVED","category":"UTILITY",
                 "quality_score":{"score":"GREEN"},
                 "components":[{"type":"HEADER","format":"TEXT","text":"Pesanan {{1}}"},
                               {"type":"BODY","text":"Dikirim dengan {{1}}, tiba {{2}}."},
                               {"type":"FOOTER","text":"Kopi Senja"},
                               {"type":"BUTTONS","buttons":[{"type":"URL","text":"Lacak","url":"https://kopi.example/l/{{1}}"},
                                 {"type":"PHONE_NUMBER","text":"Telepon","phone_number":"+6281230004455"}]}]}""",
                JsonNode.class));
        sync();
        JsonNode list = templates();
        JsonNode state = list.path("syncs").get(0);
        assertThat(state.path("state").asText()).isEqualTo("DONE");
        assertThat(state.path("templateCount").asInt()).isEqualTo(MANY + 1);
        assertThat(state.path("wabaId").asText()).isEqualTo(WABA);
        assertThat(list.path("templates")).hasSize(MANY + 1);

        List<MetaSimulator.ReceivedRequest> pages = simulator.received("GET", "/v23.0/" + WABA + "/message_templates");
        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(r -> assertThat(r.bearerToken()).isEqualTo(WA_TOKEN));
        assertThat(pages.get(0).query()).doesNotContain("after=");
        assertThat(pages.get(1).query()).contains("after=");
        assertThat(pages.get(0).query()).contains("limit=100", "fields=");

        JsonNode update = null;
        for (JsonNode t : list.path("templates")) {
            if (t.path("name").asText().equals("order_update")) {
                update = t;
            }
        }
        assertThat(update).isNotNull();
        assertThat(update.path("header").path("format").asText()).isEqualTo("TEXT");
        assertThat(update.path("header").path("parameters")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(update.path("bodyParameters")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(update.path("footer").asText()).isEqualTo("Kopi Senja");
        assertThat(update.path("qualityScore").asText()).isEqualTo("GREEN");
        assertThat(update.path("buttons").get(0).path("takesValue").asBoolean()).isTrue();
        assertThat(update.path("buttons").get(1).path("takesValue").asBoolean()).isFalse();
        assertThat(update.path("buttons").get(1).path("phoneNumber").asText()).isEqualTo("+6281230004455");
    }

    @Test
    @Order(2)
    void templateWebhooksUpdateTheStoredTemplates() {
        String metaId = jdbi.withHandle(h -> h.createQuery(
                "SELECT meta_template_id FROM message_templates WHERE name = 'order_update'").mapTo(String.class).one());
        notice("message_template_status_update", """
                {"event":"REJECTED","message_template_id":%s,"message_template_name":"order_update",
                 "message_template_language":"id","reason":"INCORRECT_CATEGORY"}""".formatted(metaId));
        notice("message_template_quality_update", """
                {"previous_quality_score":"GREEN","new_quality_score":"YELLOW","message_template_id":%s,
                 "message_template_name":"order_update","message_template_language":"id"}""".formatted(metaId));
        notice("template_category_update", """
                {"message_template_id":%s,"message_template_name":"order_update","message_template_language":"id",
                 "previous_category":"UTILITY","new_category":"MARKETING"}""".formatted(metaId));
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT status, quality_score, category, rejected_reason FROM message_templates WHERE name = 'order_update'")
                .mapToMap().one());
        assertThat(row).containsEntry("status", "REJECTED").containsEntry("quality_score", "YELLOW")
                .containsEntry("category", "MARKETING").containsEntry("rejected_reason", "INCORRECT_CATEGORY");
        // the admins still see the notices
        assertThat(count("SELECT count(*) FROM account_notices WHERE subject = ?", metaId)).isEqualTo(3);

        // a rejected template can no longer be sent
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        ApiClient.Response refused = send(conversation, Map.of("template", Map.of("name", "order_update", "language", "id",
                "header", List.of(Map.of("text", "KS-1")), "body", List.of(Map.of("text", "JNE"), Map.of("text", "besok")),
                "buttons", List.of(Map.of("index", 0, "value", "KS-1")))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asText()).contains("is rejected, not approved");
    }

    @Test
    @Order(3)
    void aTemplateWeDoNotKnowYetMakesUsSyncAndOnesGoneFromMetaAreDropped() {
        simulator.putTemplate(WABA, Json.read("""
                {"id":"990000000000777","name":"fresh_from_manager","language":"en_US","status":"APPROVED",
                 "category":"UTILITY","components":[{"type":"BODY","text":"Hello!"}]}""", JsonNode.class));
        int syncsBefore = count("SELECT count(*) FROM outbound_jobs WHERE kind = 'TEMPLATE_SYNC'");
        notice("message_template_status_update", """
                {"event":"APPROVED","message_template_id":990000000000777,"message_template_name":"fresh_from_manager",
                 "message_template_language":"en_US","reason":"NONE"}""");
        assertThat(count("SELECT count(*) FROM outbound_jobs WHERE kind = 'TEMPLATE_SYNC'")).isEqualTo(syncsBefore + 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM message_templates WHERE name = 'fresh_from_manager'") == 1);

        // a template Meta no longer lists is gone here after the next sync
        jdbi.useHandle(h -> h.execute("INSERT INTO message_templates (org_id, waba_id, name, language, status) "
                + "VALUES (?, ?, 'deleted_at_meta', 'id', 'APPROVED')", orgId, WABA));
        sync();
        assertThat(count("SELECT count(*) FROM message_templates WHERE name = 'deleted_at_meta'")).isZero();
    }

    @Test
    @Order(4)
    void instagramChannelsHaveNoTemplatesAndOtherChannelsAreNotFound() {
        assertThat(api.get("/api/v1/templates?channelId=" + igChannel, owner).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/templates?channelId=999999", owner).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/templates/sync", owner, Map.of()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/templates", owner).json().path("templates").size()).isGreaterThan(MANY);
    }

    private void notice(String field, String value) {
        assertThat(postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":"%s","value":%s}]}]}
                """.formatted(WABA, Instant.now().getEpochSecond(), field, value)).statusCode()).isEqualTo(200);
        awaitJournalDrained();
    }
}
