package id.orqestra.cloud.sync;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed is read in transaction order, which is not commit order: a transaction that began writing
 * first but changed a conversation last delivers its (final) state before the state it overwrote. The
 * row's version, counted under the row lock, puts the two back in commit order.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowVersionTest extends BackendTest {

    static final String PHONE = "860000000000802";
    static final String CUSTOMER = "6282000000801";

    @Inject
    Tx tx;
    @Inject
    ChangeFeed feed;
    ApiClient api;
    long orgId;
    String token;

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        orgId = organizations.organization("Row Versions", "row-versions");
        organizations.user(orgId, "admin@versions.test", "admin password 1", BuiltInRole.ADMIN);
        organizations.whatsApp(orgId, "860000000000801", PHONE, "versions-token-000000");
        token = api.login("admin@versions.test", "admin password 1");
    }

    private void inbound(String messageJson) {
        assertThat(postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Versi"},"wa_id":"%s"}],
                "messages":[%s]}}]}]}
                """.formatted(PHONE, CUSTOMER, messageJson)).statusCode()).isEqualTo(200);
        awaitJournalDrained();
    }

    private static String text(String wamid, String body) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}
                """.formatted(CUSTOMER, wamid, Instant.now().getEpochSecond(), body);
    }

    private long messageId(String wamid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE provider_message_id = :id")
                .bind("id", wamid).mapTo(Long.class).one());
    }

    private long conversationOf(long message) {
        return jdbi.withHandle(h -> h.createQuery("SELECT conversation_id FROM messages WHERE id = :id")
                .bind("id", message).mapTo(Long.class).one());
    }

    private List<JsonNode> conversationStates(String after, long conversation) {
        List<JsonNode> states = new ArrayList<>();
        for (JsonNode event : api.get("/api/v1/sync/events?limit=500&after=" + after, token).json().path("events")) {
            JsonNode change = event.path("change");
            if (change.path("type").asText().equals("conversation.upserted")
                    && change.path("conversation").path("id").asLong() == conversation) {
                states.add(change.path("conversation"));
            }
        }
        return states;
    }

    @Test
    void aStateCommittedLastButFedFirstCarriesTheHigherVersion() throws Exception {
        inbound(text("wamid.versions-1", "Halo, pesanan saya?"));
        long conversation = conversationOf(messageId("wamid.versions-1"));
        String before = api.get("/api/v1/sync/events?after=0&limit=500", token).json().path("cursor").asText();

        // an early writer takes its transaction id, then waits while an agent resolves the conversation
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch resolved = new CountDownLatch(1);
        CompletableFuture<Void> earlyWriter = CompletableFuture.runAsync(() -> tx.inOrg(orgId, h -> {
            h.createQuery("SELECT pg_current_xact_id()::text").mapTo(String.class).one();
            started.countDown();
            await(resolved);
            h.createUpdate("UPDATE conversations SET status = 'OPEN', unread_count = unread_count + 1 WHERE id = :id")
                    .bind("id", conversation).execute();
            feed.append(h, orgId, new SyncChange.ConversationUpserted(InboxViews.conversations(h, List.of(conversation)).getFirst()));
            return null;
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(api.post("/api/v1/conversations/" + conversation + "/resolve", token, null).status()).isEqualTo(200);
        resolved.countDown();
        earlyWriter.get(10, TimeUnit.SECONDS);

        List<JsonNode> states = conversationStates(before, conversation);
        assertThat(states).extracting(s -> s.path("status").asText())
                .as("fed in transaction order: the early writer's state first, then the one it overwrote")
                .containsExactly("OPEN", "RESOLVED");
        assertThat(states.get(0).path("version").asLong()).isGreaterThan(states.get(1).path("version").asLong());
        long stored = jdbi.withHandle(h -> h.createQuery("SELECT version FROM conversations WHERE id = :id")
                .bind("id", conversation).mapTo(Long.class).one());
        assertThat(states.get(0).path("version").asLong()).isEqualTo(stored);
        assertThat(api.get("/api/v1/conversations/" + conversation, token).json().path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void aReactionIsAChangeOfTheMessageItTargets() {
        inbound(text("wamid.versions-2", "Kirim hari ini ya"));
        long message = messageId("wamid.versions-2");
        long before = messageVersion(message);
        inbound("""
                {"from":"%s","id":"wamid.versions-2-reaction","timestamp":"%d","type":"reaction",
                 "reaction":{"message_id":"wamid.versions-2","emoji":"\\uD83D\\uDE4F"}}
                """.formatted(CUSTOMER, Instant.now().getEpochSecond()));
        assertThat(messageVersion(message)).isGreaterThan(before);
    }

    private long messageVersion(long message) {
        return jdbi.withHandle(h -> h.createQuery("SELECT version FROM messages WHERE id = :id")
                .bind("id", message).mapTo(Long.class).one());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other writer never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
