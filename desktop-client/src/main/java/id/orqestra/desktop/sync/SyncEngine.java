package id.orqestra.desktop.sync;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.outbound.MediaUpload;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
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
    private final List<BiConsumer<String, Double>> uploadObservers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<OutboxEntry, MessageView>> deliveredObservers = new CopyOnWriteArrayList<>();
    private final Path outboxFolder;
    /** One file goes up at a time, beside the engine's thread. */
    private final ExecutorService uploads;
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastWrittenAt = new java.util.concurrent.atomic.AtomicReference<>();

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
        this.uploads = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "orqestra-upload");
            t.setDaemon(true);
            return t;
        });
        this.outboxFolder = store.file().resolveSibling(store.file().getFileName().toString().replace(".sqlite", "") + "-outbox");
    }

    /** Starts synchronising; returns at once. */
    public void start() {
        // messages stored by an earlier run that stopped before indexing them
        onThread(store::indexForSearch);
        onThread(this::deleteLeftoverCopies);
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
     * Hears how far the upload of an outbox entry's file has got (client id, 0 to 1), on the upload
     * thread; at most once per percent.
     */
    public void observeUploads(BiConsumer<String, Double> observer) {
        uploadObservers.add(Objects.requireNonNull(observer));
    }

    /** Hears each outbox entry the server has stored, with the server's copy, on the engine's thread. */
    public void observeDelivered(BiConsumer<OutboxEntry, MessageView> observer) {
        deliveredObservers.add(Objects.requireNonNull(observer));
    }

    /**
     * Writes a reply to the outbox (shown at once, kept across restarts) and sends it as soon as the
     * link allows. Returns at once; the future completes when the entry is stored locally.
     */
    public CompletableFuture<OutboxEntry> sendReply(long conversationId, String text, Long replyToMessageId) {
        Instant at = writtenAt();
        return enqueue(() -> OutboxEntry.text(newClientId(), conversationId, text, replyToMessageId, at));
    }

    /**
     * Sends a file (with its caption) as a reply. The file is copied into the outbox first, so the reply
     * survives a restart and the original being moved; offline, it waits there and goes up when the link
     * returns. {@code file} must already have passed {@link id.orqestra.desktop.inbox.AttachmentRules}.
     */
    public CompletableFuture<OutboxEntry> sendFile(long conversationId, Path file, String mimeType,
                                                   MessageContent.MediaKind kind, String caption, Long replyToMessageId) {
        Instant at = writtenAt();
        return enqueue(() -> {
            String clientId = newClientId();
            return OutboxEntry.media(clientId, conversationId, keepCopy(clientId, file, mimeType, kind), caption,
                    replyToMessageId, at);
        });
    }

    /**
     * Sends an approved WhatsApp template with its values; {@code headerFile} (may be null) is the
     * picture, video or document of a media header, kept and uploaded like an attached file.
     */
    public CompletableFuture<OutboxEntry> sendTemplate(long conversationId, InboxRequests.TemplateMessage template,
                                                       Path headerFile, String headerMimeType,
                                                       MessageContent.MediaKind headerKind, String renderedText) {
        Instant at = writtenAt();
        return enqueue(() -> {
            String clientId = newClientId();
            OutboxEntry.Attachment header = headerFile == null ? null
                    : keepCopy(clientId, headerFile, headerMimeType, headerKind);
            return OutboxEntry.template(clientId, conversationId, template, header, renderedText, at);
        });
    }

    /** Answers an Instagram comment under the post, or once privately in the commenter's direct messages. */
    public CompletableFuture<OutboxEntry> sendCommentReply(long conversationId, long commentMessageId, boolean privately,
                                                           String text) {
        Instant at = writtenAt();
        return enqueue(() -> OutboxEntry.commentReply(newClientId(), conversationId, commentMessageId, privately, text, at));
    }

    /** Tries a reply the server refused once more, with the same key. */
    public CompletableFuture<Void> retryReply(String clientId) {
        return CompletableFuture.runAsync(() -> {
            dispatcher.publish(store.retryOutbox(clientId));
            onThread(this::sendOutboxOrReconnect);
        }, background);
    }

    /** Drops a reply the server never stored, and the outbox's copy of its file. */
    public CompletableFuture<Void> discardReply(String clientId) {
        return CompletableFuture.runAsync(() -> {
            Optional<OutboxEntry> entry = store.outboxEntry(clientId);
            dispatcher.publish(store.discardOutbox(clientId));
            entry.ifPresent(this::deleteCopy);
        }, background);
    }

    /** Where attached files wait until the server has them. */
    public Path outboxFolder() {
        return outboxFolder;
    }

    private CompletableFuture<OutboxEntry> enqueue(java.util.function.Supplier<OutboxEntry> make) {
        return CompletableFuture.supplyAsync(() -> {
            OutboxEntry entry = make.get();
            dispatcher.publish(store.enqueueReply(entry));
            onThread(this::sendOutboxOrReconnect);
            return entry;
        }, background);
    }

    private static String newClientId() {
        return UUID.randomUUID().toString();
    }

    /** Now, but always after the previous entry: the outbox sends in this order, so it must be the order written. */
    private Instant writtenAt() {
        return lastWrittenAt.updateAndGet(last -> {
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            return last != null && !now.isAfter(last) ? last.plusMillis(1) : now;
        });
    }

    private OutboxEntry.Attachment keepCopy(String clientId, Path file, String mimeType, MessageContent.MediaKind kind) {
        try {
            Files.createDirectories(outboxFolder);
            String name = file.getFileName().toString();
            Path copy = outboxFolder.resolve(clientId + "-" + name.replaceAll("[^A-Za-z0-9._-]+", "_"));
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            return new OutboxEntry.Attachment(copy.toString(), name, mimeType, kind, Files.size(copy), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The file " + file.getFileName() + " could not be read: " + e.getMessage(), e);
        }
    }

    private void deleteCopy(OutboxEntry entry) {
        if (entry.attachment() != null) {
            try {
                Files.deleteIfExists(Path.of(entry.attachment().path()));
            } catch (IOException e) {
                log.debug("Could not delete the outbox copy {}", entry.attachment().path(), e);
            }
        }
    }

    /** Copies of files whose entries are gone (sent while the app was closing, say) are deleted at start. */
    private void deleteLeftoverCopies() {
        if (!Files.isDirectory(outboxFolder)) {
            return;
        }
        Set<String> needed = store.outboxFiles();
        try (java.util.stream.Stream<Path> files = Files.list(outboxFolder)) {
            files.filter(file -> !needed.contains(file.toString())).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("Could not delete the leftover outbox copy {}", file, e);
                }
            });
        } catch (IOException e) {
            log.debug("Could not look through the outbox folder", e);
        }
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
        uploads.shutdownNow();
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
        socket = api.openSocket(cursor, new Listener(generation));
        lastFrameNanos = System.nanoTime();
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

    /**
     * Sends every pending reply, oldest first; stops at the first that cannot go now and retries later.
     * A file still to upload goes up on its own thread (so live updates keep flowing meanwhile), and the
     * replies after it wait, so that the customer gets them in the order they were written.
     */
    private void sendOutbox() {
        if (stopped) {
            return;
        }
        if (outboxRetry != null) {
            outboxRetry.cancel(false);
            outboxRetry = null;
        }
        for (OutboxEntry entry : store.pendingOutbox()) {
            if (entry.attachment() != null && entry.attachment().uploadId() == null) {
                if (uploading.add(entry.clientId())) {
                    uploads.execute(() -> upload(entry));
                }
                return;
            }
            try {
                MessageView stored = deliver(entry);
                deliveredObservers.forEach(observer -> observer.accept(entry, stored));
                dispatcher.publish(store.completeOutbox(entry, stored));
                store.indexForSearch();
                outboxFailures = 0;
            } catch (ApiException e) {
                if (!outboxFailed(entry, e)) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Sending reply {} failed unexpectedly", entry.clientId(), e);
                dispatcher.publish(store.failOutbox(entry.clientId(), "Orqestra could not send this reply: " + e.getMessage()));
            }
        }
    }

    /** The request for an entry whose file, if any, is uploaded already. */
    private MessageView deliver(OutboxEntry entry) throws ApiException {
        return switch (entry.kind()) {
            case TEXT -> api.send(entry.conversationId(), entry.clientId(),
                    new InboxRequests.SendMessage(entry.text(), entry.replyToMessageId()));
            case MEDIA -> api.send(entry.conversationId(), entry.clientId(), new InboxRequests.SendMessage(null,
                    entry.replyToMessageId(), null, outgoing(entry.attachment(), entry.text()), null, null));
            case TEMPLATE -> {
                InboxRequests.TemplateMessage template = entry.template();
                if (entry.attachment() != null) {
                    template = new InboxRequests.TemplateMessage(template.name(), template.language(), template.header(),
                            outgoing(entry.attachment(), null), template.body(), template.buttons());
                }
                yield api.send(entry.conversationId(), entry.clientId(),
                        new InboxRequests.SendMessage(null, entry.replyToMessageId(), null, null, template, null));
            }
            case PUBLIC_REPLY -> api.publicReply(entry.targetMessageId(), entry.clientId(), entry.text());
            case PRIVATE_REPLY -> api.privateReply(entry.targetMessageId(), entry.clientId(), entry.text());
        };
    }

    private static InboxRequests.OutgoingMedia outgoing(OutboxEntry.Attachment file, String caption) {
        boolean document = file.kind() == MessageContent.MediaKind.DOCUMENT;
        return new InboxRequests.OutgoingMedia(file.kind().name(), file.uploadId(), null,
                caption == null || caption.isBlank() ? null : caption, document ? file.fileName() : null);
    }

    /**
     * Acts on a refused or unanswered send (engine thread). Returns true when the entry failed for good
     * and the next one may go; false when the outbox waits (retry scheduled, or signed out).
     */
    private boolean outboxFailed(OutboxEntry entry, ApiException e) {
        switch (e.kind()) {
            case UNREACHABLE, TIMED_OUT, SERVER_ERROR, THROTTLED, INTERRUPTED -> {
                // maybe stored, maybe not: the same key next time makes it exactly once either way
                store.recordAttempt(entry.clientId(), e.getMessage());
                outboxFailures++;
                Duration delay = settings.backoff().delay(outboxFailures);
                if (outboxRetry != null) {
                    outboxRetry.cancel(false);
                }
                outboxRetry = thread.schedule(this::sendOutbox, delay.toMillis(), TimeUnit.MILLISECONDS);
                return false;
            }
            case SIGNED_OUT -> {
                linkFailed(e);
                return false;
            }
            default -> {
                dispatcher.publish(store.failOutbox(entry.clientId(), e.getMessage(), e.title()));
                return true;
            }
        }
    }

    /** Uploads an entry's file (upload thread), then hands the outbox back to the engine's thread. */
    private void upload(OutboxEntry entry) {
        OutboxEntry.Attachment file = entry.attachment();
        try {
            Path path = Path.of(file.path());
            if (!Files.isRegularFile(path)) {
                throw new ApiException(ApiException.Kind.INVALID, 0, "", "The file " + file.fileName()
                        + " is no longer on this computer. Discard this reply and attach the file again.");
            }
            int[] lastPercent = {-1};
            MediaUpload uploaded = api.uploadMedia(path, file.mimeType(), file.fileName(), (sent, total) -> {
                int percent = total <= 0 ? 100 : (int) (sent * 100 / total);
                if (percent != lastPercent[0]) {
                    lastPercent[0] = percent;
                    uploadObservers.forEach(observer -> observer.accept(entry.clientId(), percent / 100.0));
                }
            });
            store.recordUpload(entry.clientId(), file.withUploadId(uploaded.uploadId()));
            onThread(() -> {
                uploading.remove(entry.clientId());
                outboxFailures = 0;
                sendOutbox();
            });
        } catch (ApiException e) {
            onThread(() -> {
                uploading.remove(entry.clientId());
                if (outboxFailed(entry, e)) {
                    sendOutbox();
                }
            });
        } catch (RuntimeException e) {
            log.error("Uploading the file of reply {} failed unexpectedly", entry.clientId(), e);
            onThread(() -> {
                uploading.remove(entry.clientId());
                dispatcher.publish(store.failOutbox(entry.clientId(), "Orqestra could not upload this file: " + e.getMessage()));
                sendOutbox();
            });
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
