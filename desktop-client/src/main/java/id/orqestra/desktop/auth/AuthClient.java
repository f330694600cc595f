package id.orqestra.desktop.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import id.orqestra.model.api.Problem;
import id.orqestra.model.auth.LoginRequest;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.TeamRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static id.orqestra.desktop.auth.SignInException.Reason;

/**
 * Signs in against an Orqestra server: {@code POST {server}/api/v1/auth/login} with a
 * {@link LoginRequest}, answered by a {@link Session} or an {@code application/problem+json} error.
 * Every way this can go wrong ends as a {@link SignInException} whose message a person can act on.
 * Blocking: call it from a background thread.
 */
public final class AuthClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static final String LOGIN_PATH = "api/v1/auth/login";
    static final String ACCEPT_INVITATION_PATH = "api/v1/auth/invitations/accept";

    private static final Logger log = LoggerFactory.getLogger(AuthClient.class);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper json;

    public AuthClient() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public AuthClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // plain HTTP/1.1: no h2c upgrade dance with proxies that get it wrong
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // a newer server may add fields; an older desktop must still sign in
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Signs in and returns the session; never returns null. */
    public Session signIn(ServerAddress server, String email, String password) throws SignInException {
        return post(server, LOGIN_PATH, new LoginRequest(email, password));
    }

    /**
     * Joins the organization that sent the one-time invitation {@code token}: sets the person's name
     * and password and signs them in. Returns the session; never returns null.
     */
    public Session acceptInvitation(ServerAddress server, String token, String name, String password)
            throws SignInException {
        return post(server, ACCEPT_INVITATION_PATH, new TeamRequests.AcceptInvitationRequest(token, name, password));
    }

    private Session post(ServerAddress server, String path, Object body) throws SignInException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, " + Problem.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(server, e);
        } catch (HttpTimeoutException e) {
            throw new SignInException(Reason.TIMED_OUT, "The server at " + server.display()
                    + " did not answer in time. It may be busy or the network may be slow; try again in a moment.", e);
        } catch (SSLException e) {
            throw new SignInException(Reason.SECURE_CONNECTION_FAILED, "Couldn't open a secure connection to "
                    + server.display() + ". Check whether the address should start with http:// or https://.", e);
        } catch (IOException e) {
            throw unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException(Reason.INTERRUPTED, "Sign-in was stopped before the server answered.", e);
        }
        return interpret(server, response);
    }

    private Session interpret(ServerAddress server, HttpResponse<byte[]> response) throws SignInException {
        int status = response.statusCode();
        boolean jsonBody = isJson(response);
        if (status >= 200 && status < 300) {
            return readSession(server, response, jsonBody);
        }
        Optional<String> detail = jsonBody ? problemDetail(response.body()) : Optional.empty();
        log.info("Sign-in at {} answered HTTP {}{}", server, status, detail.map(d -> ": " + d).orElse(""));
        if (status >= 300 && status < 400) {
            String target = response.headers().firstValue("Location").orElse(null);
            throw new SignInException(Reason.REDIRECTED, target == null
                    ? "The server at " + server.display() + " sent the sign-in elsewhere. Check the address with your administrator."
                    : "The server at " + server.display() + " sent the sign-in to " + target
                            + ". Use the address of the Orqestra server itself.");
        }
        if (!jsonBody && (status == 404 || status == 405)) {
            throw notOrqestra(server);
        }
        switch (status) {
            case 401 -> throw new SignInException(Reason.WRONG_CREDENTIALS,
                    detail.orElse("The email or password is not right. Check them and try again."));
            case 403, 423 -> throw new SignInException(Reason.ACCOUNT_BLOCKED,
                    detail.orElse("This account can't sign in right now. Ask your administrator."));
            case 429 -> throw new SignInException(Reason.TOO_MANY_ATTEMPTS,
                    detail.orElse("Too many sign-in attempts. Wait a few minutes and try again."));
            // an Orqestra 404 explains itself (an unknown invitation); anything else is the wrong address
            case 404, 405 -> throw detail.isPresent() && status == 404
                    ? new SignInException(Reason.REJECTED, detail.get())
                    : notOrqestra(server);
            default -> {
                if (status >= 500) {
                    throw new SignInException(Reason.SERVER_ERROR, "The server at " + server.display()
                            + " ran into a problem and could not sign you in (HTTP " + status + ")."
                            + detail.map(d -> " It said: " + d).orElse("")
                            + " Try again in a moment; if it keeps happening, tell your administrator.");
                }
                throw new SignInException(Reason.REJECTED, detail.orElse(
                        "The server did not accept the sign-in (HTTP " + status + "). Check the details and try again."));
            }
        }
    }

    private Session readSession(ServerAddress server, HttpResponse<byte[]> response, boolean jsonBody)
            throws SignInException {
        if (!jsonBody) {
            throw notOrqestra(server);
        }
        Session session;
        try {
            session = json.readValue(response.body(), Session.class);
        } catch (IOException e) {
            log.warn("Sign-in at {} answered JSON that is not a session", server, e);
            throw notOrqestra(server);
        }
        if (session == null || session.accessToken() == null || session.accessToken().isBlank() || session.user() == null) {
            throw notOrqestra(server);
        }
        return session;
    }

    private Optional<String> problemDetail(byte[] body) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
                return Optional.of(problem.detail().strip());
            }
        } catch (IOException e) {
            // not a problem document: the caller falls back to its own sentence
        }
        return Optional.empty();
    }

    private static boolean isJson(HttpResponse<?> response) {
        String mediaType = response.headers().firstValue("Content-Type").orElse("")
                .split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static SignInException unreachable(ServerAddress server, IOException cause) {
        log.info("Sign-in at {} could not connect: {}", server, cause.toString());
        return new SignInException(Reason.UNREACHABLE, "Can't reach the server at " + server.display()
                + ". Check the address and that the server is running.", cause);
    }

    private static SignInException notOrqestra(ServerAddress server) {
        return new SignInException(Reason.NOT_ORQESTRA, "That address answered, but it is not an Orqestra server. "
                + "Check the address " + server.display() + " with your administrator.");
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
