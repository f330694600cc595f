package id.orqestra.model.sync;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Frames on the sync WebSocket ({@code /api/v1/sync/ws?after=C}, bearer token in the
 * {@code Authorization} header or the {@code access_token} query parameter). The server sends the
 * backlog after C and then live events in order; heartbeats keep idle links alive; {@code closing}
 * says why the server is about to hang up (for example a client too slow to keep up, which should
 * catch up over REST and reconnect).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SocketFrame.Events.class, name = "events"),
        @JsonSubTypes.Type(value = SocketFrame.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = SocketFrame.Closing.class, name = "closing"),
})
public sealed interface SocketFrame {

    record Events(List<SyncEvent> events, String cursor) implements SocketFrame {
    }

    record Heartbeat(long serverTimeMillis) implements SocketFrame {
    }

    record Closing(String reason) implements SocketFrame {
    }
}
