package id.orqestra.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;

import java.util.Objects;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * The signed-in way to call the Orqestra API ({@code /api/v1/...}): adds the bearer token, and when
 * the server says the token is no longer good, renews the session once and sends the request again.
 * That retry is safe even for POSTs, as the server refuses an unauthenticated request before doing
 * anything. Errors arrive as {@link ApiException}s carrying the server's sentence. Blocking: call it
 * from a background thread. Safe to share between threads and features.
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

    private <T> T call(String method, String path, Object body, JavaType answer) throws ApiException {
        String fullPath = API_PREFIX + (path.startsWith("/") ? path.substring(1) : path);
        String token = session.accessToken();
        try {
            return transport.<T>exchange(session.server(), method, fullPath, body, token, answer).body();
        } catch (ApiException e) {
            if (e.kind() != Kind.SIGNED_OUT) {
                throw e;
            }
            String renewed = session.renewAfterRejection(token);
            return transport.<T>exchange(session.server(), method, fullPath, body, renewed, answer).body();
        }
    }

    private JavaType type(TypeReference<?> reference) {
        return transport.json().getTypeFactory().constructType(reference);
    }

    private JavaType type(Class<?> type) {
        return transport.json().getTypeFactory().constructType(type);
    }
}
