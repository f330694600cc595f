package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.demo.simulator.MetaSimulator;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A backend whose Graph API is the Meta simulator over real HTTP, with one organization, its owner,
 * a WhatsApp number and an Instagram account, and the simulator's status webhooks coming back to this
 * server. Each test class gets its own simulator and database.
 */
abstract class OutboundTestSupport extends BackendTest {

    static final String WA_TOKEN = "wa-outbound-token-000000000";
    static final String IG_TOKEN = "ig-outbound-token-000000000";
    static final String WABA = "770000000000001";
    static final String PHONE = "770000000000002";
    static final String IG_ACCOUNT = "17841000007700003";

    final MetaSimulator simulator = MetaSimulator.start(0, "v23.0", Set.of(WA_TOKEN, IG_TOKEN))
            .addWhatsAppNumber(PHONE, WABA, "15550007700")
            .addInstagramAccount(IG_ACCOUNT);

    ApiClient api;
    long orgId;
    long waChannel;
    long igChannel;
    String owner;
    private final AtomicInteger customers = new AtomicInteger();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("orqestra.meta.graph-base-url", simulator.baseUri().toString());
        properties.put("orqestra.meta.instagram-graph-base-url", simulator.baseUri().toString());
        properties.put("orqestra.outbound.enabled", "true");
        properties.put("orqestra.outbound.first-retry-delay", "200ms");
        properties.put("orqestra.outbound.pair-interval", "0s");
        properties.put("orqestra.outbound.pair-backoff", "300ms");
        properties.put("orqestra.outbound.request-timeout", "2s");
        properties.put("orqestra.outbound.unconfirmed-grace", "3s");
        properties.putAll(moreProperties());
        return properties;
    }

    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    @BeforeAll
    void organizationWithChannels() {
        api = new ApiClient(server.getURI());
        simulator.deliverWebhooksTo(server.getURI(), BackendTest::secretOf);
        simulator.statusDelays(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(600));
        orgId = organizations.organization("Outbound " + getClass().getSimpleName(), "outbound");
        organizations.user(orgId, "owner@outbound.test", "outbound owner password", BuiltInRole.OWNER);
        waChannel = organizations.whatsApp(orgId, WABA, PHONE, WA_TOKEN);
        igChannel = organizations.instagram(orgId, IG_ACCOUNT, IG_TOKEN);
        owner = api.login("owner@outbound.test", "outbound owner password");
    }

    @AfterAll
    void stopSimulator() {
        simulator.close();
    }

    /** A new WhatsApp customer who wrote at {@code at}; returns the conversation id. */
    long whatsAppCustomerWrote(Instant at) {
        String waId = "62811" + String.format("%07d", customers.incrementAndGet());
        return whatsAppCustomerWrote(waId, at);
    }

    long whatsAppCustomerWrote(String waId, Instant at) {
        String wamid = "wamid.IN-" + UUID.randomUUID();
        postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550007700","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Pelanggan %s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"Halo, kopinya ready?"}}]}}]}]}
                """.formatted(WABA, PHONE, waId, waId, waId, wamid, at.getEpochSecond()));
        awaitJournalDrained();
        return conversationOf(wamid);
    }

    /** A new Instagram customer who sent a direct message at {@code at}; returns the conversation id. */
    long instagramCustomerWrote(Instant at) {
        String igsid = "99077" + String.format("%07d", customers.incrementAndGet());
        String mid = "ig-in-" + UUID.randomUUID();
        postSigned(Platform.INSTAGRAM, """
                {"object":"instagram","entry":[{"time":%d,"id":"%s","messaging":[{"sender":{"id":"%s"},
                "recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"Masih ada stok?"}}]}]}
                """.formatted(at.toEpochMilli(), IG_ACCOUNT, igsid, IG_ACCOUNT, at.toEpochMilli(), mid));
        awaitJournalDrained();
        return conversationOf(mid);
    }

    /** A customer's comment on a post at {@code at}; returns the comment's message id. */
    long instagramCommentAt(Instant at, String commentId) {
        String igsid = "99088" + String.format("%07d", customers.incrementAndGet());
        postSigned(Platform.INSTAGRAM, """
                {"object":"instagram","entry":[{"time":%d,"id":"%s","changes":[{"field":"comments","value":{
                "from":{"id":"%s","username":"pelanggan_%s"},"media":{"id":"17900000000000001","media_product_type":"FEED"},
                "id":"%s","text":"Harganya berapa kak?","timestamp":"%s"}}]}]}
                """.formatted(at.toEpochMilli(), IG_ACCOUNT, igsid, igsid, commentId, at.toString()));
        awaitJournalDrained();
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages WHERE provider_message_id = :id")
                .bind("id", commentId).mapTo(Long.class).one());
    }

    long conversationOf(String providerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT conversation_id FROM messages WHERE provider_message_id = :id")
                .bind("id", providerId).mapTo(Long.class).one());
    }

    ApiClient.Response send(long conversation, Object body) {
        return api.call("POST", "/api/v1/conversations/" + conversation + "/messages", owner,
                body instanceof String s ? s : Json.write(body), "Idempotency-Key", UUID.randomUUID().toString());
    }

    String status(long messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM messages WHERE id = :id")
                .bind("id", messageId).mapTo(String.class).one());
    }

    /**
     * Waits until the message has reached {@code status}. SENT and DELIVERED count as reached once the
     * simulator's status webhooks took the message further (on a busy machine the poll can miss a state that
     * lasts 300 ms); any other status must be the message's status itself.
     */
    void awaitStatus(long messageId, String status) {
        java.util.List<String> reached = switch (status) {
            case "SENT" -> java.util.List.of("SENT", "DELIVERED", "READ");
            case "DELIVERED" -> java.util.List.of("DELIVERED", "READ");
            default -> java.util.List.of(status);
        };
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> reached.contains(status(messageId)));
    }

    JsonNode messageRow(long messageId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT json_build_object('status', status, 'provider', provider_message_id, 'error', error,
                                                 'content', content)::text
                          FROM messages WHERE id = :id
                        """)
                .bind("id", messageId).map((rs, ctx) -> Json.read(rs.getString(1), JsonNode.class)).one());
    }

    /** The last request the simulator received at a path ending with {@code suffix}, as JSON. */
    MetaSimulator.ReceivedRequest lastRequest(String method, String suffix) {
        var requests = simulator.received(method, suffix);
        if (requests.isEmpty()) {
            throw new AssertionError("The simulator received no " + method + " …" + suffix);
        }
        return requests.getLast();
    }
}
