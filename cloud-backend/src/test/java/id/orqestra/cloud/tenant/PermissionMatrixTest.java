package id.orqestra.cloud.tenant;

import id.orqestra.cloud.tenant.access.AccessFilter;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.cloud.testing.RouteCatalog;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every route the router knows: a role without the route's permission gets 403, a role with only
 * that permission does not; signed-in routes take any member; platform routes refuse members; and no
 * route is left without an access rule.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest extends BackendTest {

    @Inject
    Router router;
    ApiClient api;
    long org;
    final Map<String, Long> ownIds = new HashMap<>();
    final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        org = organizations.organization("Matrix", "matrix");
        long owner = organizations.user(org, "owner@matrix.test", "matrix owner password", BuiltInRole.OWNER);
        long channel = organizations.whatsApp(org, "830000000000001", "830000000000002", "matrix-token-000000000");
        postSigned(Platform.WHATSAPP, """
                {"object":"whatsapp_business_account","entry":[{"id":"x","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"830000000000002"},
                "contacts":[{"profile":{"name":"Matrix customer"},"wa_id":"6281800000001"}],
                "messages":[{"from":"6281800000001","id":"wamid.matrix-1","timestamp":"1764700000","type":"text","text":{"body":"hi"}}]}}]}]}
                """);
        awaitJournalDrained();
        ownIds.put("users", owner);
        ownIds.put("channels", channel);
        ownIds.put("roles", jdbi.withHandle(h -> h.createQuery(
                        "INSERT INTO roles (org_id, name, permissions) VALUES (:org, 'Spare', '{inbox.reply}') RETURNING id")
                .bind("org", org).mapTo(Long.class).one()));
        ownIds.put("conversations", jdbi.withHandle(h -> h.createQuery("SELECT id FROM conversations").mapTo(Long.class).one()));
        ownIds.put("contacts", jdbi.withHandle(h -> h.createQuery("SELECT id FROM contacts").mapTo(Long.class).one()));
        ownIds.put("messages", jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages").mapTo(Long.class).one()));
    }

    /** A new member whose role holds exactly these permissions; returns a fresh access token. */
    private String memberWith(Set<Permission> permissions) {
        int n = users.incrementAndGet();
        String email = "member" + n + "@matrix.test";
        jdbi.useHandle(h -> {
            long role = h.createQuery("INSERT INTO roles (org_id, name, permissions) VALUES (:org, :name, :permissions) RETURNING id")
                    .bind("org", org).bind("name", "role " + n)
                    .bind("permissions", permissions.stream().map(Permission::key).toArray(String[]::new))
                    .mapTo(Long.class).one();
            h.createUpdate("INSERT INTO users (org_id, email, name, role_id, password_hash) VALUES (:org, :email, :name, :role, :hash)")
                    .bind("org", org).bind("email", email).bind("name", "Member " + n).bind("role", role)
                    .bind("hash", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("member password"))
                    .execute();
        });
        return api.login(email, "member password");
    }

    private ApiClient.Response call(RouteCatalog.Route route, String token) {
        Map<String, Object> values = new HashMap<>();
        String[] segments = route.template().split("/");
        for (String variable : route.variables()) {
            Object id = 1L;
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].startsWith("{" + variable)) {
                    id = ownIds.getOrDefault(segments[i - 1], ownIds.get("conversations"));
                }
            }
            values.put(variable, id);
        }
        return api.call(route.method().name(), route.expand(values) + "?after=0", token, route.exampleBody(),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    @Test
    void everyApiRouteDeclaresAnAccessRule() {
        List<RouteCatalog.Route> routes = RouteCatalog.apiRoutes(router);
        assertThat(routes).isNotEmpty();
        assertThat(routes).filteredOn(r -> r.rule() == RouteCatalog.Rule.NONE).as("routes without an access rule").isEmpty();
    }

    @Test
    void withoutThePermission403AndWithItNot() {
        List<String> wrong = new ArrayList<>();
        for (RouteCatalog.Route route : RouteCatalog.apiRoutes(router)) {
            if (route.rule() != RouteCatalog.Rule.PERMISSION) {
                continue;
            }
            Set<Permission> without = EnumSet.allOf(Permission.class);
            route.permissions().forEach(without::remove);
            ApiClient.Response refused = call(route, memberWith(without));
            boolean headRequest = route.method() == io.micronaut.http.HttpMethod.HEAD; // answers carry no body
            if (refused.status() != 403 || !(headRequest || refused.body().contains("\"title\":\"" + AccessFilter.MISSING_PERMISSION + "\""))) {
                wrong.add(route + " without " + route.permissions() + " → " + refused.status() + " " + refused.body());
            }
            ApiClient.Response allowed = call(route, memberWith(EnumSet.of(route.permissions().getFirst())));
            // a 403 from a rule about the request itself (e.g. granting beyond one's own rights) is not the route refusing
            boolean refusedByRoute = allowed.status() == 403 && allowed.body().contains("\"title\":\"" + AccessFilter.MISSING_PERMISSION + "\"");
            if (refusedByRoute || allowed.status() == 401 || allowed.status() >= 500) {
                wrong.add(route + " with only " + route.permissions().getFirst() + " → " + allowed.status() + " " + allowed.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void signedInRoutesTakeAnyMemberAndPlatformRoutesRefuseMembers() {
        List<String> wrong = new ArrayList<>();
        for (RouteCatalog.Route route : RouteCatalog.apiRoutes(router)) {
            if (route.rule() == RouteCatalog.Rule.SIGNED_IN) {
                int status = call(route, memberWith(EnumSet.noneOf(Permission.class))).status();
                if (status == 401 || status == 403 || status >= 500) {
                    wrong.add(route + " for a member with no permissions → " + status);
                }
                if (call(route, null).status() != 401) {
                    wrong.add(route + " without a token is not 401");
                }
            } else if (route.rule() == RouteCatalog.Rule.PLATFORM_ADMIN) {
                int status = call(route, memberWith(EnumSet.allOf(Permission.class))).status();
                if (status != 403) {
                    wrong.add(route + " for an organization owner → " + status);
                }
            } else if (route.rule() == RouteCatalog.Rule.PERMISSION && call(route, null).status() != 401) {
                wrong.add(route + " without a token is not 401");
            }
        }
        assertThat(wrong).isEmpty();
    }
}
