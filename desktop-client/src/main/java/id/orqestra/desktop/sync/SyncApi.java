package id.orqestra.desktop.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.Json;
import id.orqestra.model.api.Problem;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.sync.SyncPages;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * The inbox and sync endpoints, called with the signed-in session. Plain JSON calls go through the
 * shared {@link ApiClient}; the two it cannot make — a POST with an {@code Idempotency-Key} header and
 * a file download — and the WebSocket are made here with the same token and the same renew-once rule.
 * (Candidate for merging into the api package once it grows headers and downloads.) Blocking except
 * {@link #openSocket}; never call it on the FX thread.
 */
public class SyncApi {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final ApiClient api;
    private final ApiSession session;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    public SyncApi(ApiClient api) {
        this(api, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build());
    }

    SyncApi(ApiClient api, HttpClient http) {
        this.api = Objects.requireNonNull(api);
        this.session = api.session();
        this.http = Objects.requireNonNull(http);
    }

    public ObjectMapper json() {
        return json;
    }

    public ApiSession session() {
        return session;
    }

    // ---- sync

    public SyncPages.Snapshot snapshot(String pageToken, int limit) throws ApiException {
        return api.get("sync/snapshot?limit=" + limit + (pageToken == null ? "" : "&pageToken=" + encode(pageToken)),
                SyncPages.Snapshot.class);
    }

    public SyncPages.EventPage events(String after, int limit) throws ApiException {
        return api.get("sync/events?after=" + encode(after) + "&limit=" + limit, SyncPages.EventPage.class);
    }

    /**
     * Opens the live socket after {@code cursor}. The future fails with a {@link java.net.http.WebSocketHandshakeException}
     * when the server refuses the handshake (401 for a token that is no longer good).
     */
    public CompletableFuture<WebSocket> openSocket(String cursor, String accessToken, WebSocket.Listener listener) {
        URI http = session.server().resolve("api/v1/sync/ws?after=" + encode(cursor));
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        return this.http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + accessToken)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, listener);
    }

    // ---- conversations

    /**
     * Sends a reply with {@code clientId} as the Idempotency-Key: however often this is retried, the
     * server stores it once (201 the first time, 200 with the same message after).
     */
    public MessageView sendReply(long conversationId, String clientId, String text, Long replyToMessageId)
            throws ApiException {
        byte[] body = write(new InboxRequests.SendMessage(text, replyToMessageId));
        HttpRequest.Builder request = HttpRequest.newBuilder(session.server().resolve(
                        "api/v1/conversations/" + conversationId + "/messages"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, " + Problem.MEDIA_TYPE)
                .header("Idempotency-Key", clientId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = withToken(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw problem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
        return read(response.body(), MessageView.class);
    }

    public List<MessageView> olderMessages(long conversationId, long beforeMessageId, int limit) throws ApiException {
        return api.get("conversations/" + conversationId + "/messages?before=" + beforeMessageId + "&limit=" + limit,
                new TypeReference<List<MessageView>>() {
                });
    }

    public List<NoteView> notes(long conversationId) throws ApiException {
        return api.get("conversations/" + conversationId + "/notes", new TypeReference<List<NoteView>>() {
        });
    }

    public ConversationView assign(long conversationId, Long userId) throws ApiException {
        return api.post("conversations/" + conversationId + "/assign", new InboxRequests.Assign(userId), ConversationView.class);
    }

    public ConversationView resolve(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/resolve", null, ConversationView.class);
    }

    public ConversationView reopen(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/reopen", null, ConversationView.class);
    }

    public ConversationView changeLabels(long conversationId, List<String> add, List<String> remove) throws ApiException {
        return api.post("conversations/" + conversationId + "/labels", new InboxRequests.ChangeLabels(add, remove),
                ConversationView.class);
    }

    public NoteView addNote(long conversationId, String text) throws ApiException {
        return api.post("conversations/" + conversationId + "/notes", new InboxRequests.AddNote(text), NoteView.class);
    }

    public ConversationView markRead(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/read", null, ConversationView.class);
    }

    /** Downloads a message's stored file to {@code target} (replaced atomically, so a half file is never seen). */
    public void downloadMedia(long messageId, Path target) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(session.server().resolve("api/v1/messages/" + messageId + "/media"))
                .timeout(Duration.ofSeconds(60))
                .GET();
        HttpResponse<InputStream> response = withToken(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw problem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), in.readAllBytes());
            }
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApiException(Kind.UNREACHABLE, 0, "Download failed", "The file could not be downloaded: " + e.getMessage(), e);
        }
    }

    // ---- internals

    /** Sends with the current token; when refused as signed out, renews once and sends again. */
    private <T> HttpResponse<T> withToken(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws ApiException {
        String token = session.accessToken();
        HttpResponse<T> response = send(request.copy().header("Authorization", "Bearer " + token).build(), handler);
        if (response.statusCode() == 401) {
            String renewed = session.renewAfterRejection(token);
            response = send(request.copy().header("Authorization", "Bearer " + renewed).build(), handler);
        }
        return response;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws ApiException {
        String server = session.server().display();
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ApiException(Kind.UNREACHABLE, 0, "Can't reach the server", "Can't reach the server at " + server + ".", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(Kind.TIMED_OUT, 0, "No answer", "The server at " + server + " did not answer in time.", e);
        } catch (IOException e) {
            throw new ApiException(Kind.UNREACHABLE, 0, "Can't reach the server", "Can't reach the server at " + server + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.INTERRUPTED, 0, "Stopped", "The request was stopped before the server answered.", e);
        }
    }

    private ApiException problem(int status, String contentType, byte[] body) {
        String detail = null;
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                Problem problem = json.readValue(body, Problem.class);
                detail = problem.detail();
            } catch (IOException e) {
                // not a problem document: fall back to our own sentence
            }
        }
        Kind kind = switch (status) {
            case 401 -> Kind.SIGNED_OUT;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 429 -> Kind.THROTTLED;
            default -> status >= 500 ? Kind.SERVER_ERROR : status >= 400 ? Kind.INVALID : Kind.UNEXPECTED_ANSWER;
        };
        String sentence = detail != null && !detail.isBlank() ? detail.strip()
                : kind == Kind.SERVER_ERROR ? "The server ran into a problem (HTTP " + status + "); Orqestra will try again."
                : "The server did not accept the request (HTTP " + status + ").";
        return new ApiException(kind, status, "", sentence);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(byte[] body, Class<T> type) throws ApiException {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ApiException(Kind.UNEXPECTED_ANSWER, 200, "Unexpected answer",
                    "The server's answer could not be read. The app and the server may be of different versions.", e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "0" : value, StandardCharsets.UTF_8);
    }
}
