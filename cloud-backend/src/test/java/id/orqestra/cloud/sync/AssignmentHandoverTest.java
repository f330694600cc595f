package id.orqestra.cloud.sync;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent who sees only their own conversations, with their desktop open (a feed position taken
 * before), is assigned an old conversation: their feed brings its contact, the conversation and its
 * recent messages, and never the contact or messages of a conversation that is not theirs.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentHandoverTest extends BackendTest {

    static final String PHONE = "860000000000702";
    static final String OLD_CUSTOMER = "6282000000701";
    static final String OTHER_CUSTOMER = "6282000000702";
    static final String ELSEWHERE_CUSTOMER = "6282000000703";

    ApiClient api;
    long agentId;
    long supervisorId;
    long old;
    long other;
    long elsewhere;

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        long orgId = organizations.organization("Handover", "handover");
        supervisorId = organizations.user(orgId, "supervisor@handover.test", "supervisor password", BuiltInRole.SUPERVISOR);
        agentId = organizations.user(orgId, "agent@handover.test", "agent password 1", BuiltInRole.AGENT);
        organizations.whatsApp(orgId, "860000000000701", PHONE, "handover-token-000000");
        // more messages than a snapshot gives per conversation, in one webhook
        List<String> many = new ArrayList<>();
        for (int i = 0; i < SyncService.MESSAGES_PER_CONVERSATION + 5; i++) {
            many.add(message(OLD_CUSTOMER, "wamid.handover-old-" + i, "old question " + i, 3600 - i));
        }
        inbound(OLD_CUSTOMER, "Old Customer", many);
        inbound(OTHER_CUSTOMER, "Other Customer", List.of(message(OTHER_CUSTOMER, "wamid.handover-other", "other question", 60)));
        inbound(ELSEWHERE_CUSTOMER, "Elsewhere Customer",
                List.of(message(ELSEWHERE_CUSTOMER, "wamid.handover-elsewhere", "elsewhere question", 60)));
        awaitJournalDrained();
        old = conversationOf("wamid.handover-old-0");
        other = conversationOf("wamid.handover-other");
        elsewhere = conversationOf("wamid.handover-elsewhere");
    }

    private static String message(String customer, String wamid, String text, long secondsAgo) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}
                """.formatted(customer, wamid, Instant.now().minusSeconds(secondsAgo).getEpochSecond(), text);
    }

    private void inbound(String customer, String name, List<String> messages) {
        postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[%s]}}]}]}
                """.formatted(PHONE, name, customer, String.join(",", messages)));
    }

    private long conversationOf(String wamid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT conversation_id FROM messages WHERE provider_message_id = :id")
                .bind("id", wamid).mapTo(Long.class).one());
    }

    private long contactOf(long conversation) {
        return jdbi.withHandle(h -> h.createQuery("SELECT contact_id FROM conversations WHERE id = :id")
                .bind("id", conversation).mapTo(Long.class).one());
    }

    /** Every event after {@code cursor} this member may read, following the pages. */
    private List<JsonNode> events(String token, String cursor) {
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            JsonNode page = api.get("/api/v1/sync/events?limit=20&after=" + cursor, token).json();
            page.path("events").forEach(e -> all.add(e.path("change")));
            cursor = page.path("cursor").asText();
            if (!page.path("hasMore").asBoolean()) {
                return all;
            }
        }
    }

    private static List<Long> contactIds(List<JsonNode> changes) {
        return changes.stream().filter(c -> c.path("type").asText().equals("contact.upserted"))
                .map(c -> c.path("contact").path("id").asLong()).toList();
    }

    private static List<Long> messageConversations(List<JsonNode> changes) {
        return changes.stream().filter(c -> c.path("type").asText().equals("message.upserted"))
                .map(c -> c.path("message").path("conversationId").asLong()).toList();
    }

    @Test
    void anAgentAssignedAnOldConversationGetsItsContactAndRecentMessagesButNothingElse() {
        String supervisor = api.login("supervisor@handover.test", "supervisor password");
        String agent = api.login("agent@handover.test", "agent password 1");
        // the agent's desktop is open: it holds the feed position of now, before the assignment
        String open = api.get("/api/v1/sync/events?after=0", agent).json().path("cursor").asText();
        assertThat(contactIds(events(agent, "0"))).as("no contact before anything is theirs").isEmpty();
        assertThat(api.post("/api/v1/conversations/" + elsewhere + "/assign", supervisor, Map.of("userId", supervisorId)).status())
                .isEqualTo(200);

        assertThat(api.post("/api/v1/conversations/" + old + "/assign", supervisor, Map.of("userId", agentId)).status())
                .isEqualTo(200);
        List<JsonNode> received = events(agent, open);

        assertThat(contactIds(received)).containsExactly(contactOf(old));
        JsonNode contact = received.stream().filter(c -> c.path("type").asText().equals("contact.upserted")).findFirst().orElseThrow();
        assertThat(contact.path("contact").path("name").asText()).isEqualTo("Old Customer");
        assertThat(received.stream().filter(c -> c.path("type").asText().equals("conversation.upserted"))
                .map(c -> c.path("conversation").path("id").asLong())).containsExactly(old);
        assertThat(messageConversations(received)).hasSize(SyncService.MESSAGES_PER_CONVERSATION).containsOnly(old);
        assertThat(received.stream().filter(c -> c.path("type").asText().equals("message.upserted"))
                .map(c -> c.path("message").path("providerMessageId").asText()))
                .as("the newest messages, as the snapshot gives them")
                .contains("wamid.handover-old-" + (SyncService.MESSAGES_PER_CONVERSATION + 4))
                .doesNotContain("wamid.handover-old-0");
        // the contact comes before the conversation, which comes before its messages
        List<String> types = received.stream().map(c -> c.path("type").asText()).toList();
        assertThat(types.indexOf("contact.upserted")).isLessThan(types.indexOf("conversation.upserted"));
        assertThat(types.indexOf("conversation.upserted")).isLessThan(types.indexOf("message.upserted"));

        // the other customers write again; their contacts and messages never reach the agent
        inbound(OTHER_CUSTOMER, "Other Customer Renamed",
                List.of(message(OTHER_CUSTOMER, "wamid.handover-other-2", "still there?", 5)));
        inbound(ELSEWHERE_CUSTOMER, "Elsewhere Customer Renamed",
                List.of(message(ELSEWHERE_CUSTOMER, "wamid.handover-elsewhere-2", "hello?", 5)));
        awaitJournalDrained();
        List<JsonNode> everything = events(agent, "0");
        assertThat(contactIds(everything)).containsOnly(contactOf(old));
        assertThat(messageConversations(everything)).containsOnly(old);
        assertThat(everything.toString()).doesNotContain("Other Customer", "Elsewhere Customer", OTHER_CUSTOMER, ELSEWHERE_CUSTOMER);

        // a supervisor, who sees everything, still gets every contact
        assertThat(contactIds(events(supervisor, "0"))).contains(contactOf(old), contactOf(other), contactOf(elsewhere));
    }

    @Test
    void assigningAgainToTheSameMemberSendsNothingMore() {
        String supervisor = api.login("supervisor@handover.test", "supervisor password");
        api.post("/api/v1/conversations/" + other + "/assign", supervisor, Map.of("userId", supervisorId));
        String before = api.get("/api/v1/sync/events?after=0", supervisor).json().path("cursor").asText();
        api.post("/api/v1/conversations/" + other + "/assign", supervisor, Map.of("userId", supervisorId));
        List<String> types = events(supervisor, before).stream().map(c -> c.path("type").asText()).toList();
        assertThat(types).containsExactly("conversation.upserted");
    }
}
