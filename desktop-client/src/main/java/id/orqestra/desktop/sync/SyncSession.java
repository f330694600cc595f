package id.orqestra.desktop.sync;

import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.model.auth.Session;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything the inbox needs for one signed-in user on one server: the local cache (one file per server
 * and user), the server's inbox endpoints, the sync engine, the dispatcher and the media files. Opened
 * at sign-in, closed at sign-out. Opening touches the disk: do it off the FX thread.
 */
public final class SyncSession implements AutoCloseable {

    private final Session.UserProfile user;
    private final InboxStore store;
    private final SyncApi api;
    private final SyncDispatcher dispatcher;
    private final SyncEngine engine;
    private final MediaCache media;
    private final Executor background;
    private final Executor ui;

    public SyncSession(Session.UserProfile user, InboxStore store, SyncApi api, Executor background, Executor ui,
                       SyncEngine.Settings settings) {
        this.user = Objects.requireNonNull(user);
        this.store = Objects.requireNonNull(store);
        this.api = Objects.requireNonNull(api);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.dispatcher = new SyncDispatcher(ui);
        this.engine = new SyncEngine(store, api, dispatcher, ui, background, settings);
        Path mediaFolder = store.file().resolveSibling(store.file().getFileName().toString().replace(".sqlite", "") + "-media");
        this.media = new MediaCache(mediaFolder, api);
        engine.observeDelivered((entry, stored) -> {
            if (entry.kind() == OutboxEntry.Kind.MEDIA && entry.attachment() != null) {
                media.adopt(stored, Path.of(entry.attachment().path()));
            } else if (entry.attachment() != null) {
                try {
                    java.nio.file.Files.deleteIfExists(Path.of(entry.attachment().path()));
                } catch (java.io.IOException e) {
                    // a leftover copy is deleted at the next start
                }
            }
        });
    }

    /** Opens the cache of the signed-in user under {@code desktopDirectory} and wires the rest; does not start syncing. */
    public static SyncSession open(Path desktopDirectory, ApiClient client, Executor background, Executor ui,
                                   SyncEngine.Settings settings) {
        Session.UserProfile user = client.session().current().user();
        InboxStore store = InboxStore.open(InboxStore.fileFor(desktopDirectory, client.session().server().display(), user.id()));
        return new SyncSession(user, store, new SyncApi(client), background, ui, settings);
    }

    public Session.UserProfile user() {
        return user;
    }

    public InboxStore store() {
        return store;
    }

    public SyncApi api() {
        return api;
    }

    public SyncDispatcher dispatcher() {
        return dispatcher;
    }

    public SyncEngine engine() {
        return engine;
    }

    public MediaCache media() {
        return media;
    }

    public Executor background() {
        return background;
    }

    public Executor ui() {
        return ui;
    }

    public void start() {
        engine.start();
    }

    @Override
    public void close() {
        engine.close();
        media.close();
        store.close();
    }
}
