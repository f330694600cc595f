package id.orqestra.desktop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.model.api.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * Requests to an Orqestra server and their answers, with every way that can fail turned into an
 * {@link ApiException} carrying a sentence: JSON calls, file uploads (with progress), file downloads
 * and the WebSocket handshake. This is the one place that reads HTTP statuses and problem+json bodies;
 * the signed-in {@link ApiClient} and the sign-in client both go through it. Knows nothing about
 * sessions: the caller passes the bearer token, if any. Blocking except {@link #openWebSocket}: call
 * it from a background thread. Safe to share between threads.
 */
public final class ApiTransport {

    private static final String KEEPS_HAPPENING = "if it keeps happening";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** A file goes up at the speed of the link: allow minutes, not seconds. */
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);

    /** An answer's body and, when the server said, its clock at the time (the {@code Date} header). */
    public record Answer<T>(T body, Optional<Instant> serverTime) {
    }

    /** Hears how much of an upload has gone out; called on the sending thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (sent, total) -> { };

        void sent(long bytes, long total);
    }

    private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper json = Json.mapper();

    public ApiTransport() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public ApiTransport(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // plain HTTP/1.1: no h2c upgrade dance with proxies that get it wrong
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.connectTimeout = connectTimeout;
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
        return exchange(server, method, path, Map.of(), body, bearerToken, answerType);
    }

    /** As {@link #exchange(ServerAddress, String, String, Object, String, JavaType)}, with extra request headers. */
    public <T> Answer<T> exchange(ServerAddress server, String method, String path, Map<String, String> headers,
                                  Object body, String bearerToken, JavaType answerType) throws ApiException {
        HttpRequest.Builder request = request(server, path, bearerToken, requestTimeout);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
        }
        HttpResponse<byte[]> response = send(server, method, path, request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return interpret(server, method, path, response.statusCode(), response.headers(), response.body(), answerType);
    }

    /**
     * POSTs the bytes of {@code file} as the body with {@code contentType}, telling {@code progress} as
     * they go, and reads the answer as {@code answerType}.
     */
    public <T> Answer<T> upload(ServerAddress server, String path, Path file, String contentType, String bearerToken,
                                Progress progress, JavaType answerType) throws ApiException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ApiException(Kind.UNEXPECTED_ANSWER, 0, "File unreadable",
                    "The file " + file.getFileName() + " could not be read: " + e.getMessage(), e);
        }
        HttpRequest request = request(server, path, bearerToken, TRANSFER_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new CountingStream(Files.newInputStream(file), size, progress);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), size))
                .build();
        HttpResponse<byte[]> response = send(server, "POST", path, request, HttpResponse.BodyHandlers.ofByteArray());
        return interpret(server, "POST", path, response.statusCode(), response.headers(), response.body(), answerType);
    }

    /** Downloads {@code path} to {@code target}, replaced atomically so that a half file is never seen. */
    public void download(ServerAddress server, String path, String bearerToken, Path target) throws ApiException {
        HttpRequest request = request(server, path, bearerToken, TRANSFER_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = send(server, "GET", path, request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                interpret(server, "GET", path, response.statusCode(), response.headers(), in.readAllBytes(), null);
                throw unexpected(server, response.statusCode()); // a 2xx other than 200: not what a download answers
            }
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.info("GET {} at {} broke off: {}", path, server, e.toString());
            throw new ApiException(Kind.UNREACHABLE, 0, "Download failed", "The file could not be downloaded from "
                    + server.display() + ": the connection broke off. Try again in a moment.", e);
        }
    }

    /**
     * Opens a WebSocket at {@code path}. The future fails with a {@link java.net.http.WebSocketHandshakeException}
     * when the server refuses the handshake (401 for a token that is no longer good).
     */
    public CompletableFuture<WebSocket> openWebSocket(ServerAddress server, String path, String bearerToken,
                                                      WebSocket.Listener listener) {
        URI http = server.resolve(path);
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        return this.http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + bearerToken)
                .connectTimeout(connectTimeout)
                .buildAsync(ws, listener);
    }

    // ---- internals

    private static HttpRequest.Builder request(ServerAddress server, String path, String bearerToken, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, " + Problem.MEDIA_TYPE);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    private <T> HttpResponse<T> send(ServerAddress server, String method, String path, HttpRequest request,
                                     HttpResponse.BodyHandler<T> handler) throws ApiException {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(server, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(Kind.TIMED_OUT, 0, "No answer", "The server at " + server.display()
                    + " did not answer in time. It may be busy or the network may be slow; try again in a moment.", e);
        } catch (SSLException e) {
            throw new ApiException(Kind.UNREACHABLE, 0, "Secure connection failed", "Couldn't open a secure connection to "
                    + server.display() + ". Check whether the address should start with http:// or https://.", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            log.info("{} {} at {} failed: {}", method, path, server, e.toString());
            throw unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.INTERRUPTED, 0, "Stopped", "The request was stopped before the server answered.", e);
        }
    }

    private <T> Answer<T> interpret(ServerAddress server, String method, String path, int status, HttpHeaders headers,
                                    byte[] body, JavaType answerType) throws ApiException {
        boolean jsonBody = isJson(headers);
        if (status >= 200 && status < 300) {
            T value = null;
            if (answerType != null) {
                if (!jsonBody) {
                    throw notOrqestra(server, status);
                }
                try {
                    value = json.readValue(body, answerType);
                } catch (IOException e) {
                    log.warn("{} {} at {} answered JSON that is not a {}", method, path, server, answerType, e);
                    throw new ApiException(Kind.UNEXPECTED_ANSWER, status, "Unexpected answer",
                            "The server's answer could not be read. The app and the server may be of different versions.", e);
                }
                if (value == null) {
                    throw notOrqestra(server, status);
                }
            }
            return new Answer<>(value, serverTime(headers));
        }
        Optional<Problem> problem = jsonBody ? problem(body) : Optional.empty();
        Optional<String> detail = problem.map(Problem::detail).filter(d -> !d.isBlank()).map(String::strip);
        String title = problem.map(Problem::title).orElse("");
        log.info("{} {} at {} answered HTTP {}{}", method, path, server, status, detail.map(d -> ": " + d).orElse(""));
        if (status >= 300 && status < 400) {
            String target = headers.firstValue("Location").orElse(null);
            throw new ApiException(Kind.REDIRECTED, status, "Redirected", target == null
                    ? "The server at " + server.display() + " sent the request elsewhere. Check the address with your administrator."
                    : "The server at " + server.display() + " sent the request to " + target
                            + ". Use the address of the Orqestra server itself.", null, target, null);
        }
        if (!jsonBody && (status == 404 || status == 405)) {
            throw notOrqestra(server, status);
        }
        Kind kind = kindOf(status);
        String sentence = switch (kind) {
            case SERVER_ERROR -> "The server ran into a problem (HTTP " + status + ")." + serverErrorDetail(detail);
            default -> detail.orElse(defaultSentence(kind, status));
        };
        throw new ApiException(kind, status, title, sentence, detail.orElse(null), null, null);
    }

    /**
     * What follows "the server ran into a problem": what it said, if anything, and the advice to retry. The
     * advice only once: the server's own sentence for an unexpected failure already ends with it.
     */
    public static String serverErrorDetail(Optional<String> detail) {
        String said = detail.map(d -> " It said: " + d).orElse("");
        return said.contains(KEEPS_HAPPENING) ? said
                : said + " Try again in a moment; " + KEEPS_HAPPENING + ", tell your administrator.";
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.SIGNED_OUT;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 413 -> Kind.TOO_LARGE;
            case 415 -> Kind.UNSUPPORTED_TYPE;
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
            case TOO_LARGE -> "That is larger than the server accepts.";
            case UNSUPPORTED_TYPE -> "The server does not accept this type of file.";
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

    private static Optional<Instant> serverTime(HttpHeaders headers) {
        return headers.firstValue("Date").flatMap(value -> {
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean isJson(HttpHeaders headers) {
        String mediaType = headers.firstValue("Content-Type").orElse("")
                .split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static ApiException unreachable(ServerAddress server, Exception cause) {
        return new ApiException(Kind.UNREACHABLE, 0, "Can't reach the server", "Can't reach the server at "
                + server.display() + ". Check your connection and that the server is running, then try again.", cause);
    }

    private static ApiException notOrqestra(ServerAddress server, int status) {
        return new ApiException(Kind.UNEXPECTED_ANSWER, status, "Not an Orqestra server",
                "The address " + server.display() + " answered, but not like an Orqestra server of this version.");
    }

    private static ApiException unexpected(ServerAddress server, int status) {
        return new ApiException(Kind.UNEXPECTED_ANSWER, status, "Unexpected answer",
                "The server at " + server.display() + " answered HTTP " + status + " where a file was expected.");
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Counts the bytes read from a file on their way to the server. */
    private static final class CountingStream extends FilterInputStream {
        private final long total;
        private final Progress progress;
        private long read;

        CountingStream(InputStream in, long total, Progress progress) {
            super(in);
            this.total = total;
            this.progress = progress;
            progress.sent(0, total);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            read += n;
            progress.sent(read, total);
        }
    }
}
