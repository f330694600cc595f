package id.orqestra.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * The signed-in way to call the Orqestra API ({@code /api/v1/...}), the only one in the app: JSON calls
 * (with an {@code Idempotency-Key} where a retry must not act twice), file uploads and downloads, and
 * the sync WebSocket. Adds the bearer token, and when the server says the token is no longer good,
 * renews the session once and sends the request again. That retry is safe even for POSTs, as the
 * server refuses an unauthenticated request before doing anything. Errors arrive as
 * {@link ApiException}s carrying the server's sentence. Blocking: call it from a background thread.
 * Safe to share between threads and features.
 */
public final class ApiClient {

    static final String API_PREFIX = "api/v1/";

    private final ApiTransport transport;
    private final ApiSession session;

    public ApiClient(ApiTransport transport, ApiSession session) {
        this.transport = Objects.requireNonNull(transport);
        this.session = Objects.requireNonNull(session);
    }

    public ApiSession session() {
        return session;
    }

    /** {@code GET /api/v1/{path}}, e.g. {@code get("team/users", new TypeReference<List<UserView>>() {})}. */
    public <T> T get(String path, TypeReference<T> answer) throws ApiException {
        return call("GET", path, null, type(answer));
    }

    public <T> T get(String path, Class<T> answer) throws ApiException {
        return call("GET", path, null, type(answer));
    }

    public <T> T post(String path, Object body, Class<T> answer) throws ApiException {
        return call("POST", path, body, type(answer));
    }

    /** A POST answered without a body (204). */
    public void post(String path, Object body) throws ApiException {
        call("POST", path, body, null);
    }

    public <T> T put(String path, Object body, Class<T> answer) throws ApiException {
        return call("PUT", path, body, type(answer));
    }

    public <T> T patch(String path, Object body, Class<T> answer) throws ApiException {
        return call("PATCH", path, body, type(answer));
    }

    public void delete(String path) throws ApiException {
        call("DELETE", path, null, null);
    }

    /**
     * A POST the server performs at most once per {@code idempotencyKey}, however often it is sent: the
     * first answer is 201, a repeat gets 200 with what the first one stored.
     */
    public <T> T postOnce(String path, String idempotencyKey, Object body, Class<T> answer) throws ApiException {
        Map<String, String> headers = Map.of("Idempotency-Key", idempotencyKey);
        String fullPath = fullPath(path);
        return withToken(token -> transport.<T>exchange(session.server(), "POST", fullPath, headers, body, token,
                type(answer)).body());
    }

    /** POSTs the bytes of {@code file} as the body with {@code contentType}; {@code progress} hears how far it got. */
    public <T> T upload(String path, Path file, String contentType, ApiTransport.Progress progress, Class<T> answer)
            throws ApiException {
        String fullPath = fullPath(path);
        return withToken(token -> transport.<T>upload(session.server(), fullPath, file, contentType, token, progress,
                type(answer)).body());
    }

    /** Downloads {@code path} to {@code target} (replaced atomically, so a half file is never seen). */
    public void download(String path, Path target) throws ApiException {
        String fullPath = fullPath(path);
        withToken(token -> {
            transport.download(session.server(), fullPath, token, target);
            return null;
        });
    }

    /**
     * Opens the WebSocket at {@code path}, waiting at most {@code timeout}; when the handshake is refused
     * as not signed in, renews the session once and tries again.
     */
    public WebSocket openWebSocket(String path, WebSocket.Listener listener, Duration timeout) throws ApiException {
        String fullPath = fullPath(path);
        String token = session.accessToken();
        try {
            return awaitSocket(transport.openWebSocket(session.server(), fullPath, token, listener), timeout);
        } catch (WebSocketHandshakeException e) {
            if (e.getResponse().statusCode() != 401) {
                throw refusedSocket(e);
            }
            String renewed = session.renewAfterRejection(token);
            try {
                return awaitSocket(transport.openWebSocket(session.server(), fullPath, renewed, listener), timeout);
            } catch (WebSocketHandshakeException again) {
                throw refusedSocket(again);
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T with(String accessToken) throws ApiException;
    }

    /** Runs {@code call} with the current token; when it is refused as signed out, renews once and runs it again. */
    private <T> T withToken(Call<T> call) throws ApiException {
        String token = session.accessToken();
        try {
            return call.with(token);
        } catch (ApiException e) {
            if (e.kind() != Kind.SIGNED_OUT) {
                throw e;
            }
            return call.with(session.renewAfterRejection(token));
        }
    }

    private <T> T call(String method, String path, Object body, JavaType answer) throws ApiException {
        String fullPath = fullPath(path);
        return withToken(token -> transport.<T>exchange(session.server(), method, fullPath, body, token, answer).body());
    }

    private static String fullPath(String path) {
        return API_PREFIX + (path.startsWith("/") ? path.substring(1) : path);
    }

    private WebSocket awaitSocket(CompletableFuture<WebSocket> opening, Duration timeout)
            throws ApiException, WebSocketHandshakeException {
        try {
            return opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                throw handshake;
            }
            throw new ApiException(Kind.UNREACHABLE, 0, "Can't reach the server",
                    "Can't open the live connection to " + session.server().display() + ".", e.getCause());
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new ApiException(Kind.TIMED_OUT, 0, "No answer", "The live connection did not open in time.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.INTERRUPTED, 0, "Stopped", "Stopped before the live connection opened.", e);
        }
    }

    private static ApiException refusedSocket(WebSocketHandshakeException e) {
        // reported as unreachable: the engine waits and tries again, as for any link that did not come up
        return new ApiException(Kind.UNREACHABLE, e.getResponse().statusCode(), "Live connection refused",
                "The server refused the live connection (HTTP " + e.getResponse().statusCode() + ").", e);
    }

    private JavaType type(TypeReference<?> reference) {
        return transport.json().getTypeFactory().constructType(reference);
    }

    private JavaType type(Class<?> type) {
        return transport.json().getTypeFactory().constructType(type);
    }
}
