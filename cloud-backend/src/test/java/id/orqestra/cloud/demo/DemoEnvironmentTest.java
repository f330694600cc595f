package id.orqestra.cloud.demo;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.meta.MetaSettings;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo environment as {@code ./orqestra server --demo} runs it: the Graph API is the Meta
 * simulator, the samples arrive through it, the demo account's templates are synced from it, and a
 * reply goes out to it and comes back read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEnvironmentTest {

    ApplicationContext context;
    ApiClient api;
    MetaSimulator simulator;

    @BeforeAll
    void startDemo() throws Exception {
        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("demo")
                .properties(Map.of(
                        "datasources.default.url", TestPostgres.freshDatabaseUrl(),
                        "datasources.default.username", "postgres",
                        "orqestra.data-dir", Files.createTempDirectory("orqestra-demo-test-").toString(),
                        "micronaut.server.port", -1,
                        "orqestra.auth.bcrypt-cost", 4,
                        "orqestra.demo.replay-interval", "5ms"))
                .banner(false)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        api = new ApiClient(server.getURI());
        simulator = context.getBean(DemoSimulatorHost.class).simulator();
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void samplesArriveThroughTheSimulatorAndAReplyComesBackRead() {
        MetaSettings meta = context.getBean(MetaSettings.class);
        assertThat(meta.graphBaseUrl()).isEqualTo(simulator.baseUri().toString());
        assertThat(meta.instagramGraphBaseUrl()).isEqualTo(simulator.baseUri().toString());

        String token = api.login(DemoSettings.OWNER_EMAIL, DemoSettings.PASSWORD);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/conversations?limit=200", token).json().path("conversations").size() >= 10);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "DONE".equals(api.get("/api/v1/templates", token).json().path("syncs").path(0).path("state").asText()));
        JsonNode templates = api.get("/api/v1/templates", token).json().path("templates");
        assertThat(templates.findValuesAsText("name")).contains("order_confirmation", "restock_alert", "order_update");

        JsonNode conversations = api.get("/api/v1/conversations?limit=200", token).json().path("conversations");
        long whatsApp = 0;
        for (JsonNode c : conversations) {
            if (c.path("platform").asText().equals("WHATSAPP") && c.path("kind").asText().equals("DM")
                    && c.hasNonNull("windowClosesAt") && Instant.parse(c.path("windowClosesAt").asText()).isAfter(Instant.now())) {
                whatsApp = c.path("id").asLong();
            }
        }
        assertThat(whatsApp).as("a WhatsApp conversation with an open window (timestamps moved to now)").isPositive();
        ApiClient.Response sent = api.call("POST", "/api/v1/conversations/" + whatsApp + "/messages", token,
                "{\"text\":\"Siap kak, kami kirim hari ini\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long id = sent.json().path("id").asLong();
        long conversation = whatsApp;
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode m : api.get("/api/v1/conversations/" + conversation + "/messages", token).json()) {
                if (m.path("id").asLong() == id) {
                    return m.path("status").asText().equals("READ");
                }
            }
            return false;
        });
        assertThat(simulator.accepted()).anyMatch(a -> "Siap kak, kami kirim hari ini".equals(
                a.body().path("text").path("body").asText(null)));
    }

    @Test
    void theDemoAgentHasConversationsOfTheirOwnAndTheOwnerKeepsAnUnassignedQueue() {
        String owner = api.login(DemoSettings.OWNER_EMAIL, DemoSettings.PASSWORD);
        String agent = api.login(DemoSettings.AGENT_EMAIL, DemoSettings.PASSWORD);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/conversations?view=mine&limit=200", agent).json().path("conversations").size() >= 5);
        int mine = api.get("/api/v1/conversations?limit=200", agent).json().path("conversations").size();
        int unassigned = api.get("/api/v1/conversations?view=unassigned&limit=200", owner).json().path("conversations").size();
        int all = api.get("/api/v1/conversations?limit=200", owner).json().path("conversations").size();
        assertThat(unassigned).isPositive();
        assertThat(mine + unassigned).isEqualTo(all);
    }

    @Test
    void theAgentHasAWhatsAppConversationWhoseWindowIsClosedOnTheNumberWithTemplates() {
        String agent = api.login(DemoSettings.AGENT_EMAIL, DemoSettings.PASSWORD);
        await().atMost(Duration.ofSeconds(60)).until(() -> closedWindowConversation(agent) != null);
        JsonNode conversation = closedWindowConversation(agent);
        assertThat(Instant.parse(conversation.path("windowClosesAt").asText())).isBefore(Instant.now());
        assertThat(Instant.parse(conversation.path("lastMessageAt").asText()))
                .isBefore(Instant.now().minus(Duration.ofHours(25)));
        String waba = context.getBean(Tx.class)
                .system(h -> h.createQuery("SELECT wa_business_account_id FROM channels WHERE id = :id")
                        .bind("id", conversation.path("channelId").asLong()).mapTo(String.class).one());
        assertThat(simulator.templateCount(waba)).as("the template picker has templates to offer").isPositive();
    }

    /** The agent's WhatsApp conversation whose 24-hour window has closed, or null. */
    private JsonNode closedWindowConversation(String agent) {
        for (JsonNode c : api.get("/api/v1/conversations?view=mine&limit=200", agent).json().path("conversations")) {
            if (c.path("platform").asText().equals("WHATSAPP") && c.path("kind").asText().equals("DM")
                    && c.hasNonNull("windowClosesAt") && Instant.parse(c.path("windowClosesAt").asText()).isBefore(Instant.now())) {
                return c;
            }
        }
        return null;
    }

    @Test
    void seedingAgainOnTheSameDataAssignsNothingMore() throws Exception {
        String agent = api.login(DemoSettings.AGENT_EMAIL, DemoSettings.PASSWORD);
        await().atMost(Duration.ofSeconds(60)).until(() -> closedWindowConversation(agent) != null);
        int mine = api.get("/api/v1/conversations?view=mine&limit=200", agent).json().path("conversations").size();
        DemoSeeder seeder = context.getBean(DemoSeeder.class);
        long orgId = seeder.seed(context.getBean(DemoSettings.class).getOrganizationName(), SampleLibrary.projectSamples());
        // what a restart does: the samples again (stored already), then the agent's share again
        simulator.replayInbound(SampleLibrary.projectSamples(), Duration.ZERO, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> context.getBean(Tx.class)
                .system(h -> h.createQuery("SELECT count(*) FROM webhook_journal WHERE state = 'pending'").mapTo(Integer.class).one()) == 0);
        assertThat(seeder.assignShareToAgent(orgId)).isZero();
        assertThat(seeder.assignShareToAgent(orgId)).isZero();
        assertThat(api.get("/api/v1/conversations?view=mine&limit=200", agent).json().path("conversations").size()).isEqualTo(mine);
    }
}
