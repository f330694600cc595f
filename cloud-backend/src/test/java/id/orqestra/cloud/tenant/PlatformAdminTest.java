package id.orqestra.cloud.tenant;

import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.inbox.Platform;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Platform administrators: bootstrapped from configuration, see what could not be routed or read, create organizations. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformAdminTest extends BackendTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orqestra.platform-admin.email", "ops@platform.test", "orqestra.platform-admin.password", "operator password");
    }

    private String operatorToken(ApiClient api) {
        ApiClient.Response session = api.post("/api/v1/platform/auth/login", null,
                Map.of("email", "ops@platform.test", "password", "operator password"));
        assertThat(session.status()).isEqualTo(200);
        return session.json().path("accessToken").asText();
    }

    @Test
    void unroutedAndUnreadableWebhooksAreListedForOperators() {
        ApiClient api = new ApiClient(server.getURI());
        postSigned(Platform.INSTAGRAM, "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841999999999999\",\"time\":1764700000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"17841999999999999\"},\"timestamp\":1764700000000,"
                + "\"message\":{\"mid\":\"m-nobody\",\"text\":\"anyone?\"}}]}]}");
        postSigned(Platform.WHATSAPP, "<html>not json</html>");
        awaitJournalDrained();
        String token = operatorToken(api);
        assertThat(api.get("/api/v1/platform/webhooks/unrouted", token).body())
                .contains("17841999999999999").contains("m-nobody");
        assertThat(api.get("/api/v1/platform/webhooks/problems", token).body())
                .contains("malformed").contains("not json");
        assertThat(api.post("/api/v1/platform/auth/login", null, Map.of("email", "ops@platform.test", "password", "wrong"))
                .status()).isEqualTo(401);
    }

    @Test
    void anOperatorCreatesAnOrganizationWhoseOwnerJoinsByInvitation() {
        ApiClient api = new ApiClient(server.getURI());
        String token = operatorToken(api);
        ApiClient.Response created = api.post("/api/v1/platform/organizations", token,
                Map.of("name", "Warung Maju", "slug", "warung-maju", "ownerEmail", "owner@warung.test", "ownerName", "Sri"));
        assertThat(created.status()).isEqualTo(201);
        String invitation = created.json().path("ownerInvitationToken").asText();
        ApiClient.Response joined = api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", invitation, "name", "Sri Wahyuni", "password", "a long owner password"));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("user").path("roleName").asText()).isEqualTo("Owner");
        assertThat(joined.json().path("user").path("organizationName").asText()).isEqualTo("Warung Maju");
        assertThat(api.post("/api/v1/platform/organizations", token,
                Map.of("name", "Again", "slug", "warung-maju", "ownerEmail", "x@warung.test")).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/platform/organizations", token,
                Map.of("name", "Bad", "slug", "Not A Slug!", "ownerEmail", "x@warung.test")).json().path("detail").asText())
                .contains("slug");
    }
}
