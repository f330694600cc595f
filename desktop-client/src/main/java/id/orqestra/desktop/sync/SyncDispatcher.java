package id.orqestra.desktop.sync;

import id.orqestra.desktop.store.StoreChanges;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands what the cache applied to the view models, on the UI executor: one hand-over ({@code
 * Platform.runLater} in the app) per batch, and when batches come faster than the UI takes them, the
 * waiting ones are merged into the one hand-over already queued. Listeners therefore always run on the
 * UI thread and never see the database.
 */
public final class SyncDispatcher {

    private final Executor ui;
    private final List<Consumer<StoreChanges>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private StoreChanges waiting;

    public SyncDispatcher(Executor ui) {
        this.ui = Objects.requireNonNull(ui);
    }

    /** Registers {@code listener}; it runs on the UI thread. */
    public void subscribe(Consumer<StoreChanges> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void unsubscribe(Consumer<StoreChanges> listener) {
        listeners.remove(listener);
    }

    /** Called from any thread after a write to the cache. */
    public void publish(StoreChanges changes) {
        if (changes == null || changes.isEmpty() && changes.newInbound().isEmpty()) {
            return;
        }
        boolean schedule;
        synchronized (lock) {
            schedule = waiting == null;
            waiting = waiting == null ? changes : waiting.merge(changes);
        }
        if (schedule) {
            ui.execute(this::deliver);
        }
    }

    private void deliver() {
        StoreChanges changes;
        synchronized (lock) {
            changes = waiting;
            waiting = null;
        }
        if (changes == null) {
            return;
        }
        for (Consumer<StoreChanges> listener : listeners) {
            listener.accept(changes);
        }
    }
}
