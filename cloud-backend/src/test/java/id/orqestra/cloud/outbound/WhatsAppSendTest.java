package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.ApiClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every WhatsApp send kind reaches the (simulated) Graph API as the body Meta documents for
 * {@code POST /{phone-number-id}/messages}, with the channel's token, and ends SENT with Meta's id;
 * the simulator's status webhooks then take it to DELIVERED and READ.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppSendTest extends OutboundTestSupport {

    @BeforeAll
    void templates() {
        simulator.putTemplate(WABA, Json.read("""
                {"name":"order_confirmation","language":"id","status":"APPROVED","category":"UTILITY",
                 "components":[{"type":"BODY","text":"Halo {{1}}, pesanan {{2}} sudah kami terima."}]}""", JsonNode.class));
        simulator.putTemplate(WABA, Json.read("""
                {"name":"order_update","language":"id","status":"APPROVED","category":"UTILITY",
                 "components":[{"type":"HEADER","format":"TEXT","text":"Pesanan {{1}}"},
                               {"type":"BODY","text":"Dikirim dengan {{1}}."},
                               {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Oke"},
                                 {"type":"URL","text":"Lacak","url":"https://kopi.example/lacak/{{1}}"}]}]}""", JsonNode.class));
        simulator.putTemplate(WABA, Json.read("""
                {"name":"restock_alert","language":"id","status":"APPROVED","category":"UTILITY",
                 "components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"{{1}} tersedia lagi."}]}""",
                JsonNode.class));
        simulator.putTemplate(WABA, Json.read("""
                {"name":"welcome_back","language":"id","status":"APPROVED","category":"UTILITY","parameter_format":"NAMED",
                 "components":[{"type":"BODY","text":"Hai {{first_name}}, kode kamu {{code}}."}]}""", JsonNode.class));
        // the backend learns the templates through a sync, as it would from Meta
        ApiClient.Response sync = api.post("/api/v1/templates/sync", owner, Map.of("channelId", waChannel));
        assertThat(sync.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM message_templates") == 4);
    }

    private JsonNode sent(long conversation, Object body) {
        ApiClient.Response response = send(conversation, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("status").asText()).isEqualTo("QUEUED");
        long id = response.json().path("id").asLong();
        awaitStatus(id, "SENT");
        return response.json();
    }

    /** The Graph request the simulator accepted for our message (matched by the wamid we stored). */
    private MetaSimulator.AcceptedMessage acceptedFor(long messageId) {
        String wamid = messageRow(messageId).path("provider").asText();
        return simulator.accepted().stream().filter(a -> a.providerId().equals(wamid)).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator accepted no message " + wamid));
    }

    private String waIdOf(long conversation) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT ct.external_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = :id")
                .bind("id", conversation).mapTo(String.class).one());
    }

    @Test
    void textWithLinkPreviewAndQuoteGoesOutWithTokenAndCallbackData() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        long quoted = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE conversation_id = :c")
                .bind("c", conversation).mapTo(Long.class).one());
        String quotedWamid = messageRow(quoted).path("provider").asText();
        JsonNode message = sent(conversation, Map.of("text", "Ready kak, cek https://kopi.example",
                "previewUrl", true, "replyToMessageId", quoted));

        MetaSimulator.AcceptedMessage accepted = acceptedFor(message.path("id").asLong());
        JsonNode body = accepted.body();
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.path("to").asText()).isEqualTo(waIdOf(conversation));
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Ready kak, cek https://kopi.example");
        assertThat(body.path("text").path("preview_url").asBoolean()).isTrue();
        assertThat(body.path("context").path("message_id").asText()).isEqualTo(quotedWamid);
        assertThat(body.path("biz_opaque_callback_data").asText()).isEqualTo(message.path("clientId").asText());
        MetaSimulator.ReceivedRequest request = simulator.received("POST", "/v23.0/" + PHONE + "/messages").stream()
                .filter(r -> r.bodyText().contains("Ready kak")).findFirst().orElseThrow();
        assertThat(request.bearerToken()).isEqualTo(WA_TOKEN);
        assertThat(request.headers().get("Content-type")).anyMatch(v -> v.startsWith("application/json"));
    }

    @Test
    void statusWebhooksTakeTheMessageToDeliveredAndRead() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        long id = sent(conversation, Map.of("text", "Pesanan diproses")).path("id").asLong();
        awaitStatus(id, "READ");
        assertThat(count("SELECT count(*) FROM message_status_events WHERE provider_message_id = ?",
                messageRow(id).path("provider").asText())).isEqualTo(3);
        // every state the agent saw was published: queued, sending, sent, delivered, read
        List<String> published = jdbi.withHandle(h -> h.createQuery("""
                        SELECT payload->'message'->>'status' FROM change_events
                         WHERE type = 'message.upserted' AND (payload->'message'->>'id')::bigint = :id ORDER BY id
                        """).bind("id", id).mapTo(String.class).list());
        assertThat(published).containsSubsequence("QUEUED", "SENDING", "SENT", "DELIVERED", "READ");
    }

    @Test
    void mediaByLinkAndDocumentWithFilename() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        JsonNode image = sent(conversation, Map.of("media", Map.of("kind", "image",
                "link", "https://kopi.example/menu.jpg", "caption", "Menu hari ini")));
        JsonNode body = acceptedFor(image.path("id").asLong()).body();
        assertThat(body.path("type").asText()).isEqualTo("image");
        assertThat(body.path("image").path("link").asText()).isEqualTo("https://kopi.example/menu.jpg");
        assertThat(body.path("image").path("caption").asText()).isEqualTo("Menu hari ini");
        assertThat(body.path("image").has("id")).isFalse();

        JsonNode document = sent(conversation, Map.of("media", Map.of("kind", "document",
                "link", "https://kopi.example/invoice.pdf", "filename", "Invoice KS-2041.pdf")));
        JsonNode documentBody = acceptedFor(document.path("id").asLong()).body();
        assertThat(documentBody.path("document").path("filename").asText()).isEqualTo("Invoice KS-2041.pdf");
        assertThat(documentBody.path("document").path("link").asText()).isEqualTo("https://kopi.example/invoice.pdf");

        for (String kind : List.of("audio", "video", "sticker")) {
            String link = "https://kopi.example/file." + kind;
            JsonNode body2 = acceptedFor(sent(conversation, Map.of("media", Map.of("kind", kind, "link", link)))
                    .path("id").asLong()).body();
            assertThat(body2.path("type").asText()).isEqualTo(kind);
            assertThat(body2.path(kind).path("link").asText()).isEqualTo(link);
            assertThat(body2.path(kind).has("caption")).isFalse();
        }
    }

    @Test
    void anUploadedFileGoesToTheMediaEndpointFirstThenByItsId() throws Exception {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        byte[] sticker = "RIFF....WEBPVP8 pretend sticker".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURI() + "/api/v1/media?filename=senja.webp"))
                .header("Authorization", "Bearer " + owner)
                .header("Content-Type", "image/webp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sticker)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String uploadId = Json.read(upload.body(), JsonNode.class).path("uploadId").asText();

        JsonNode message = sent(conversation, Map.of("media", Map.of("kind", "sticker", "uploadId", uploadId)));
        MetaSimulator.ReceivedRequest mediaUpload = lastRequest("POST", "/v23.0/" + PHONE + "/media");
        assertThat(mediaUpload.bearerToken()).isEqualTo(WA_TOKEN);
        assertThat(mediaUpload.headers().get("Content-type")).anyMatch(v -> v.startsWith("multipart/form-data"));
        assertThat(mediaUpload.bodyText()).contains("name=\"messaging_product\"", "whatsapp", "name=\"file\"",
                "pretend sticker", "image/webp");
        JsonNode body = acceptedFor(message.path("id").asLong()).body();
        assertThat(body.path("type").asText()).isEqualTo("sticker");
        assertThat(body.path("sticker").path("id").asText()).isNotBlank();
        assertThat(body.path("sticker").has("link")).isFalse();
        // the agent sees the file it sent, from our own copy
        assertThat(api.get("/api/v1/messages/" + message.path("id").asLong() + "/media", owner).status()).isEqualTo(200);
    }

    @Test
    void templatesCarryTheirParametersPerComponent() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        JsonNode body = acceptedFor(sent(conversation, Map.of("template", Map.of("name", "order_confirmation",
                "language", "id", "body", List.of(Map.of("text", "Dewi"), Map.of("text", "KS-2041")))))
                .path("id").asLong()).body();
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("name").asText()).isEqualTo("order_confirmation");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("id");
        JsonNode bodyComponent = body.path("template").path("components").get(0);
        assertThat(bodyComponent.path("type").asText()).isEqualTo("body");
        assertThat(bodyComponent.path("parameters")).extracting(p -> p.path("type").asText() + ":" + p.path("text").asText())
                .containsExactly("text:Dewi", "text:KS-2041");

        JsonNode update = acceptedFor(sent(conversation, Map.of("template", Map.of("name", "order_update",
                "language", "id", "header", List.of(Map.of("text", "KS-2041")), "body", List.of(Map.of("text", "JNE")),
                "buttons", List.of(Map.of("index", 1, "value", "KS-2041"), Map.of("index", 0, "value", "ok-2041")))))
                .path("id").asLong()).body().path("template").path("components");
        assertThat(update.get(0).path("type").asText()).isEqualTo("header");
        assertThat(update.get(0).path("parameters").get(0).path("text").asText()).isEqualTo("KS-2041");
        assertThat(update.get(1).path("type").asText()).isEqualTo("body");
        JsonNode url = update.get(2);
        assertThat(url.path("sub_type").asText()).isEqualTo("url");
        assertThat(url.path("index").asText()).isEqualTo("1");
        assertThat(url.path("parameters").get(0).path("text").asText()).isEqualTo("KS-2041");
        JsonNode quickReply = update.get(3);
        assertThat(quickReply.path("sub_type").asText()).isEqualTo("quick_reply");
        assertThat(quickReply.path("parameters").get(0).path("type").asText()).isEqualTo("payload");
        assertThat(quickReply.path("parameters").get(0).path("payload").asText()).isEqualTo("ok-2041");

        JsonNode header = acceptedFor(sent(conversation, Map.of("template", Map.of("name", "restock_alert",
                "language", "id", "headerMedia", Map.of("kind", "image", "link", "https://kopi.example/gayo.jpg"),
                "body", List.of(Map.of("text", "Gayo"))))).path("id").asLong()).body().path("template").path("components").get(0);
        assertThat(header.path("parameters").get(0).path("type").asText()).isEqualTo("image");
        assertThat(header.path("parameters").get(0).path("image").path("link").asText()).isEqualTo("https://kopi.example/gayo.jpg");

        JsonNode named = acceptedFor(sent(conversation, Map.of("template", Map.of("name", "welcome_back",
                "language", "id", "body", List.of(Map.of("name", "code", "text", "SENJA15"),
                        Map.of("name", "first_name", "text", "Dewi"))))).path("id").asLong()).body()
                .path("template").path("components").get(0).path("parameters");
        assertThat(named).extracting(p -> p.path("parameter_name").asText() + "=" + p.path("text").asText())
                .containsExactly("first_name=Dewi", "code=SENJA15");
        assertThat(messageRow(jdbi.withHandle(h -> h.createQuery(
                        "SELECT max(id) FROM messages WHERE content->>'name' = 'welcome_back'").mapTo(Long.class).one()))
                .path("content").path("renderedBody").asText()).isEqualTo("Hai Dewi, kode kamu SENJA15.");
    }

    @Test
    void interactiveButtonsAndLists() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        JsonNode buttons = acceptedFor(sent(conversation, Map.of("interactive", Map.of("type", "BUTTONS",
                "header", "Konfirmasi", "body", "Kirim besok pagi?", "footer", "Kopi Senja",
                "buttons", List.of(Map.of("id", "yes", "title", "Ya"), Map.of("id", "no", "title", "Tidak")))))
                .path("id").asLong()).body().path("interactive");
        assertThat(buttons.path("type").asText()).isEqualTo("button");
        assertThat(buttons.path("header").path("type").asText()).isEqualTo("text");
        assertThat(buttons.path("body").path("text").asText()).isEqualTo("Kirim besok pagi?");
        assertThat(buttons.path("footer").path("text").asText()).isEqualTo("Kopi Senja");
        assertThat(buttons.path("action").path("buttons")).extracting(b -> b.path("type").asText() + ":"
                + b.path("reply").path("id").asText() + ":" + b.path("reply").path("title").asText())
                .containsExactly("reply:yes:Ya", "reply:no:Tidak");

        JsonNode list = acceptedFor(sent(conversation, Map.of("interactive", Map.of("type", "LIST",
                "body", "Pilih biji kopi", "listButton", "Lihat menu",
                "sections", List.of(Map.of("title", "Arabika", "rows", List.of(
                        Map.of("id", "gayo", "title", "Gayo", "description", "Fruity, 250 g"),
                        Map.of("id", "toraja", "title", "Toraja"))))))).path("id").asLong()).body().path("interactive");
        assertThat(list.path("type").asText()).isEqualTo("list");
        assertThat(list.path("action").path("button").asText()).isEqualTo("Lihat menu");
        JsonNode section = list.path("action").path("sections").get(0);
        assertThat(section.path("title").asText()).isEqualTo("Arabika");
        assertThat(section.path("rows").get(0).path("description").asText()).isEqualTo("Fruity, 250 g");
        assertThat(section.path("rows")).hasSize(2);
    }

    @Test
    void reactionsAreAddedAndRemovedWithAnEmptyEmoji() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        long inbound = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE conversation_id = :c")
                .bind("c", conversation).mapTo(Long.class).one());
        String wamid = messageRow(inbound).path("provider").asText();

        ApiClient.Response added = api.post("/api/v1/messages/" + inbound + "/reactions", owner, Map.of("emoji", "👍"));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("reactions").get(0).path("emoji").asText()).isEqualTo("👍");
        await().atMost(Duration.ofSeconds(10)).until(() -> reactionsSentTo(wamid).size() == 1);

        ApiClient.Response removed = api.post("/api/v1/messages/" + inbound + "/reactions", owner, Map.of("emoji", ""));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("reactions")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> reactionsSentTo(wamid).size() == 2);

        List<JsonNode> reactions = reactionsSentTo(wamid);
        assertThat(reactions.get(0).path("type").asText()).isEqualTo("reaction");
        assertThat(reactions.get(0).path("to").asText()).isEqualTo(waIdOf(conversation));
        assertThat(reactions.get(0).path("reaction").path("emoji").asText()).isEqualTo("👍");
        assertThat(reactions.get(1).path("reaction").path("emoji").asText()).isEmpty();
        assertThat(reactions.get(1).path("reaction").has("emoji")).isTrue();
    }

    private List<JsonNode> reactionsSentTo(String wamid) {
        return simulator.accepted().stream().map(MetaSimulator.AcceptedMessage::body)
                .filter(b -> wamid.equals(b.path("reaction").path("message_id").asText(null))).toList();
    }

    @Test
    void openingAConversationMarksTheCustomersNewestMessageRead() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        String newest = jdbi.withHandle(h -> h.createQuery(
                        "SELECT provider_message_id FROM messages WHERE conversation_id = :c AND direction = 'INBOUND'")
                .bind("c", conversation).mapTo(String.class).one());
        assertThat(api.post("/api/v1/conversations/" + conversation + "/read", owner, "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.received("POST", "/v23.0/" + PHONE + "/messages")
                .stream().anyMatch(r -> r.bodyText().contains("\"status\":\"read\"") && r.bodyText().contains(newest)));
        JsonNode read = simulator.received("POST", "/v23.0/" + PHONE + "/messages").stream()
                .map(MetaSimulator.ReceivedRequest::json)
                .filter(b -> "read".equals(b.path("status").asText(null))).reduce((a, b) -> b).orElseThrow();
        assertThat(read.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(read.path("message_id").asText()).isEqualTo(newest);
        assertThat(read.has("to")).isFalse();
        // opening it again with nothing unread queues nothing more
        api.post("/api/v1/conversations/" + conversation + "/read", owner, "{}");
        assertThat(count("SELECT count(*) FROM outbound_jobs WHERE kind = 'MARK_READ' AND conversation_id = ?", conversation))
                .isEqualTo(1);
    }

    @Test
    void sameKeyTwiceSendsOnce() {
        long conversation = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        String key = UUID.randomUUID().toString();
        String body = Json.write(Map.of("text", "Sekali saja"));
        ApiClient.Response first = api.call("POST", "/api/v1/conversations/" + conversation + "/messages", owner, body,
                "Idempotency-Key", key);
        ApiClient.Response again = api.call("POST", "/api/v1/conversations/" + conversation + "/messages", owner, body,
                "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        awaitStatus(first.json().path("id").asLong(), "SENT");
        assertThat(simulator.accepted().stream().filter(a -> a.body().path("text").path("body").asText("").equals("Sekali saja")))
                .hasSize(1);
    }
}
