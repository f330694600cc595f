package id.orqestra.cloud.platform.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes background workers when work may be waiting (a NOTIFY, a local enqueue). Workers also look on
 * their own every poll interval, so a signal that goes astray only delays work, never strands it.
 */
public final class WakeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private long signals;

    /** Work may be waiting: wake every worker that is waiting. */
    public void wakeUp() {
        lock.lock();
        try {
            signals++;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a signal newer than {@code seen} arrives or {@code poll} passes, and returns the count
     * to pass as {@code seen} next time (start with 0). A signal that came while the worker was busy
     * makes it return at once.
     */
    public long await(long seen, Duration poll) throws InterruptedException {
        lock.lock();
        try {
            if (signals == seen) {
                signalled.await(poll.toMillis(), TimeUnit.MILLISECONDS);
            }
            return signals;
        } finally {
            lock.unlock();
        }
    }
}
