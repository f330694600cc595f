package id.orqestra.cloud.tenant;

import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.cloud.testing.RouteCatalog;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two organizations with users, channels, contacts and conversations. Every REST route — taken from
 * the router, so a new one is covered without touching this test — is called with organization A's
 * token and organization B's ids. Nothing of B may come back, and nothing of B may change.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest extends BackendTest {

    /** Every piece of B's data carries one of these, so any leak shows up in a response body. */
    static final String B_MARK = "bravo secret";
    static final String B_DOMAIN = "bravo.test";

    @Inject
    Router router;
    ApiClient api;
    long orgA;
    long orgB;
    final Map<String, Long> bIds = new HashMap<>();

    @BeforeAll
    void twoOrganizations() {
        api = new ApiClient(server.getURI());
        orgA = organizations.organization("Alpha Shop", "alpha");
        organizations.user(orgA, "owner@alpha.test", "alpha owner password", BuiltInRole.OWNER);
        organizations.whatsApp(orgA, "810000000000001", "810000000000002", "alpha-token-0000000000");

        orgB = organizations.organization("Bravo Secret Org", "bravo");
        long bOwner = organizations.user(orgB, "owner@bravo.test", "bravo owner password", BuiltInRole.OWNER);
        organizations.user(orgB, "agent@bravo.test", "bravo agent password", BuiltInRole.AGENT);
        long bChannel = organizations.whatsApp(orgB, "820000000000001", "820000000000002", "bravo-token-0000000000");
        organizations.instagram(orgB, "17841000000820003", "bravo-ig-token-0000000");
        jdbi.useHandle(h -> h.execute("UPDATE channels SET name = 'Bravo Secret Channel' WHERE org_id = ?", orgB));
        long bRole = jdbi.withHandle(h -> h.createQuery(
                        "INSERT INTO roles (org_id, name, permissions) VALUES (:org, 'Bravo Secret Role', '{inbox.reply}') RETURNING id")
                .bind("org", orgB).mapTo(Long.class).one());

        for (String[] message : new String[][] {{"810000000000002", "Alpha customer", "hello from alpha", "wamid.alpha-1"},
                {"820000000000002", "Bravo Secret Customer", "Bravo secret message", "wamid.bravo-1"}}) {
            postSigned(Platform.WHATSAPP, """
                    {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                    "contacts":[{"profile":{"name":"%s"},"wa_id":"6281700000001"}],
                    "messages":[{"from":"6281700000001","id":"%s","timestamp":"1764700000","type":"text","text":{"body":"%s"}}]}}]}]}
                    """.formatted(message[0], message[1], message[3], message[2]));
        }
        awaitJournalDrained();

        bIds.put("users", bOwner);
        bIds.put("roles", bRole);
        bIds.put("channels", bChannel);
        bIds.put("conversations", idOf("SELECT id FROM conversations WHERE org_id = ?"));
        bIds.put("contacts", idOf("SELECT id FROM contacts WHERE org_id = ?"));
        bIds.put("messages", idOf("SELECT id FROM messages WHERE org_id = ?"));
        assertThat(bIds.values()).doesNotContainNull();
    }

    private long idOf(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, orgB).mapTo(Long.class).one());
    }

    /** A fingerprint of everything B owns that a request could change. */
    private String fingerprintOfB() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT concat_ws('|',
                          (SELECT string_agg(concat_ws(',', id, email, name, role_id, active, password_hash), ';' ORDER BY id) FROM users WHERE org_id = :org),
                          (SELECT string_agg(concat_ws(',', id, name, permissions::text), ';' ORDER BY id) FROM roles WHERE org_id = :org),
                          (SELECT string_agg(concat_ws(',', id, name, enabled, access_token_enc), ';' ORDER BY id) FROM channels WHERE org_id = :org),
                          (SELECT string_agg(concat_ws(',', id, status, assignee_user_id, unread_count), ';' ORDER BY id) FROM conversations WHERE org_id = :org),
                          (SELECT string_agg(concat_ws(',', id, name, attributes::text), ';' ORDER BY id) FROM contacts WHERE org_id = :org),
                          (SELECT count(*) FROM messages WHERE org_id = :org),
                          (SELECT count(*) FROM sessions WHERE org_id = :org AND revoked_at IS NULL),
                          (SELECT name FROM organizations WHERE id = :org))
                        """).bind("org", orgB).mapTo(String.class).one());
    }

    @Test
    void organizationAsTokenReachesNothingOfOrganizationB() {
        List<RouteCatalog.Route> routes = RouteCatalog.apiRoutes(router);
        assertThat(routes).as("routes found in the router").hasSizeGreaterThan(10);
        String before = fingerprintOfB();
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (RouteCatalog.Route route : routes) {
            for (Map<String, Object> values : bIdChoices(route)) {
                // a fresh session each call, so that a sign-out route cannot disarm the rest of the test
                String token = api.login("owner@alpha.test", "alpha owner password");
                String path = route.expand(values) + "?channelId=" + bIds.get("channels") + "&conversationId="
                        + bIds.get("conversations") + "&userId=" + bIds.get("users") + "&after=0";
                ApiClient.Response response = api.call(route.method().name(), path, token, route.exampleBody(),
                        "Idempotency-Key", UUID.randomUUID().toString());
                calls++;
                String body = response.body() == null ? "" : response.body().toLowerCase(Locale.ROOT);
                if (body.contains(B_MARK) || body.contains(B_DOMAIN)) {
                    leaks.add(route + " → " + response.status() + " " + response.body());
                }
                assertThat(response.status()).as("%s with B's ids", route).isNotEqualTo(500);
            }
        }
        assertThat(leaks).as("responses carrying B's data").isEmpty();
        assertThat(fingerprintOfB()).as("B's data after %d calls with A's token", calls).isEqualTo(before);
    }

    /** B's id for each path variable, by the resource it follows; unknown resources get each of B's ids in turn. */
    private List<Map<String, Object>> bIdChoices(RouteCatalog.Route route) {
        if (route.variables().isEmpty()) {
            return List.of(Map.of());
        }
        String[] segments = route.template().split("/");
        Map<String, Object> known = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String variable : route.variables()) {
            String resource = null;
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].startsWith("{" + variable)) {
                    resource = segments[i - 1];
                }
            }
            Long id = resource == null ? null : bIds.get(resource);
            if (id != null) {
                known.put(variable, id);
            } else {
                unknown.add(variable);
            }
        }
        if (unknown.isEmpty()) {
            return List.of(known);
        }
        List<Map<String, Object>> choices = new ArrayList<>();
        for (long id : bIds.values()) {
            Map<String, Object> values = new HashMap<>(known);
            unknown.forEach(v -> values.put(v, id));
            choices.add(values);
        }
        return choices;
    }

    @Test
    void rowLevelSecurityHidesOtherOrganizationsEvenFromAQueryWithoutAnOrgCondition() {
        var tx = new id.orqestra.cloud.platform.db.Tx(jdbi);
        assertThat(tx.rowLevelSecurity()).isTrue();
        int seenFromA = tx.inOrg(orgA, h -> h.createQuery("SELECT count(*) FROM messages").mapTo(Integer.class).one());
        int all = count("SELECT count(*) FROM messages");
        assertThat(all).isEqualTo(2);
        assertThat(seenFromA).isEqualTo(1);
        int bRolesFromA = tx.inOrg(orgA, h -> h.createQuery("SELECT count(*) FROM roles WHERE name = 'Bravo Secret Role'")
                .mapTo(Integer.class).one());
        assertThat(bRolesFromA).isZero();
    }
}
