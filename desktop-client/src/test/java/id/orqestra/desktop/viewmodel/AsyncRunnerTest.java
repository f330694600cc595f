package id.orqestra.desktop.viewmodel;

import id.orqestra.desktop.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AsyncRunnerTest {

    /** Runs tasks on a thread named "ui", like the FX thread, and records that it did. */
    private static final class UiThread implements Executor {
        final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));

        @Override
        public void execute(Runnable command) {
            thread.execute(command);
        }
    }

    @Test
    void theCallRunsInTheBackgroundAndItsOutcomeOnTheUiThread() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "background"));
        UiThread ui = new UiThread();
        List<String> seen = new CopyOnWriteArrayList<>();
        try {
            new AsyncRunner(background, ui).run(() -> {
                seen.add("call on " + Thread.currentThread().getName());
                return 42;
            }, result -> seen.add("result " + result + " on " + Thread.currentThread().getName()), failure -> seen.add("failure"));

            await().until(() -> seen.size() == 2);
            assertThat(seen).containsExactly("call on background", "result 42 on ui");
        } finally {
            background.shutdownNow();
            ui.thread.shutdownNow();
            background.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerSentenceArrivesAsItIs() {
        List<String> failures = new CopyOnWriteArrayList<>();

        new AsyncRunner(Runnable::run, Runnable::run).run(() -> {
            throw new ApiException(ApiException.Kind.CONFLICT, 409, "Conflict", "There is already a role called 'X'.");
        }, result -> failures.add("no"), failure -> failures.add(failure.getMessage()));

        assertThat(failures).containsExactly("There is already a role called 'X'.");
    }

    @Test
    void aBugOfOursBecomesAPlainSentenceNotAStackTrace() {
        List<String> failures = new CopyOnWriteArrayList<>();

        new AsyncRunner(Runnable::run, Runnable::run).run(() -> {
            throw new IllegalStateException("boom");
        }, result -> failures.add("no"), failure -> failures.add(failure.getMessage()));

        assertThat(failures).containsExactly(AsyncRunner.INTERNAL_ERROR);
    }

    @Test
    void aBackgroundThatRefusesWorkStillEndsInAFailure() {
        List<String> failures = new CopyOnWriteArrayList<>();
        Executor refusing = command -> {
            throw new RejectedExecutionException("shut down");
        };

        new AsyncRunner(refusing, Runnable::run).run(() -> 1, result -> failures.add("no"),
                failure -> failures.add(failure.getMessage()));

        assertThat(failures).containsExactly(AsyncRunner.INTERNAL_ERROR);
    }
}
