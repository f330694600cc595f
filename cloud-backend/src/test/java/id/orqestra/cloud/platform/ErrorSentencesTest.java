package id.orqestra.cloud.platform;

import id.orqestra.cloud.platform.web.ProblemErrorResponseProcessor;
import id.orqestra.cloud.testing.ApiClient;
import id.orqestra.cloud.testing.BackendTest;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.api.Problem;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the framework refuses before our code runs (unreadable JSON, wrong types, too large, wrong
 * method or media type) are answered with a sentence a person can act on, never with the framework's
 * own wording, Java type names or configuration keys.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorSentencesTest extends BackendTest {

    ApiClient api;
    String token;

    @BeforeAll
    void signIn() {
        api = new ApiClient(server.getURI());
        long orgId = organizations.organization("Errors Test", "errors-test");
        organizations.user(orgId, "owner@errors.test", "owner password 1", BuiltInRole.OWNER);
        token = api.login("owner@errors.test", "owner password 1");
    }

    @Test
    void truncatedJsonNamesWhereItBroke() {
        ApiClient.Response response = api.post("/api/v1/auth/login", null, "{\"email\":");
        assertPlainSentence(response, 400);
        assertThat(detail(response)).isEqualTo("The request body is not valid JSON (line 1, column 10).");
    }

    @Test
    void aListWhereAnObjectBelongsNamesTheExpectedFields() {
        ApiClient.Response response = api.post("/api/v1/auth/login", null, "[]");
        assertPlainSentence(response, 400);
        assertThat(detail(response)).contains("object").contains("email").contains("password");
    }

    @Test
    void aPathVariableThatIsNotANumber() {
        ApiClient.Response response = api.get("/api/v1/conversations/abc", token);
        assertPlainSentence(response, 400);
        assertThat(detail(response)).isEqualTo("id must be a whole number, not \"abc\".");
    }

    @Test
    void aQueryValueThatIsNotANumber() {
        ApiClient.Response response = api.get("/api/v1/conversations?limit=lots", token);
        assertPlainSentence(response, 400);
        assertThat(detail(response)).isEqualTo("limit must be a whole number, not \"lots\".");
    }

    @Test
    void aFieldOfTheWrongType() {
        ApiClient.Response response = api.post("/api/v1/conversations/1/messages", token,
                "{\"text\": \"hi\", \"replyToMessageId\": \"abc\"}");
        assertPlainSentence(response, 400);
        assertThat(detail(response)).isEqualTo("replyToMessageId must be a whole number.");
    }

    @Test
    void aBodyOverTheBufferLimitIsRefusedWithTheLimit() {
        byte[] body = new byte[33 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        ApiClient.Response response = response(send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
        assertPlainSentence(response, 413);
        assertThat(detail(response)).isEqualTo("The request is too large (at most 32 MB).");
    }

    @Test
    void aMethodTheAddressDoesNotAcceptNamesTheOnesItDoes() {
        HttpResponse<String> raw = send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/team/users/1"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build());
        ApiClient.Response response = response(raw);
        assertPlainSentence(response, 405);
        assertThat(detail(response)).isEqualTo("This address does not accept GET; it accepts PATCH.");
        assertThat(raw.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("PATCH"));
    }

    @Test
    void aBodyThatIsNotJson() {
        // ApiClient always sends JSON, so this one is built by hand
        ApiClient.Response response = response(send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=a&password=b")).build()));
        assertPlainSentence(response, 415);
        assertThat(detail(response)).contains("application/json");
    }

    @Test
    void aNumberOrAListWhereTextBelongsIsRefusedNotTurnedIntoText() {
        for (String body : new String[] {"{\"text\": 123}", "{\"text\": [\"a\"]}", "{\"text\": true}"}) {
            ApiClient.Response reply = api.post("/api/v1/conversations/1/messages", token, body);
            assertPlainSentence(reply, 400);
            assertThat(detail(reply)).as(body).isEqualTo("text must be text in double quotes.");
        }
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedNotRounded() {
        ApiClient.Response response = api.call("PATCH", "/api/v1/channels/1", token, "{\"messagesPerSecond\": 1.5}");
        assertPlainSentence(response, 400);
        assertThat(detail(response)).isEqualTo("messagesPerSecond must be a whole number.");
    }

    @Test
    void textHoldingTheNulCharacterIsRefusedNamingTheField() {
        ApiClient.Response login = api.post("/api/v1/auth/login", null,
                "{\"email\": \"a\\u0000b@errors.test\", \"password\": \"x\"}");
        assertPlainSentence(login, 400);
        assertThat(detail(login)).isEqualTo(
                "email contains the character U+0000 (NUL), which cannot be stored. Remove it and send again.");

        ApiClient.Response reply = api.post("/api/v1/conversations/1/messages", token, "{\"text\": \"a\\u0000b\"}");
        assertPlainSentence(reply, 400);
        assertThat(detail(reply)).startsWith("text contains the character U+0000");
    }

    @Test
    void anUnexpectedFailureIsASentenceWithoutItsInnards(ProblemErrorResponseProcessor processor) {
        RuntimeException failure = new IllegalStateException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 Where: SELECT failures FROM login_attempts");
        MutableHttpResponse<Problem> answer = processor.processResponse(
                ErrorContext.builder(io.micronaut.http.HttpRequest.GET("/api/v1/auth/login"))
                        .cause(failure).errorMessage("Internal Server Error: " + failure.getMessage()).build(),
                io.micronaut.http.HttpResponse.serverError());
        Problem problem = answer.body();
        assertThat(answer.getStatus().getCode()).isEqualTo(500);
        assertThat(problem.detail()).isEqualTo(ProblemErrorResponseProcessor.SERVER_FAILURE)
                .doesNotContain("SELECT").doesNotContain("UTF8");
    }

    @Test
    void anUnknownAddress() {
        ApiClient.Response response = api.get("/api/v1/no-such-thing", token);
        assertPlainSentence(response, 404);
        assertThat(detail(response)).isEqualTo("There is nothing at this address.");
    }

    private static ApiClient.Response response(HttpResponse<String> raw) {
        return new ApiClient.Response(raw.statusCode(), raw.body(), raw.headers().firstValue("Content-Type").orElse(""));
    }

    private static String detail(ApiClient.Response response) {
        return response.json().path("detail").asText();
    }

    private static void assertPlainSentence(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(detail(response)).as(response.body())
                .isNotBlank()
                .endsWith(".")
                .doesNotContain("Failed to convert")
                .doesNotContain("java.")
                .doesNotContain("id.orqestra")
                .doesNotContain("$")
                .doesNotContain("micronaut")
                .doesNotContain("StreamReadFeature")
                .doesNotContain("Source:")
                .doesNotContainPattern("\\[[^\\]]*\\]");
    }
}
