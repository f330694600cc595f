package id.orqestra.desktop.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.app.BackgroundExecutor;
import id.orqestra.desktop.testing.FakeOrqestraServer;
import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;

import static id.orqestra.desktop.auth.SignInViewModel.Field;
import static id.orqestra.desktop.testing.SampleSessions.ORGANIZATION;
import static id.orqestra.desktop.testing.SampleSessions.USER_NAME;
import static id.orqestra.desktop.testing.SampleSessions.problemJson;
import static id.orqestra.desktop.testing.SampleSessions.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sign-in view model with no UI at all, talking through a real {@link AuthClient} to a real HTTP
 * server on the loopback interface. Background and UI work run on the calling thread unless a test
 * needs to watch a request in flight.
 */
class SignInViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;

    private final FakeOrqestraServer server = new FakeOrqestraServer();
    private final List<SignedIn> signedIn = new ArrayList<>();
    private final AuthClient authClient = new AuthClient(Duration.ofSeconds(2), Duration.ofMillis(400));
    private ExecutorService background;

    @AfterEach
    void stop() {
        server.close();
        if (background != null) {
            background.shutdownNow();
        }
    }

    private SignInViewModel model() {
        return new SignInViewModel(authClient, SAME_THREAD, SAME_THREAD, signedIn::add);
    }

    private SignInViewModel filledIn(String url) {
        SignInViewModel model = model();
        model.prefill(url, "dewi@kopisenja.test");
        model.passwordProperty().set("correct horse");
        return model;
    }

    @Nested
    class Form {

        @Test
        void signInIsDisabledUntilEveryFieldHasSomething() {
            SignInViewModel model = model();
            assertThat(model.signInDisabledProperty().get()).isTrue();

            model.serverUrlProperty().set("http://localhost:8080");
            model.emailProperty().set("dewi@kopisenja.test");
            assertThat(model.signInDisabledProperty().get()).isTrue();

            model.passwordProperty().set("secret");
            assertThat(model.signInDisabledProperty().get()).isFalse();

            model.emailProperty().set("   ");
            assertThat(model.signInDisabledProperty().get()).isTrue();
        }

        @Test
        void saysNothingAboutFieldsThePersonHasNotReachedYet() {
            SignInViewModel model = model();

            assertThat(model.serverUrlErrorProperty().get()).isEmpty();
            assertThat(model.emailErrorProperty().get()).isEmpty();
            assertThat(model.passwordErrorProperty().get()).isEmpty();
        }

        @Test
        void anEmptyFieldThatWasLeftAsksToBeFilledIn() {
            SignInViewModel model = model();

            model.leave(Field.SERVER_URL);
            model.leave(Field.EMAIL);
            model.leave(Field.PASSWORD);

            assertThat(model.serverUrlErrorProperty().get()).isEqualTo("Enter the address of your Orqestra server.");
            assertThat(model.emailErrorProperty().get()).isEqualTo("Enter your email address.");
            assertThat(model.passwordErrorProperty().get()).isEqualTo("Enter your password.");
        }

        @Test
        void aMessageGoesAwayAsSoonAsTheFieldIsFixed() {
            SignInViewModel model = model();
            model.leave(Field.EMAIL);
            assertThat(model.emailErrorProperty().get()).isNotEmpty();

            model.emailProperty().set("dewi");
            assertThat(model.emailErrorProperty().get()).isEqualTo("Enter an email address like name@company.com.");

            model.emailProperty().set("dewi@kopisenja.test");
            assertThat(model.emailErrorProperty().get()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                localhost:8080              | Start the address with http:// or https://, for example http://localhost:8080.
                ftp://files.example.com     | Use an address that starts with http:// or https://.
                http://                     | That is not a valid web address. Use one like https://orqestra.example.com.
                http://:8080                | The address needs a server name, for example https://orqestra.example.com.
                http://orqestra .test       | A server address can't contain spaces.
                https://orqestra.test/?a=b  | Leave out everything from ? or # onwards in the address.
                http://orqestra.test:70000  | The port number must be between 1 and 65535.
                """)
        void aMalformedServerAddressIsExplained(String typed, String message) {
            SignInViewModel model = model();
            model.serverUrlProperty().set(typed);
            model.leave(Field.SERVER_URL);

            assertThat(model.serverUrlErrorProperty().get()).isEqualTo(message);
        }

        @Test
        void aPrefilledMalformedAddressIsExplainedAtOnce() {
            SignInViewModel model = model();
            model.prefill("orqestra.example.com", "");

            assertThat(model.serverUrlErrorProperty().get()).startsWith("Start the address with http://");
            assertThat(model.emailErrorProperty().get()).isEmpty();
        }

        @Test
        void signingInWithAMalformedAddressShowsWhyAndSendsNothing() {
            SignInViewModel model = filledIn("localhost:" + 8080);

            model.signIn();

            assertThat(model.serverUrlErrorProperty().get()).startsWith("Start the address with http://");
            assertThat(model.busyProperty().get()).isFalse();
            assertThat(model.failedProperty().get()).isFalse();
            assertThat(server.received()).isEmpty();
            assertThat(signedIn).isEmpty();
        }
    }

    @Nested
    class Success {

        @Test
        void signsInWithTheSessionTheServerReturns() throws Exception {
            server.answer(200, "application/json", sessionJson());
            SignInViewModel model = filledIn(server.url());
            model.emailProperty().set("  dewi@kopisenja.test ");

            model.signIn();

            assertThat(signedIn).singleElement().satisfies(result -> {
                assertThat(result.server().display()).isEqualTo(server.url());
                assertThat(result.email()).isEqualTo("dewi@kopisenja.test");
                assertThat(result.session().accessToken()).isEqualTo("access-token-1");
                assertThat(result.session().accessTokenExpiresAt()).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
                assertThat(result.session().user().organizationName()).isEqualTo(ORGANIZATION);
                assertThat(result.session().user().name()).isEqualTo(USER_NAME);
                assertThat(result.session().user().permissions())
                        .containsExactlyInAnyOrder(Permission.INBOX_VIEW_ASSIGNED, Permission.INBOX_REPLY);
            });
            assertThat(model.passwordProperty().get()).as("the password is not kept once used").isEmpty();
            assertThat(model.failedProperty().get()).isFalse();
            assertThat(model.busyProperty().get()).isFalse();

            FakeOrqestraServer.Received request = server.received().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/auth/login");
            assertThat(request.contentType()).isEqualTo("application/json");
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertThat(body.get("email").asText()).isEqualTo("dewi@kopisenja.test");
            assertThat(body.get("password").asText()).isEqualTo("correct horse");
        }

        @Test
        void keepsThePathPrefixOfAServerBehindAProxy() {
            server.answer(200, "application/json", sessionJson());
            SignInViewModel model = filledIn(server.url() + "/orqestra/");

            model.signIn();

            assertThat(signedIn).hasSize(1);
            assertThat(server.received().getFirst().path()).isEqualTo("/orqestra/api/v1/auth/login");
        }

        @Test
        void aNewAttemptClearsThePreviousFailure() {
            server.answer(401, "application/problem+json", problemJson(401, "Unauthorized", "Wrong email or password."));
            SignInViewModel model = filledIn(server.url());
            model.signIn();
            assertThat(model.failedProperty().get()).isTrue();

            server.answer(200, "application/json", sessionJson());
            model.signIn();

            assertThat(model.failedProperty().get()).isFalse();
            assertThat(model.failureMessageProperty().get()).isEmpty();
            assertThat(signedIn).hasSize(1);
        }
    }

    @Nested
    class Failures {

        private SignInViewModel signInAgainst(String url) {
            SignInViewModel model = filledIn(url);
            model.signIn();
            assertThat(model.busyProperty().get()).isFalse();
            assertThat(model.failedProperty().get()).isTrue();
            assertThat(signedIn).isEmpty();
            assertThat(model.failureMessageProperty().get())
                    .as("a sentence for a person, not a stack trace")
                    .doesNotContain("Exception", "java.", "\tat ", "<html");
            return model;
        }

        @Test
        void wrongPasswordShowsTheServersOwnWords() {
            server.answer(401, "application/problem+json",
                    problemJson(401, "Unauthorized", "The email or password does not match an account."));

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("Wrong email or password");
            assertThat(model.failureMessageProperty().get()).isEqualTo("The email or password does not match an account.");
        }

        @Test
        void wrongPasswordWithoutADetailStillSaysWhatIsWrong() {
            server.answer(401, "text/plain", "");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureMessageProperty().get())
                    .isEqualTo("The email or password is not right. Check them and try again.");
        }

        @Test
        void tooManyAttemptsShowsTheDetail() {
            server.answer(429, "application/problem+json",
                    problemJson(429, "Too Many Requests", "Too many attempts. Try again in 5 minutes."));

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("Too many attempts");
            assertThat(model.failureMessageProperty().get()).isEqualTo("Too many attempts. Try again in 5 minutes.");
        }

        @Test
        void aLockedAccountShowsTheDetail() {
            server.answer(423, "application/problem+json",
                    problemJson(423, "Locked", "This account is locked after 10 failed attempts. Ask an admin to unlock it."));

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("Sign-in not allowed");
            assertThat(model.failureMessageProperty().get())
                    .isEqualTo("This account is locked after 10 failed attempts. Ask an admin to unlock it.");
        }

        @Test
        void aServerErrorSaysSoAndPassesOnTheDetail() {
            server.answer(500, "application/problem+json",
                    problemJson(500, "Internal Server Error", "The database is not available."));

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("Server problem");
            assertThat(model.failureMessageProperty().get()).isEqualTo("The server at " + server.url()
                    + " ran into a problem and could not sign you in (HTTP 500). It said: The database is not available."
                    + " Try again in a moment; if it keeps happening, tell your administrator.");
        }

        @Test
        void aServerErrorThatAlreadyAdvisesARetryIsNotAdvisedTwice() {
            server.answer(500, "application/problem+json", problemJson(500, "Internal Server Error",
                    "Something went wrong on the server. Try again; if it keeps happening, tell your administrator."));

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureMessageProperty().get()).isEqualTo("The server at " + server.url()
                    + " ran into a problem and could not sign you in (HTTP 500). It said: Something went wrong on the"
                    + " server. Try again; if it keeps happening, tell your administrator.");
        }

        @Test
        void aProxyErrorPageIsNotShownAsIs() {
            server.answer(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureMessageProperty().get()).isEqualTo("The server at " + server.url()
                    + " ran into a problem and could not sign you in (HTTP 502)."
                    + " Try again in a moment; if it keeps happening, tell your administrator.");
        }

        @Test
        void aWebPageIsNotAnOrqestraServer() {
            server.answer(200, "text/html; charset=utf-8", "<!doctype html><html><body>Welcome to nginx!</body></html>");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("Not an Orqestra server");
            assertThat(model.failureMessageProperty().get())
                    .startsWith("That address answered, but it is not an Orqestra server.");
        }

        @Test
        void aMissingPageIsNotAnOrqestraServer() {
            server.answer(404, "text/html", "<html><body>Not Found</body></html>");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureMessageProperty().get())
                    .startsWith("That address answered, but it is not an Orqestra server.");
        }

        @Test
        void jsonThatIsNotASessionIsNotAnOrqestraServer() {
            server.answer(200, "application/json", "{\"status\": \"ok\", \"version\": \"1.2\"}");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureMessageProperty().get())
                    .startsWith("That address answered, but it is not an Orqestra server.");
        }

        @Test
        void aClosedPortCannotBeReached() {
            String url = FakeOrqestraServer.closedPortUrl();

            SignInViewModel model = signInAgainst(url);

            assertThat(model.failureTitleProperty().get()).isEqualTo("Can't reach the server");
            assertThat(model.failureMessageProperty().get())
                    .isEqualTo("Check that " + url + " is the right address and that the server is running, then try again.");
        }

        @Test
        void aRedirectIsNotFollowedButNamed() {
            server.answer(308, "text/plain", "").withHeader("Location", "https://orqestra.example.com/api/v1/auth/login");

            SignInViewModel model = signInAgainst(server.url());

            assertThat(model.failureTitleProperty().get()).isEqualTo("The server has moved");
            assertThat(model.failureMessageProperty().get()).isEqualTo("The server at " + server.url()
                    + " sent the sign-in to https://orqestra.example.com/api/v1/auth/login."
                    + " Use the address of the Orqestra server itself.");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Nested
    class InFlight {

        @Test
        void aSlowServerKeepsTheButtonBusyThenTimesOut() {
            server.delayAnswers(Duration.ofSeconds(5)).answer(200, "application/json", sessionJson());
            background = BackgroundExecutor.create("sign-in-test");
            SignInViewModel model = new SignInViewModel(authClient, background, SAME_THREAD, signedIn::add);
            model.prefill(server.url(), "dewi@kopisenja.test");
            model.passwordProperty().set("correct horse");

            model.signIn();

            assertThat(model.busyProperty().get()).isTrue();
            assertThat(model.signInDisabledProperty().get()).isTrue();
            assertThat(model.signInLabelProperty().get()).isEqualTo("Signing in…");
            model.signIn(); // a second press while busy must not send a second request

            await().atMost(Duration.ofSeconds(5)).until(() -> !model.busyProperty().get());
            assertThat(model.failureTitleProperty().get()).isEqualTo("The server did not answer");
            assertThat(model.failureMessageProperty().get()).isEqualTo("The server at " + server.url()
                    + " did not answer in time. It may be busy or the network may be slow; try again in a moment.");
            assertThat(model.signInDisabledProperty().get()).isFalse();
            assertThat(model.signInLabelProperty().get()).isEqualTo("Sign in");
            assertThat(server.received()).hasSize(1);
            assertThat(signedIn).isEmpty();
        }
    }
}
