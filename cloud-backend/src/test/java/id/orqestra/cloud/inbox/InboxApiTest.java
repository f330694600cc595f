package id.orqestra.cloud.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies exactly once per key, who sees which conversation, and the actions agents take. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxApiTest extends BackendTest {

    static final String PHONE = "860000000000002";

    ApiClient api;
    long orgId;
    long agentId;
    long first;
    long second;

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        orgId = organizations.organization("Inbox", "inbox");
        organizations.user(orgId, "supervisor@inbox.test", "supervisor password", BuiltInRole.SUPERVISOR);
        agentId = organizations.user(orgId, "agent@inbox.test", "agent password 1", BuiltInRole.AGENT);
        organizations.whatsApp(orgId, "860000000000001", PHONE, "inbox-token-0000000000");
        inbound("6282000000001", "wamid.inbox-1", "first customer");
        inbound("6282000000002", "wamid.inbox-2", "second customer");
        awaitJournalDrained();
        first = conversationOf("wamid.inbox-1");
        second = conversationOf("wamid.inbox-2");
    }

    /** A customer message of a minute ago: the customer-service window is open, so replies are accepted. */
    private void inbound(String customer, String wamid, String text) {
        postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Customer %s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(PHONE, customer, customer, customer, wamid,
                java.time.Instant.now().minusSeconds(60).getEpochSecond(), text));
    }

    private long conversationOf(String wamid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT conversation_id FROM messages WHERE provider_message_id = :id")
                .bind("id", wamid).mapTo(Long.class).one());
    }

    private ApiClient.Response send(String token, long conversation, String key, String text) {
        return api.call("POST", "/api/v1/conversations/" + conversation + "/messages", token,
                "{\"text\":\"" + text + "\"}", "Idempotency-Key", key);
    }

    @Test
    void aReplyIsStoredExactlyOnceHoweverOftenItIsRetried() throws Exception {
        String token = api.login("supervisor@inbox.test", "supervisor password");
        String key = UUID.randomUUID().toString();
        List<Integer> statuses = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<ApiClient.Response>> tries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tries.add(pool.submit(() -> send(token, first, key, "On its way!")));
            }
            for (Future<ApiClient.Response> attempt : tries) {
                ApiClient.Response response = attempt.get();
                statuses.add(response.status());
                ids.add(response.json().path("id").asLong());
            }
        }
        assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(count("SELECT count(*) FROM messages WHERE client_id = ?::uuid", key)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE client_id = ?::uuid AND status = 'QUEUED' AND direction = 'OUTBOUND'", key))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM change_events WHERE type = 'message.upserted' AND payload->'message'->>'clientId' = ?", key))
                .isEqualTo(1);

        ApiClient.Response elsewhere = send(token, second, key, "On its way!");
        assertThat(elsewhere.status()).isEqualTo(422);

        ApiClient.Response otherText = send(token, first, key, "Something else entirely");
        assertThat(otherText.status()).isEqualTo(422);
        assertThat(otherText.json().path("detail").asText()).contains("already used for a different message");
        assertThat(count("SELECT count(*) FROM messages WHERE client_id = ?::uuid", key)).isEqualTo(1);
        assertThat(send(token, first, key, "On its way!").status()).isEqualTo(200);
    }

    @Test
    void badRepliesGetASentenceAndStoreNothing() {
        String token = api.login("supervisor@inbox.test", "supervisor password");
        int before = count("SELECT count(*) FROM messages");
        ApiClient.Response noKey = api.call("POST", "/api/v1/conversations/" + first + "/messages", token, "{\"text\":\"hi\"}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(send(token, first, "not-a-uuid", "hi").json().path("detail").asText()).contains("must be a UUID");
        assertThat(send(token, first, UUID.randomUUID().toString(), "   ").json().path("detail").asText()).contains("Write something");
        assertThat(send(token, first, UUID.randomUUID().toString(), "x".repeat(4097)).json().path("detail").asText())
                .contains("at most 4096");
        assertThat(api.call("POST", "/api/v1/conversations/" + first + "/messages", token, "{not json",
                "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(before);
    }

    @Test
    void anAgentSeesOnlyWhatIsAssignedToThem() {
        String supervisor = api.login("supervisor@inbox.test", "supervisor password");
        String agent = api.login("agent@inbox.test", "agent password 1");
        assertThat(api.get("/api/v1/conversations", agent).json().path("conversations")).isEmpty();
        assertThat(api.get("/api/v1/conversations/" + second, agent).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + second + "/messages", agent).status()).isEqualTo(404);
        String cursor = api.get("/api/v1/sync/events?after=0", agent).json().path("cursor").asText();

        assertThat(api.post("/api/v1/conversations/" + second + "/assign", supervisor, Map.of("userId", agentId)).status())
                .isEqualTo(200);
        JsonNode mine = api.get("/api/v1/conversations?view=mine", agent).json().path("conversations");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("id").asLong()).isEqualTo(second);
        assertThat(api.get("/api/v1/conversations/" + second + "/messages", agent).json().get(0).path("content")
                .path("body").asText()).isEqualTo("second customer");
        JsonNode events = api.get("/api/v1/sync/events?after=" + cursor, agent).json().path("events");
        assertThat(events.toString()).contains("\"assigneeUserId\":" + agentId);
        assertThat(events.findValuesAsText("providerMessageId")).doesNotContain("wamid.inbox-1");

        cursor = api.get("/api/v1/sync/events?after=0", agent).json().path("cursor").asText();
        api.post("/api/v1/conversations/" + second + "/assign", supervisor, java.util.Collections.singletonMap("userId", null));
        JsonNode afterUnassign = api.get("/api/v1/sync/events?after=" + cursor, agent).json().path("events");
        assertThat(afterUnassign.toString()).contains("conversation.hidden");
        assertThat(api.get("/api/v1/conversations/" + second, agent).status()).isEqualTo(404);
    }

    @Test
    void resolveReopenLabelsNotesAndReadAreEachAnEvent() {
        String token = api.login("supervisor@inbox.test", "supervisor password");
        String cursor = api.get("/api/v1/sync/events?after=0", token).json().path("cursor").asText();
        assertThat(api.post("/api/v1/conversations/" + first + "/resolve", token, Map.of()).json().path("status").asText())
                .isEqualTo("RESOLVED");
        assertThat(api.post("/api/v1/conversations/" + first + "/labels", token, Map.of("add", List.of("VIP", "refund")))
                .json().path("labels").toString()).isEqualTo("[\"refund\",\"vip\"]");
        assertThat(api.post("/api/v1/conversations/" + first + "/notes", token, Map.of("text", "called back")).status()).isEqualTo(201);
        api.post("/api/v1/conversations/" + first + "/read", token, Map.of());
        JsonNode events = api.get("/api/v1/sync/events?after=" + cursor, token).json().path("events");
        assertThat(events.findValuesAsText("type")).contains("conversation.upserted", "note.upserted");
        assertThat(api.get("/api/v1/conversations?status=resolved&label=vip", token).json().path("conversations")).hasSize(1);

        // the customer writes again: the conversation opens by itself
        inbound("6282000000001", "wamid.inbox-1b", "one more thing");
        awaitJournalDrained();
        assertThat(api.get("/api/v1/conversations/" + first, token).json().path("status").asText()).isEqualTo("OPEN");
        assertThat(api.post("/api/v1/conversations/" + first + "/labels", token, Map.of("add", List.of(" "))).status())
                .isEqualTo(400);
    }
}
