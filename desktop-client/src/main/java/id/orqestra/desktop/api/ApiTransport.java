package id.orqestra.desktop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.model.api.Problem;
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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * One JSON request to an Orqestra server and its answer, with every way that can fail turned into an
 * {@link ApiException} carrying a sentence. Knows nothing about sessions: the caller passes the bearer
 * token, if any. Blocking: call it from a background thread. Safe to share between threads.
 */
public final class ApiTransport {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** An answer's body and, when the server said, its clock at the time (the {@code Date} header). */
    public record Answer<T>(T body, Optional<Instant> serverTime) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper json = Json.mapper();

    public ApiTransport() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public ApiTransport(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * Sends {@code body} (null for none) as JSON with {@code method} to {@code path} (relative, no leading
     * slash) and reads the answer as {@code answerType} (null when no body is expected).
     */
    public <T> Answer<T> exchange(ServerAddress server, String method, String path, Object body, String bearerToken,
                                  JavaType answerType) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, " + Problem.MEDIA_TYPE);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
        }
        HttpResponse<byte[]> response = send(server, method, path, request.build());
        return interpret(server, method, path, response, answerType);
    }

    private HttpResponse<byte[]> send(ServerAddress server, String method, String path, HttpRequest request)
            throws ApiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(server, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(Kind.TIMED_OUT, 0, "No answer", "The server at " + server.display()
                    + " did not answer in time. It may be busy or the network may be slow; try again in a moment.", e);
        } catch (SSLException e) {
            throw new ApiException(Kind.UNREACHABLE, 0, "Secure connection failed", "Couldn't open a secure connection to "
                    + server.display() + ". Check whether the address should start with http:// or https://.", e);
        } catch (IOException e) {
            log.info("{} {} at {} failed: {}", method, path, server, e.toString());
            throw unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.INTERRUPTED, 0, "Stopped", "The request was stopped before the server answered.", e);
        }
    }

    private <T> Answer<T> interpret(ServerAddress server, String method, String path, HttpResponse<byte[]> response,
                                    JavaType answerType) throws ApiException {
        int status = response.statusCode();
        boolean jsonBody = isJson(response);
        if (status >= 200 && status < 300) {
            T body = null;
            if (answerType != null) {
                if (!jsonBody) {
                    throw notOrqestra(server, status);
                }
                try {
                    body = json.readValue(response.body(), answerType);
                } catch (IOException e) {
                    log.warn("{} {} at {} answered JSON that is not a {}", method, path, server, answerType, e);
                    throw new ApiException(Kind.UNEXPECTED_ANSWER, status, "Unexpected answer",
                            "The server's answer could not be read. The app and the server may be of different versions.", e);
                }
                if (body == null) {
                    throw notOrqestra(server, status);
                }
            }
            return new Answer<>(body, serverTime(response));
        }
        Optional<Problem> problem = jsonBody ? problem(response.body()) : Optional.empty();
        Optional<String> detail = problem.map(Problem::detail).filter(d -> !d.isBlank()).map(String::strip);
        String title = problem.map(Problem::title).orElse("");
        log.info("{} {} at {} answered HTTP {}{}", method, path, server, status, detail.map(d -> ": " + d).orElse(""));
        if (!jsonBody && (status == 404 || status == 405 || (status >= 300 && status < 400))) {
            throw notOrqestra(server, status);
        }
        Kind kind = kindOf(status);
        String sentence = switch (kind) {
            case SERVER_ERROR -> "The server ran into a problem (HTTP " + status + ")."
                    + detail.map(d -> " It said: " + d).orElse("")
                    + " Try again in a moment; if it keeps happening, tell your administrator.";
            default -> detail.orElse(defaultSentence(kind, status));
        };
        throw new ApiException(kind, status, title, sentence);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.SIGNED_OUT;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 429 -> Kind.THROTTLED;
            default -> status >= 500 ? Kind.SERVER_ERROR
                    : status >= 400 ? Kind.INVALID
                    : Kind.UNEXPECTED_ANSWER;
        };
    }

    private static String defaultSentence(Kind kind, int status) {
        return switch (kind) {
            case SIGNED_OUT -> "Your sign-in has ended. Sign in again.";
            case FORBIDDEN -> "Your role does not allow this. Ask an admin of your organization.";
            case NOT_FOUND -> "That no longer exists; it may have been removed by someone else.";
            case CONFLICT -> "That clashes with something that already exists.";
            case THROTTLED -> "Too many requests. Wait a moment and try again.";
            default -> "The server did not accept the request (HTTP " + status + ").";
        };
    }

    private Optional<Problem> problem(byte[] body) {
        try {
            return Optional.ofNullable(json.readValue(body, Problem.class));
        } catch (IOException e) {
            return Optional.empty(); // not a problem document: the caller uses its own sentence
        }
    }

    private static Optional<Instant> serverTime(HttpResponse<?> response) {
        return response.headers().firstValue("Date").flatMap(value -> {
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean isJson(HttpResponse<?> response) {
        String mediaType = response.headers().firstValue("Content-Type").orElse("")
                .split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static ApiException unreachable(ServerAddress server, IOException cause) {
        return new ApiException(Kind.UNREACHABLE, 0, "Can't reach the server", "Can't reach the server at "
                + server.display() + ". Check your connection and that the server is running, then try again.", cause);
    }

    private static ApiException notOrqestra(ServerAddress server, int status) {
        return new ApiException(Kind.UNEXPECTED_ANSWER, status, "Not an Orqestra server",
                "The address " + server.display() + " answered, but not like an Orqestra server of this version.");
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
