package id.orqestra.desktop.viewmodel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs something once after a delay, off the FX thread, for view models that show time passing (a
 * countdown). Tests use {@link #NONE} and move their own clock instead of waiting.
 */
@FunctionalInterface
public interface Ticker {

    /** Never runs anything. */
    Ticker NONE = (delay, action) -> () -> { };

    /** Schedules {@code action} after {@code delay}; the returned Runnable cancels it. */
    Runnable schedule(Duration delay, Runnable action);

    /** One daemon thread shared by the whole app: ticks are rare and their work is tiny. */
    static Ticker daemon() {
        return Shared.TICKER;
    }

    /** Holds the shared thread, started on first use. */
    final class Shared {
        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orqestra-ticker");
            thread.setDaemon(true);
            return thread;
        });
        private static final Ticker TICKER = (delay, action) -> {
            ScheduledFuture<?> future = TIMER.schedule(action, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };

        private Shared() {
        }
    }
}
