package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.testing.ApiClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instagram through the Instagram API with Instagram Login ({@code graph.instagram.com}, here the
 * simulator): direct messages, attachments, reactions, private and public replies to comments, and
 * hiding and deleting comments — each as the request body Meta documents, with the account's token.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstagramSendTest extends OutboundTestSupport {

    private String igsidOf(long conversation) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT ct.external_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = :id")
                .bind("id", conversation).mapTo(String.class).one());
    }

    private JsonNode sentBody(long messageId) {
        String mid = messageRow(messageId).path("provider").asText();
        return simulator.accepted().stream().filter(a -> a.providerId().equals(mid)).findFirst()
                .map(MetaSimulator.AcceptedMessage::body)
                .orElseThrow(() -> new AssertionError("the simulator accepted no message " + mid));
    }

    private long sendOk(long conversation, Map<String, Object> body) {
        ApiClient.Response response = send(conversation, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long id = response.json().path("id").asLong();
        awaitStatus(id, "SENT");
        return id;
    }

    @Test
    void textGoesToTheAccountsMessagesEdgeAndTheEchoDoesNotDoubleIt() {
        long conversation = instagramCustomerWrote(Instant.now().minusSeconds(30));
        long id = sendOk(conversation, Map.of("text", "Masih ada kak, mau berapa?"));
        JsonNode body = sentBody(id);
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(igsidOf(conversation));
        assertThat(body.path("message").path("text").asText()).isEqualTo("Masih ada kak, mau berapa?");
        assertThat(body.has("tag")).isFalse();
        MetaSimulator.ReceivedRequest request = lastRequest("POST", "/v23.0/" + IG_ACCOUNT + "/messages");
        assertThat(request.bearerToken()).isEqualTo(IG_TOKEN);

        // the echo of our own message arrives as a webhook, then the customer's read receipt
        awaitStatus(id, "READ");
        String mid = messageRow(id).path("provider").asText();
        assertThat(count("SELECT count(*) FROM messages WHERE provider_message_id = ?", mid)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'OUTBOUND'", conversation))
                .isEqualTo(1);
    }

    @Test
    void imageVideoAndAudioGoAsAttachmentsByLink() {
        long conversation = instagramCustomerWrote(Instant.now().minusSeconds(30));
        for (String kind : new String[] {"image", "video", "audio"}) {
            String link = "https://kopi.example/" + kind + ".bin";
            JsonNode attachment = sentBody(sendOk(conversation, Map.of("media", Map.of("kind", kind, "link", link))))
                    .path("message").path("attachment");
            assertThat(attachment.path("type").asText()).isEqualTo(kind);
            assertThat(attachment.path("payload").path("url").asText()).isEqualTo(link);
        }
        ApiClient.Response document = send(conversation, Map.of("media", Map.of("kind", "document",
                "link", "https://kopi.example/a.pdf")));
        assertThat(document.status()).isEqualTo(422);
        assertThat(document.json().path("detail").asText()).contains("images, videos and audio");
    }

    @Test
    void reactionsAreAHeartAndCanBeTakenBack() {
        long conversation = instagramCustomerWrote(Instant.now().minusSeconds(30));
        long inbound = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE conversation_id = :c")
                .bind("c", conversation).mapTo(Long.class).one());
        String mid = messageRow(inbound).path("provider").asText();
        assertThat(api.post("/api/v1/messages/" + inbound + "/reactions", owner, Map.of("emoji", "👍")).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/messages/" + inbound + "/reactions", owner, Map.of("emoji", "❤️")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> actionsOn(mid).size() == 1);
        assertThat(api.post("/api/v1/messages/" + inbound + "/reactions", owner, Map.of("emoji", "")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> actionsOn(mid).size() == 2);
        JsonNode react = actionsOn(mid).get(0);
        assertThat(react.path("recipient").path("id").asText()).isEqualTo(igsidOf(conversation));
        assertThat(react.path("sender_action").asText()).isEqualTo("react");
        assertThat(react.path("payload").path("reaction").asText()).isEqualTo("love");
        JsonNode unreact = actionsOn(mid).get(1);
        assertThat(unreact.path("sender_action").asText()).isEqualTo("unreact");
        assertThat(unreact.path("payload").has("reaction")).isFalse();
    }

    private java.util.List<JsonNode> actionsOn(String mid) {
        return simulator.received("POST", "/v23.0/" + IG_ACCOUNT + "/messages").stream()
                .map(MetaSimulator.ReceivedRequest::json)
                .filter(b -> mid.equals(b.path("payload").path("message_id").asText(null))).toList();
    }

    @Test
    void aPrivateReplyGoesToTheCommentOnceAndLandsInTheDirectConversation() {
        String commentId = "18040000000" + (System.nanoTime() % 100000);
        long comment = instagramCommentAt(Instant.now().minus(2, ChronoUnit.HOURS), commentId);
        ApiClient.Response reply = api.call("POST", "/api/v1/messages/" + comment + "/private-reply", owner,
                "{\"text\":\"Harganya 85 ribu kak, detail kami kirim di sini\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().path("id").asLong();
        awaitStatus(id, "SENT");
        JsonNode body = sentBody(id);
        assertThat(body.path("recipient").path("comment_id").asText()).isEqualTo(commentId);
        assertThat(body.path("recipient").has("id")).isFalse();
        assertThat(body.path("message").path("text").asText()).startsWith("Harganya 85 ribu");
        assertThat(count("SELECT count(*) FROM conversations WHERE id = ? AND kind = 'DM'",
                reply.json().path("conversationId").asLong())).isEqualTo(1);

        ApiClient.Response again = api.call("POST", "/api/v1/messages/" + comment + "/private-reply", owner,
                "{\"text\":\"Sekali lagi\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("one per comment");

        long old = instagramCommentAt(Instant.now().minus(8, ChronoUnit.DAYS), commentId + "9");
        ApiClient.Response tooLate = api.call("POST", "/api/v1/messages/" + old + "/private-reply", owner,
                "{\"text\":\"Maaf telat\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().path("detail").asText()).contains("within 7 days");
    }

    @Test
    void aPublicReplyIsPostedUnderTheComment() {
        String commentId = "18050000000" + (System.nanoTime() % 100000);
        long comment = instagramCommentAt(Instant.now().minus(30, ChronoUnit.DAYS), commentId);
        ApiClient.Response reply = api.call("POST", "/api/v1/messages/" + comment + "/public-reply", owner,
                "{\"text\":\"Cek DM ya kak & terima kasih!\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().path("id").asLong();
        awaitStatus(id, "SENT");
        MetaSimulator.ReceivedRequest request = lastRequest("POST", "/v23.0/" + commentId + "/replies");
        assertThat(request.bearerToken()).isEqualTo(IG_TOKEN);
        assertThat(URLDecoder.decode(request.query(), StandardCharsets.UTF_8)).isEqualTo("message=Cek DM ya kak & terima kasih!");
        String newCommentId = simulator.accepted().getLast().providerId();
        assertThat(messageRow(id).path("provider").asText()).isEqualTo(newCommentId);
        assertThat(reply.json().path("conversationId").asLong()).isEqualTo(conversationOf(commentId));
        assertThat(reply.json().path("content").path("parentCommentId").asText()).isEqualTo(commentId);
    }

    @Test
    void commentsAreHiddenShownAgainAndDeletedRightAway() {
        String commentId = "18060000000" + (System.nanoTime() % 100000);
        long comment = instagramCommentAt(Instant.now().minusSeconds(600), commentId);
        ApiClient.Response hidden = api.post("/api/v1/messages/" + comment + "/moderation", owner, Map.of("action", "hide"));
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        assertThat(hidden.json().path("hiddenAt").asText()).isNotBlank();
        MetaSimulator.ReceivedRequest hide = lastRequest("POST", "/v23.0/" + commentId);
        assertThat(hide.query()).isEqualTo("hide=true");
        assertThat(hide.bearerToken()).isEqualTo(IG_TOKEN);

        ApiClient.Response shown = api.post("/api/v1/messages/" + comment + "/moderation", owner, Map.of("action", "unhide"));
        assertThat(shown.json().has("hiddenAt")).isFalse();
        assertThat(lastRequest("POST", "/v23.0/" + commentId).query()).isEqualTo("hide=false");

        ApiClient.Response deleted = api.post("/api/v1/messages/" + comment + "/moderation", owner, Map.of("action", "delete"));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("deletedAt").asText()).isNotBlank();
        assertThat(lastRequest("DELETE", "/v23.0/" + commentId).bearerToken()).isEqualTo(IG_TOKEN);
        assertThat(api.post("/api/v1/messages/" + comment + "/moderation", owner, Map.of("action", "delete")).status())
                .isEqualTo(409);

        long whatsApp = whatsAppCustomerWrote(Instant.now().minusSeconds(30));
        long waMessage = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE conversation_id = :c")
                .bind("c", whatsApp).mapTo(Long.class).one());
        ApiClient.Response notAComment = api.post("/api/v1/messages/" + waMessage + "/moderation", owner,
                Map.of("action", "hide"));
        assertThat(notAComment.status()).isEqualTo(409);
        assertThat(notAComment.json().path("detail").asText()).contains("Only Instagram comments");
    }
}
