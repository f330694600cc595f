package id.orqestra.desktop.admin;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every admin tab shows while it talks to the server — loading, busy with a change, the last
 * failure as a sentence — and the two ways it talks: fetching its list, and sending one change.
 */
abstract class AdminTabModel {

    protected final AsyncRunner runner;

    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** Whether the error shown is about loading (cleared by the next good load) or about a change. */
    private boolean loadFailed;

    protected AdminTabModel(AsyncRunner runner) {
        this.runner = Objects.requireNonNull(runner);
    }

    /** True while the list is being fetched. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while a change is being sent; the tab takes no other change meanwhile. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last failure as a sentence; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void clearError() {
        error.set("");
    }

    /** Fetches the tab's contents again. */
    public abstract void load();

    protected final boolean isBusy() {
        return busy.get();
    }

    /** Shows a refusal the view model decided on itself, without asking the server. */
    protected final void refuse(String sentence) {
        error.set(sentence);
    }

    /** Fetches off the UI thread and hands the result to {@code show}; a failure shows as the error. */
    protected final <T> void fetch(AsyncRunner.ApiCall<T> call, Consumer<? super T> show) {
        loading.set(true);
        runner.run(call, loaded -> {
            loading.set(false);
            if (loadFailed) {
                // the failure was about loading, which now worked; a failed change stays explained
                error.set("");
                loadFailed = false;
            }
            show.accept(loaded);
        }, failure -> {
            loading.set(false);
            loadFailed = true;
            error.set(failure.getMessage());
        });
    }

    /**
     * Sends one change while the tab shows itself busy. On failure the sentence shows and
     * {@code afterFailure} puts the screen back as it really is.
     */
    protected final <T> void change(AsyncRunner.ApiCall<T> call, Consumer<? super T> onSaved,
                                    Consumer<ApiException> afterFailure) {
        busy.set(true);
        error.set("");
        runner.run(call, saved -> {
            busy.set(false);
            onSaved.accept(saved);
        }, failure -> {
            busy.set(false);
            error.set(failure.getMessage());
            afterFailure.accept(failure);
        });
    }

    /** After a failed change: what it was about was removed meanwhile, so the list is out of date. */
    protected final void reloadIfGone(ApiException failure) {
        if (failure.kind() == ApiException.Kind.NOT_FOUND) {
            load();
        }
    }
}
