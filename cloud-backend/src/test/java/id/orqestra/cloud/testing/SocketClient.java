package id.orqestra.cloud.testing;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.sync.SocketFrame;
import id.orqestra.model.sync.SyncEvent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A WebSocket client for the sync socket that records every frame and how the connection ended. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    public final List<SocketFrame> frames = new CopyOnWriteArrayList<>();
    public final List<SyncEvent> events = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private SocketClient(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code /api/v1/sync/ws?after=…}; a non-reading client never takes frames off the wire. */
    public static SocketClient connect(URI server, String token, String after, boolean reading) {
        SocketClient client = new SocketClient(reading);
        URI uri = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/api/v1/sync/ws?after=" + after);
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            SocketFrame frame = Json.read(partial.toString(), SocketFrame.class);
            partial.setLength(0);
            frames.add(frame);
            if (frame instanceof SocketFrame.Events batch) {
                events.addAll(batch.events());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.complete(-1);
    }

    /** Starts reading (for a client created as non-reading). */
    public void startReading() {
        socket.request(1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
