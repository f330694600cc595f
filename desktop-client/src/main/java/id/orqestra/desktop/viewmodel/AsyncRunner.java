package id.orqestra.desktop.viewmodel;

import id.orqestra.desktop.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs a blocking API call on the background executor and hands its outcome to the UI executor (the
 * FX thread in the app; the calling thread in view-model tests). A bug of ours ends in the log and as
 * a plain sentence, never as a stuck "busy" state.
 */
public final class AsyncRunner {

    /** A call that may fail with a sentence for the person. */
    @FunctionalInterface
    public interface ApiCall<T> {
        T call() throws ApiException;
    }

    /** Shown when something failed that is our fault, not the server's or the network's. */
    public static final String INTERNAL_ERROR = "Something went wrong inside Orqestra. Try again; "
            + "if it keeps happening, tell your administrator.";

    private static final Logger log = LoggerFactory.getLogger(AsyncRunner.class);

    private final Executor background;
    private final Executor ui;

    public AsyncRunner(Executor background, Executor ui) {
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
    }

    /**
     * Calls {@code call} off the UI thread; then, on the UI thread, exactly one of the two consumers.
     * The failure's message is always a sentence fit to show.
     */
    public <T> void run(ApiCall<T> call, Consumer<? super T> onSuccess, Consumer<ApiException> onFailure) {
        try {
            background.execute(() -> {
                T result;
                try {
                    result = call.call();
                } catch (ApiException e) {
                    ui.execute(() -> onFailure.accept(e));
                    return;
                } catch (RuntimeException e) {
                    log.error("A background call failed unexpectedly", e);
                    ui.execute(() -> onFailure.accept(internalError(e)));
                    return;
                }
                ui.execute(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            log.error("Could not start a background call", e);
            ui.execute(() -> onFailure.accept(internalError(e)));
        }
    }

    private static ApiException internalError(RuntimeException cause) {
        return new ApiException(ApiException.Kind.UNEXPECTED_ANSWER, 0, "Something went wrong", INTERNAL_ERROR, cause);
    }
}
