package id.orqestra.cloud.tenant;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.tenant.BuiltInRole;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, refresh rotation, sign-out, throttling, invitations and password changes over real HTTP. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowTest extends BackendTest {

    ApiClient api;
    long orgId;

    @BeforeAll
    void organization() {
        api = new ApiClient(server.getURI());
        orgId = organizations.organization("Auth Test", "auth-test");
        organizations.user(orgId, "owner@auth.test", "owner password 1", BuiltInRole.OWNER);
        organizations.user(orgId, "agent@auth.test", "agent password 1", BuiltInRole.AGENT);
        organizations.user(orgId, "throttled@auth.test", "right password 1", BuiltInRole.AGENT);
    }

    private ApiClient.Response login(String email, String password) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    /** The Retry-After seconds of a refused sign-in (ApiClient does not expose headers); a refusal counts no failure. */
    private int retryAfterOfLogin(String email, String password) {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("email", email, "password", password))))
                .build());
        assertThat(refused.statusCode()).isEqualTo(429);
        return Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void signInReturnsATokenThatOpensTheApiAndTheUsersPermissions() {
        ApiClient.Response session = login("Agent@Auth.test ", "agent password 1");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().path("user").path("roleName").asText()).isEqualTo("Agent");
        assertThat(session.json().path("user").path("permissions").toString()).contains("inbox.reply")
                .doesNotContain("team.manage");
        String token = session.json().path("accessToken").asText();
        assertThat(api.get("/api/v1/me", token).json().path("email").asText()).isEqualTo("agent@auth.test");
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", token + "x").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameSentence() {
        ApiClient.Response wrong = login("owner@auth.test", "not it at all");
        ApiClient.Response unknown = login("nobody@auth.test", "not it at all");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText())
                .isEqualTo("Wrong email or password.");
        assertThat(wrong.contentType()).contains("application/problem+json");
    }

    @Test
    void repeatedFailuresSlowDownAndThenLockTheAccount() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("throttled@auth.test", "wrong " + i).status()).isEqualTo(401);
        }
        ApiClient.Response slowed = login("throttled@auth.test", "right password 1");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.json().path("detail").asText()).startsWith("Too many failed sign-ins. Wait");
        assertThat(retryAfterOfLogin("throttled@auth.test", "right password 1")).isBetween(1, 2);

        // pretend the waits passed, ten failures in all: locked even for the right password
        jdbi.useHandle(h -> h.execute("UPDATE login_attempts SET failures = 9, last_failed_at = now() - interval '1 hour' "
                + "WHERE email = 'throttled@auth.test'"));
        assertThat(login("throttled@auth.test", "wrong again").status()).isEqualTo(401);
        ApiClient.Response locked = login("throttled@auth.test", "right password 1");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().path("detail").asText()).contains("locked for 15 more minutes");
        assertThat(retryAfterOfLogin("throttled@auth.test", "right password 1")).isBetween(14 * 60, 15 * 60 + 1);

        jdbi.useHandle(h -> h.execute("UPDATE login_attempts SET locked_until = now() - interval '1 second', "
                + "last_failed_at = now() - interval '1 hour' WHERE email = 'throttled@auth.test'"));
        assertThat(login("throttled@auth.test", "right password 1").status()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM login_attempts WHERE email = 'throttled@auth.test'")).isZero();
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() {
        ApiClient.Response first = login("owner@auth.test", "owner password 1");
        String refresh1 = first.json().path("refreshToken").asText();
        ApiClient.Response second = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh1));
        assertThat(second.status()).isEqualTo(200);
        String refresh2 = second.json().path("refreshToken").asText();
        String access2 = second.json().path("accessToken").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(api.get("/api/v1/me", access2).status()).isEqualTo(200);

        ApiClient.Response reused = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh1));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().path("detail").asText()).contains("used twice");
        // the thief's copy and the rightful one die together
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", access2).status()).isEqualTo(401);
    }

    @Test
    void signOutEndsTheSessionAtOnce() {
        ApiClient.Response session = login("agent@auth.test", "agent password 1");
        String token = session.json().path("accessToken").asText();
        assertThat(api.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null,
                Map.of("refreshToken", session.json().path("refreshToken").asText())).status()).isEqualTo(401);
    }

    @Test
    void anInvitationIsAcceptedOnceAndSignsTheNewMemberIn() {
        String owner = api.login("owner@auth.test", "owner password 1");
        long agentRole = jdbi.withHandle(h -> h.createQuery("SELECT id FROM roles WHERE org_id = :org AND built_in = 'AGENT'")
                .bind("org", orgId).mapTo(Long.class).one());
        ApiClient.Response invitation = api.post("/api/v1/team/invitations", owner,
                Map.of("email", "New.Person@Auth.test", "name", "New Person", "roleId", agentRole));
        assertThat(invitation.status()).isEqualTo(201);
        String token = invitation.json().path("token").asText();
        assertThat(login("new.person@auth.test", "anything at all").status()).as("no password yet").isEqualTo(401);

        ApiClient.Response weak = api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", token, "name", "New Person", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("detail").asText()).contains("at least 10 characters");

        ApiClient.Response accepted = api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", token, "name", "Nia Person", "password", "a good long password"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("user").path("name").asText()).isEqualTo("Nia Person");
        assertThat(api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", token, "name", "Again", "password", "another long password")).status()).isEqualTo(409);
        assertThat(login("new.person@auth.test", "a good long password").status()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'user.invited' AND org_id = ? "
                + "AND details->>'email' = 'new.person@auth.test'", orgId)).isEqualTo(1);
    }

    @Test
    void aDeactivatedMemberIsLockedOutIncludingTheirOpenSessions() {
        organizations.user(orgId, "leaver@auth.test", "leaver password", BuiltInRole.AGENT);
        String leaver = api.login("leaver@auth.test", "leaver password");
        String owner = api.login("owner@auth.test", "owner password 1");
        long leaverId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'leaver@auth.test'").mapTo(Long.class).one());
        assertThat(api.call("PATCH", "/api/v1/team/users/" + leaverId, owner, "{\"active\":false}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", leaver).status()).isEqualTo(401);
        ApiClient.Response again = login("leaver@auth.test", "leaver password");
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.json().path("detail").asText()).contains("deactivated");
    }

    @Test
    void changingThePasswordSignsOutOtherDevices() {
        organizations.user(orgId, "mover@auth.test", "first password", BuiltInRole.AGENT);
        String laptop = api.login("mover@auth.test", "first password");
        String phone = api.login("mover@auth.test", "first password");
        ApiClient.Response wrong = api.post("/api/v1/auth/password", laptop,
                Map.of("currentPassword", "not the first", "newPassword", "second password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/password", laptop,
                Map.of("currentPassword", "first password", "newPassword", "second password")).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", phone).status()).isEqualTo(401);
        assertThat(login("mover@auth.test", "first password").status()).isEqualTo(401);
        assertThat(login("mover@auth.test", "second password").status()).isEqualTo(200);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedWithASentence() {
        organizations.user(orgId, "long@auth.test", "first password", BuiltInRole.AGENT);
        String token = api.login("long@auth.test", "first password");
        for (String tooLong : new String[] {"p".repeat(80), "é".repeat(40)}) {
            ApiClient.Response refused = api.post("/api/v1/auth/password", token,
                    Map.of("currentPassword", "first password", "newPassword", tooLong));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("detail").asText()).startsWith("Choose a shorter password");
        }
        assertThat(login("long@auth.test", "first password").status()).isEqualTo(200);
    }

    @Test
    void identicalCreationsAtTheSameMomentMakeOneAndTheRestConflict() throws Exception {
        String owner = api.login("owner@auth.test", "owner password 1");
        java.util.List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                pool.submit(() -> {
                    go.await();
                    statuses.add(api.post("/api/v1/roles", owner,
                            Map.of("name", "Racer", "permissions", java.util.List.of("inbox.reply"))).status());
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(statuses).hasSize(8).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(count("SELECT count(*) FROM roles WHERE org_id = ? AND name = 'Racer'", orgId)).isEqualTo(1);
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        organizations.user(orgId, "promoted@auth.test", "promoted password", BuiltInRole.AGENT);
        String promoted = api.login("promoted@auth.test", "promoted password");
        String owner = api.login("owner@auth.test", "owner password 1");
        assertThat(api.get("/api/v1/audit", promoted).status()).isEqualTo(403);
        long id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'promoted@auth.test'").mapTo(Long.class).one());
        long adminRole = jdbi.withHandle(h -> h.createQuery("SELECT id FROM roles WHERE org_id = :org AND built_in = 'ADMIN'")
                .bind("org", orgId).mapTo(Long.class).one());
        assertThat(api.call("PATCH", "/api/v1/team/users/" + id, owner, "{\"roleId\":" + adminRole + "}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit", promoted).status()).isEqualTo(200);
    }

    @Test
    void nobodyHandsOutMoreThanTheirOwnRoleHolds() {
        String supervisor;
        organizations.user(orgId, "lead@auth.test", "team lead password", BuiltInRole.SUPERVISOR);
        jdbi.useHandle(h -> h.execute("UPDATE roles SET permissions = array_append(permissions, 'team.manage') "
                + "|| '{role.manage}' WHERE org_id = ? AND built_in = 'SUPERVISOR'", orgId));
        supervisor = api.login("lead@auth.test", "team lead password");
        long ownerRole = jdbi.withHandle(h -> h.createQuery("SELECT id FROM roles WHERE org_id = :org AND built_in = 'OWNER'")
                .bind("org", orgId).mapTo(Long.class).one());
        long leadId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'lead@auth.test'").mapTo(Long.class).one());

        ApiClient.Response selfPromotion = api.call("PATCH", "/api/v1/team/users/" + leadId, supervisor, "{\"roleId\":" + ownerRole + "}");
        assertThat(selfPromotion.status()).isEqualTo(403);
        assertThat(selfPromotion.json().path("detail").asText()).contains("billing.manage");
        assertThat(api.post("/api/v1/team/invitations", supervisor,
                Map.of("email", "owner2@auth.test", "name", "Second Owner", "roleId", ownerRole)).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/roles", supervisor,
                Map.of("name", "Shadow owner", "permissions", java.util.List.of("billing.manage"))).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/roles", supervisor,
                Map.of("name", "Reply only", "permissions", java.util.List.of("inbox.reply"))).status()).isEqualTo(201);
        long ownerId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'owner@auth.test'").mapTo(Long.class).one());
        assertThat(api.call("PATCH", "/api/v1/team/users/" + ownerId, supervisor, "{\"active\":false}").status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM users WHERE email = 'owner@auth.test' AND active")).isEqualTo(1);
    }

    @Test
    void aWithdrawnInvitationCannotBeAccepted() {
        String owner = api.login("owner@auth.test", "owner password 1");
        long agentRole = jdbi.withHandle(h -> h.createQuery("SELECT id FROM roles WHERE org_id = :org AND built_in = 'AGENT'")
                .bind("org", orgId).mapTo(Long.class).one());
        ApiClient.Response invitation = api.post("/api/v1/team/invitations", owner,
                Map.of("email", "withdrawn@auth.test", "name", "Maybe", "roleId", agentRole));
        long userId = invitation.json().path("userId").asLong();
        assertThat(api.call("PATCH", "/api/v1/team/users/" + userId, owner, "{\"active\":false}").status()).isEqualTo(200);
        ApiClient.Response accepted = api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", invitation.json().path("token").asText(), "name", "Maybe", "password", "a long enough password"));
        assertThat(accepted.status()).isEqualTo(403);
        assertThat(accepted.json().path("detail").asText()).contains("withdrawn");
    }
}
