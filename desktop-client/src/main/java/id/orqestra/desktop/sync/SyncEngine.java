package id.orqestra.desktop.sync;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.sync.SocketFrame;
import id.orqestra.model.sync.SyncPages;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the local cache in step with the server and sends the outbox. On its own single thread: a
 * snapshot on the first run (empty cache), then catch-up over REST from the stored cursor, then the live
 * WebSocket; when the link breaks, reconnects with exponential backoff and jitter and catches up again.
 * Every batch is applied to the store in one transaction with its cursor and handed to the
 * {@link SyncDispatcher}. Replies are written to the outbox first (so they show at once and survive a
 * restart) and sent with their client id as the Idempotency-Key until the server has them.
 */
public final class SyncEngine implements AutoCloseable {

    /** Application close codes of the sync socket. */
    static final int CLOSE_UNAUTHORIZED = 4401;
    static final int CLOSE_TOO_SLOW = 4408;

    /** How the engine paces itself. {@code silenceLimit}: a link with no frame for this long is taken as dead. */
    public record Settings(Backoff backoff, Duration silenceLimit, int eventPageSize, int snapshotPageSize) {
        public static Settings defaults() {
            return new Settings(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30)), Duration.ofSeconds(50), 1000, 200);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final InboxStore store;
    private final SyncApi api;
    private final SyncDispatcher dispatcher;
    private final Executor ui;
    private final Executor background;
    private final Settings settings;
    private final ScheduledExecutorService thread;
    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(this, "state", LinkState.CONNECTING);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private volatile LinkState currentState = LinkState.CONNECTING;
    private volatile boolean stopped;
    private volatile Consumer<SocketFrame.Events> frameObserver = frame -> { };

    // owned by the engine's thread
    private WebSocket socket;
    private int socketGeneration;
    private int failures;
    private int outboxFailures;
    private long lastFrameNanos;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> outboxRetry;

    public SyncEngine(InboxStore store, SyncApi api, SyncDispatcher dispatcher, Executor ui, Executor background,
                      Settings settings) {
        this.store = Objects.requireNonNull(store);
        this.api = Objects.requireNonNull(api);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        this.settings = Objects.requireNonNull(settings);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "orqestra-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts synchronising; returns at once. */
    public void start() {
        // messages stored by an earlier run that stopped before indexing them
        onThread(store::indexForSearch);
        long checkEvery = Math.max(1000, settings.silenceLimit().toMillis() / 5);
        thread.scheduleWithFixedDelay(this::checkSilence, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        onThread(this::connect);
    }

    /** The link as the offline indicator shows it; changes on the UI thread. */
    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the link is down, in words; empty while online. Changes on the UI thread. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The link state right now, from any thread. */
    public LinkState currentState() {
        return currentState;
    }

    public InboxStore store() {
        return store;
    }

    public SyncDispatcher dispatcher() {
        return dispatcher;
    }

    /** Hears every events frame as it arrives, on the socket's thread (for measuring latency). */
    public void observeFrames(Consumer<SocketFrame.Events> observer) {
        frameObserver = Objects.requireNonNull(observer);
    }

    /**
     * Writes a reply to the outbox (shown at once, kept across restarts) and sends it as soon as the
     * link allows. Returns at once; the future completes when the entry is stored locally.
     */
    public CompletableFuture<OutboxEntry> sendReply(long conversationId, String text, Long replyToMessageId) {
        OutboxEntry entry = new OutboxEntry(UUID.randomUUID().toString(), conversationId, text, replyToMessageId,
                Instant.now(), OutboxEntry.State.PENDING, 0, null);
        return CompletableFuture.supplyAsync(() -> {
            dispatcher.publish(store.enqueueReply(entry));
            onThread(this::sendOutboxOrReconnect);
            return entry;
        }, background);
    }

    /** Tries a reply the server refused once more, with the same key. */
    public CompletableFuture<Void> retryReply(String clientId) {
        return CompletableFuture.runAsync(() -> {
            dispatcher.publish(store.retryOutbox(clientId));
            onThread(this::sendOutboxOrReconnect);
        }, background);
    }

    /** Drops a reply the server never stored. */
    public CompletableFuture<Void> discardReply(String clientId) {
        return CompletableFuture.runAsync(() -> dispatcher.publish(store.discardOutbox(clientId)), background);
    }

    /** Connects again now instead of waiting out the backoff (the "Try now" of the offline indicator). */
    public void reconnectNow() {
        onThread(() -> {
            if (socket == null) {
                connect();
            }
        });
    }

    /** Publishes what a REST call changed in the cache, the same way sync batches are, and indexes new messages. */
    public void publish(StoreChanges changes) {
        dispatcher.publish(changes);
        if (!changes.messages().isEmpty()) {
            store.indexForSearch();
        }
    }

    @Override
    public void close() {
        stopped = true;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                cancelTimers();
                dropSocket("closing");
                closed.complete(null);
            });
            closed.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException | ExecutionException | TimeoutException e) {
            log.debug("The sync thread did not close the socket in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        setState(LinkState.STOPPED, "");
    }

    // ---------------------------------------------------------------- on the engine's thread

    private void connect() {
        if (stopped) {
            return;
        }
        cancelReconnect();
        dropSocket("reconnecting");
        if (currentState != LinkState.ONLINE) {
            setState(LinkState.CONNECTING, problem.get());
        }
        try {
            if (store.cursor().isEmpty()) {
                loadSnapshot();
            }
            catchUp();
            openSocket();
            failures = 0;
            setState(LinkState.ONLINE, "");
            sendOutbox();
        } catch (ApiException e) {
            linkFailed(e);
        } catch (RuntimeException e) {
            log.error("Synchronising failed unexpectedly", e);
            linkFailed(new ApiException(ApiException.Kind.UNEXPECTED_ANSWER, 0, "", "Synchronising failed: " + e.getMessage(), e));
        }
    }

    private void loadSnapshot() throws ApiException {
        String pageToken = null;
        do {
            SyncPages.Snapshot page = api.snapshot(pageToken, settings.snapshotPageSize());
            dispatcher.publish(store.applySnapshotPage(page));
            store.indexForSearch();
            pageToken = page.nextPageToken();
        } while (pageToken != null && !stopped);
    }

    private void catchUp() throws ApiException {
        String cursor = store.cursor().orElse("0");
        while (!stopped) {
            SyncPages.EventPage page = api.events(cursor, settings.eventPageSize());
            if (page.events() != null && !page.events().isEmpty() || !page.cursor().equals(cursor)) {
                dispatcher.publish(store.apply(page.events(), page.cursor()));
                store.indexForSearch();
                cursor = page.cursor();
            }
            if (!page.hasMore()) {
                return;
            }
        }
    }

    private void openSocket() throws ApiException {
        String cursor = store.cursor().orElse("0");
        int generation = ++socketGeneration;
        String token = api.session().accessToken();
        try {
            socket = awaitSocket(api.openSocket(cursor, token, new Listener(generation)));
        } catch (WebSocketHandshakeException e) {
            if (e.getResponse().statusCode() != 401) {
                throw unreachable("The server refused the live connection (HTTP " + e.getResponse().statusCode() + ").", e);
            }
            // the access token lapsed between catch-up and now: renew once and try again
            String renewed = api.session().renewAfterRejection(token);
            try {
                socket = awaitSocket(api.openSocket(cursor, renewed, new Listener(generation)));
            } catch (WebSocketHandshakeException again) {
                throw unreachable("The server refused the live connection (HTTP " + again.getResponse().statusCode() + ").", again);
            }
        }
        lastFrameNanos = System.nanoTime();
    }

    private WebSocket awaitSocket(CompletableFuture<WebSocket> opening) throws ApiException, WebSocketHandshakeException {
        try {
            return opening.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                throw handshake;
            }
            throw unreachable("Can't open the live connection to " + api.session().server().display() + ".", e.getCause());
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new ApiException(ApiException.Kind.TIMED_OUT, 0, "", "The live connection did not open in time.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Kind.INTERRUPTED, 0, "", "Stopped.", e);
        }
    }

    private void onFrame(int generation, SocketFrame frame) {
        if (generation != socketGeneration || stopped) {
            return;
        }
        lastFrameNanos = System.nanoTime();
        switch (frame) {
            case SocketFrame.Events events -> {
                try {
                    dispatcher.publish(store.apply(events.events(), events.cursor()));
                    store.indexForSearch();
                } catch (RuntimeException e) {
                    // the cursor did not move: the same events come again after reconnecting
                    log.error("Applying live events up to {} failed; reconnecting", events.cursor(), e);
                    dropSocket("apply failed");
                    scheduleReconnect("The local cache could not be updated: " + e.getMessage());
                }
            }
            case SocketFrame.Heartbeat ignored -> { }
            case SocketFrame.Closing closing -> log.info("The server is closing the live connection: {}", closing.reason());
        }
    }

    private void onSocketClosed(int generation, int code, String reason) {
        if (generation != socketGeneration || stopped) {
            return;
        }
        socket = null;
        log.info("Live connection closed ({}{})", code, reason == null || reason.isBlank() ? "" : ": " + reason);
        if (code == CLOSE_TOO_SLOW) {
            // we fell behind: catch up over REST straight away, then go live again
            onThread(this::connect);
        } else if (code == CLOSE_UNAUTHORIZED) {
            try {
                api.session().renewAfterRejection(api.session().accessToken());
                onThread(this::connect);
            } catch (ApiException e) {
                linkFailed(e);
            }
        } else {
            scheduleReconnect("The live connection to " + api.session().server().display() + " was lost.");
        }
    }

    private void checkSilence() {
        if (socket != null && System.nanoTime() - lastFrameNanos > settings.silenceLimit().toNanos()) {
            log.info("No word from the server for {} s; reconnecting", settings.silenceLimit().toSeconds());
            dropSocket("silent");
            scheduleReconnect("The server stopped answering.");
        }
    }

    private void linkFailed(ApiException e) {
        dropSocket("failed");
        if (e.kind() == ApiException.Kind.SIGNED_OUT) {
            cancelTimers();
            setState(LinkState.SIGNED_OUT, e.getMessage());
            return;
        }
        log.info("Sync link down: {}", e.getMessage());
        scheduleReconnect(e.getMessage());
    }

    private void scheduleReconnect(String why) {
        if (stopped) {
            return;
        }
        failures++;
        setState(LinkState.OFFLINE, why);
        cancelReconnect();
        Duration delay = settings.backoff().delay(failures);
        reconnect = thread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendOutboxOrReconnect() {
        if (socket != null) {
            sendOutbox();
        } else if (currentState == LinkState.OFFLINE) {
            // a new reply is a good moment to look whether the link is back
            connect();
        }
    }

    /** Sends every pending reply, oldest first; stops at the first that cannot go now and retries later. */
    private void sendOutbox() {
        if (stopped) {
            return;
        }
        if (outboxRetry != null) {
            outboxRetry.cancel(false);
            outboxRetry = null;
        }
        for (OutboxEntry entry : store.pendingOutbox()) {
            try {
                MessageView stored = api.sendReply(entry.conversationId(), entry.clientId(), entry.text(), entry.replyToMessageId());
                dispatcher.publish(store.completeOutbox(entry.clientId(), stored));
                store.indexForSearch();
                outboxFailures = 0;
            } catch (ApiException e) {
                switch (e.kind()) {
                    case UNREACHABLE, TIMED_OUT, SERVER_ERROR, THROTTLED, INTERRUPTED -> {
                        // maybe stored, maybe not: the same key next time makes it exactly once either way
                        store.recordAttempt(entry.clientId(), e.getMessage());
                        outboxFailures++;
                        Duration delay = settings.backoff().delay(outboxFailures);
                        outboxRetry = thread.schedule(this::sendOutbox, delay.toMillis(), TimeUnit.MILLISECONDS);
                        return;
                    }
                    case SIGNED_OUT -> {
                        linkFailed(e);
                        return;
                    }
                    default -> dispatcher.publish(store.failOutbox(entry.clientId(), e.getMessage()));
                }
            } catch (RuntimeException e) {
                log.error("Sending reply {} failed unexpectedly", entry.clientId(), e);
                dispatcher.publish(store.failOutbox(entry.clientId(), "Orqestra could not send this reply: " + e.getMessage()));
            }
        }
    }

    private void dropSocket(String why) {
        WebSocket current = socket;
        socket = null;
        socketGeneration++;
        if (current != null) {
            current.abort();
            log.debug("Dropped the live connection ({})", why);
        }
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    private void cancelTimers() {
        cancelReconnect();
        if (outboxRetry != null) {
            outboxRetry.cancel(false);
            outboxRetry = null;
        }
    }

    private void setState(LinkState newState, String why) {
        currentState = newState;
        String sentence = why == null ? "" : why;
        ui.execute(() -> {
            state.set(newState);
            problem.set(sentence);
        });
    }

    private void onThread(Runnable work) {
        if (stopped) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Sync work failed unexpectedly", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("The sync engine is stopped; dropped work");
        }
    }

    private static ApiException unreachable(String sentence, Throwable cause) {
        return new ApiException(ApiException.Kind.UNREACHABLE, 0, "", sentence, cause);
    }

    /** Reads the socket's frames (which may arrive in parts) and hands whole ones to the engine's thread. */
    private final class Listener implements WebSocket.Listener {
        private final int generation;
        private final StringBuilder partial = new StringBuilder();

        Listener(int generation) {
            this.generation = generation;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    SocketFrame frame = api.json().readValue(text, SocketFrame.class);
                    if (frame instanceof SocketFrame.Events events) {
                        frameObserver.accept(events);
                    }
                    onThread(() -> onFrame(generation, frame));
                } catch (IOException e) {
                    log.warn("Ignored a socket frame this version cannot read: {}", e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onThread(() -> onSocketClosed(generation, statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onThread(() -> onSocketClosed(generation, -1, String.valueOf(error.getMessage())));
        }
    }

    /** For tests and the benchmark: the cursor the cache holds now. */
    public Optional<String> cursor() {
        return store.cursor();
    }
}
