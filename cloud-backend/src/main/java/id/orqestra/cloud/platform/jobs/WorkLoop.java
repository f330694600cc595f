package id.orqestra.cloud.platform.jobs;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The loop every background worker runs: take a step; while steps find work, take the next at once;
 * otherwise wait for a wake-up or the poll interval. A step that fails (the database away, say) is
 * logged and tried again after a pause, so a worker never dies of one bad moment.
 */
public final class WorkLoop {

    /** One round of work; answers whether it found any. */
    @FunctionalInterface
    public interface Step {
        boolean foundWork() throws InterruptedException;
    }

    private final String name;
    private final WakeSignal signal;
    private final Duration poll;
    private final Duration pauseAfterFailure;
    private final Logger log;

    /** {@code name} says in the log who paused, e.g. "Journal worker". */
    public WorkLoop(String name, WakeSignal signal, Duration poll, Duration pauseAfterFailure, Logger log) {
        this.name = Objects.requireNonNull(name);
        this.signal = Objects.requireNonNull(signal);
        this.poll = Objects.requireNonNull(poll);
        this.pauseAfterFailure = Objects.requireNonNull(pauseAfterFailure);
        this.log = Objects.requireNonNull(log);
    }

    /** Runs on the calling thread until {@code running} turns false or the thread is interrupted. */
    public void run(BooleanSupplier running, Step step) {
        long seen = 0;
        while (running.getAsBoolean()) {
            try {
                if (!step.foundWork()) {
                    seen = signal.await(seen, poll);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    return;
                }
                log.warn("{} paused after an error ({}); trying again shortly", name, e.getMessage());
                try {
                    Thread.sleep(pauseAfterFailure.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
