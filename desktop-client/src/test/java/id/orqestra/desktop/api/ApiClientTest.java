package id.orqestra.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.testing.FakeOrqestraServer;
import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.model.auth.Session;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The authenticated plumbing against the real backend: bearer tokens, renewal on a refused token
 * (once, even when many requests are refused together), problem+json as sentences, and sign-out.
 */
class ApiClientTest {

    private static final TypeReference<List<UserView>> USERS = new TypeReference<>() { };

    private static RealBackend backend;
    private static RealBackend.Member owner;
    private static ScheduledExecutorService timer;

    @BeforeAll
    static void start() {
        backend = RealBackend.shared();
        owner = backend.newOrganization("Api client test");
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        timer.shutdownNow();
    }

    /** A fresh sign-in of the owner, as its own session. */
    private static ApiSession freshSession() {
        Session session = backend.signIn(owner.email(), owner.password());
        return new ApiSession(backend.transport(), backend.server(), owner.email(), session);
    }

    /** The same session, but holding an access token the server will refuse. */
    private static ApiSession withRefusedAccessToken() {
        Session good = backend.signIn(owner.email(), owner.password());
        Session stale = new Session("not-a-valid-access-token", good.accessTokenExpiresAt(), good.refreshToken(), good.user());
        return new ApiSession(backend.transport(), backend.server(), owner.email(), stale);
    }

    @Test
    void sendsTheBearerTokenAndReadsTypedAnswers() throws ApiException {
        ApiClient api = new ApiClient(backend.transport(), freshSession());

        List<UserView> users = api.get("team/users", USERS);

        assertThat(users).extracting(UserView::email).contains(owner.email());
    }

    @Test
    void aProblemArrivesAsTheServersSentence() {
        ApiClient api = new ApiClient(backend.transport(), freshSession());

        assertThatThrownBy(() -> api.post("channels/whatsapp", new ChannelRequests.ConnectWhatsApp("Shop", "12ab",
                "123456789", null, "EAAG" + "x".repeat(30)), ChannelView.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.INVALID);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .isEqualTo("The WhatsApp Business Account ID is a number of 5 to 25 digits; '12ab' is not.");
                });
    }

    @Test
    void whatTheRoleDoesNotAllowIsForbiddenWithTheServersSentence() {
        RealBackend.Member agent = backend.addMember(owner, BuiltInRole.AGENT, "Agent of api test");
        ApiClient api = backend.client(agent.session());

        assertThatThrownBy(() -> api.post("team/invitations",
                new TeamRequests.InviteRequest(RealBackend.unique("x") + "@x.test", "X", 1), TeamRequests.Invitation.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("Your role does not include team.manage. Ask an admin of your organization.");
                });
    }

    @Test
    void aRefusedAccessTokenIsRenewedOnceAndTheRequestSentAgain() throws ApiException {
        ApiSession session = withRefusedAccessToken();
        String firstRefreshToken = session.current().refreshToken();
        List<Session> renewals = new ArrayList<>();
        session.followRenewals(renewals::add);
        renewals.clear(); // followRenewals hands over the current session first

        List<UserView> users = new ApiClient(backend.transport(), session).get("team/users", USERS);

        assertThat(users).isNotEmpty();
        assertThat(renewals).hasSize(1);
        assertThat(session.current().accessToken()).isNotEqualTo("not-a-valid-access-token");
        assertThat(session.current().refreshToken()).isNotEqualTo(firstRefreshToken);
        // the refresh token is single-use: the old one no longer opens anything
        assertThatThrownBy(() -> ApiSession.resume(backend.transport(), backend.server(), owner.email(), firstRefreshToken))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.SIGNED_OUT));
    }

    @Test
    void manyRequestsRefusedAtOnceShareOneRenewal() throws Exception {
        ApiSession session = withRefusedAccessToken();
        List<Session> renewals = new CopyOnWriteArrayList<>();
        session.followRenewals(renewals::add);
        renewals.clear();
        ApiClient api = new ApiClient(backend.transport(), session);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<UserView>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<List<UserView>> call = () -> {
                    start.await();
                    return api.get("team/users", USERS);
                };
                results.add(threads.submit(call));
            }
            start.countDown();
            for (Future<List<UserView>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isNotEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        // a second renewal would have reused a refresh token, which ends the session on the server
        assertThat(renewals).hasSize(1);
        assertThat(session.hasEnded()).isFalse();
    }

    @Test
    void aSessionTheServerEndsIsReportedOnceAndThenRefusedCalmly() throws ApiException {
        ApiSession session = freshSession();
        List<String> endings = new ArrayList<>();
        session.onEnded(endings::add);
        // someone else uses a copy of the refresh token first (a leaked token)
        ApiSession.resume(backend.transport(), backend.server(), owner.email(), session.current().refreshToken());

        assertThatThrownBy(session::renew).isInstanceOf(ApiException.class);

        assertThat(endings).containsExactly(
                "This sign-in was ended for safety because its refresh token was used twice. Sign in again.");
        assertThat(session.hasEnded()).isTrue();
        assertThatThrownBy(() -> new ApiClient(backend.transport(), session).get("team/users", USERS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.SIGNED_OUT));
    }

    @Test
    void keepFreshRenewsShortlyBeforeTheAccessTokenExpires() throws ApiException {
        Session good = backend.signIn(owner.email(), owner.password());
        // as if the token had only two seconds left
        Session expiring = new Session(good.accessToken(), Instant.now().plusSeconds(2), good.refreshToken(), good.user());
        ApiSession session = new ApiSession(backend.transport(), backend.server(), owner.email(), expiring);
        List<Session> renewals = new CopyOnWriteArrayList<>();
        session.followRenewals(renewals::add);
        renewals.clear();

        session.keepFresh(timer);

        await().atMost(Duration.ofSeconds(10)).until(() -> !renewals.isEmpty());
        assertThat(renewals.get(0).refreshToken()).isNotEqualTo(good.refreshToken());
        assertThat(new ApiClient(backend.transport(), session).get("team/users", USERS)).isNotEmpty();
    }

    @Test
    void signingOutForgetsFirstThenEndsTheSessionOnTheServer() {
        ApiSession session = freshSession();
        String refreshToken = session.current().refreshToken();
        List<String> steps = new ArrayList<>();

        session.signOut(() -> steps.add("forget"));

        assertThat(steps).containsExactly("forget");
        assertThat(session.hasEnded()).isTrue();
        assertThatThrownBy(() -> ApiSession.resume(backend.transport(), backend.server(), owner.email(), refreshToken))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.SIGNED_OUT);
                    assertThat(e.getMessage()).isEqualTo("This sign-in has ended. Sign in again.");
                });
    }

    @Test
    void aServerThatIsNotRunningIsExplainedInPlainWords() {
        String closed = FakeOrqestraServer.closedPortUrl();
        ApiTransport transport = new ApiTransport(Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThatThrownBy(() -> ApiSession.resume(transport, ServerAddress.parse(closed), "x@y.test", "token"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.UNREACHABLE);
                    assertThat(e.isConnectionProblem()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Can't reach the server at " + closed
                            + ". Check your connection and that the server is running, then try again.");
                });
    }

    @Test
    void anAddressThatIsNotOrqestraIsSaidSo() {
        try (FakeOrqestraServer other = new FakeOrqestraServer()) {
            other.answer(404, "text/html", "<html>Not here</html>");

            assertThatThrownBy(() -> ApiSession.resume(backend.transport(), ServerAddress.parse(other.url()), "x@y.test", "t"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ApiException.Kind.UNEXPECTED_ANSWER);
                        assertThat(e.getMessage()).contains("not like an Orqestra server");
                    });
        }
    }
}
