package id.orqestra.cloud.outbound;

import id.orqestra.cloud.platform.db.Tx;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps each WhatsApp number under its throughput. Two layers:
 * <ol>
 *   <li>Send slots from the database, evenly spaced at the number's rate (less a small safety margin)
 *   and shared by every backend instance: a batch of claimed jobs takes a block of slots at once.</li>
 *   <li>In this instance, the moments requests actually start: never closer together than the slot
 *   spacing, and never more than the rate within a little over a second — so a pause (garbage
 *   collection, a busy connection pool, a slow upload) that made several slots come due together is
 *   not caught up in a burst.</li>
 * </ol>
 * A 130429 answer pushes the channel's next slot out, so every instance slows down.
 */
@Singleton
public class SendPacer {

    private final Tx tx;
    private final double safety;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    public SendPacer(Tx tx, @Value("${orqestra.outbound.rate-safety:0.05}") double safety) {
        this.tx = tx;
        this.safety = Math.max(0, Math.min(0.5, safety));
    }

    /** Time between two sends on a number allowed {@code perSecond} messages a second. */
    public Duration interval(int perSecond) {
        double seconds = 1.0 / (Math.max(1, perSecond) * (1.0 - safety));
        return Duration.ofNanos((long) Math.ceil(seconds * 1_000_000_000L));
    }

    /**
     * Takes {@code count} consecutive slots on the channel; returns how long from now each one is
     * (measured on the database's clock, so instances with skewed clocks still agree).
     */
    public long[] reserve(long channelId, int perSecond, int count) {
        long spacing = interval(perSecond).toNanos();
        double span = spacing * (double) count / 1_000_000_000.0;
        double firstDelaySeconds = tx.system(h -> h.createQuery("""
                        INSERT INTO outbound_pacing AS p (channel_id, next_slot_at)
                        VALUES (:channel, clock_timestamp() + make_interval(secs => :span))
                        ON CONFLICT (channel_id) DO UPDATE
                           SET next_slot_at = GREATEST(p.next_slot_at, clock_timestamp()) + make_interval(secs => :span)
                        RETURNING EXTRACT(EPOCH FROM (next_slot_at - make_interval(secs => :span) - clock_timestamp()))
                        """)
                .bind("channel", channelId)
                .bind("span", span)
                .mapTo(Double.class)
                .one());
        long first = Math.max(0, (long) (firstDelaySeconds * 1_000_000_000L));
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            delays[i] = first + i * spacing;
        }
        return delays;
    }

    /** Waits, if needed, until one more request on this channel stays within the rate; call just before sending. */
    public void acquire(long channelId, int perSecond) throws InterruptedException {
        windows.computeIfAbsent(channelId, id -> new Window())
                .acquire(Math.max(1, perSecond), interval(perSecond).toNanos());
    }

    /** Meta said the number is over its throughput: no send on the channel starts for {@code pause}. */
    public void slowDown(long channelId, Duration pause) {
        tx.system(h -> h.createUpdate("""
                        INSERT INTO outbound_pacing AS p (channel_id, next_slot_at)
                        VALUES (:channel, clock_timestamp() + make_interval(secs => :pause))
                        ON CONFLICT (channel_id) DO UPDATE
                           SET next_slot_at = GREATEST(p.next_slot_at, clock_timestamp() + make_interval(secs => :pause))
                        """)
                .bind("channel", channelId)
                .bind("pause", pause.toMillis() / 1000.0)
                .execute());
        windows.computeIfAbsent(channelId, id -> new Window()).pauseFor(pause);
    }

    /** The start times of recent requests on one channel. */
    private static final class Window {
        /**
         * A request counts in the window for a little over a second: arrivals at Meta jitter by some
         * milliseconds, so a catch-up after a pause must stay under the rate even if it lands bunched.
         */
        private static final long WINDOW_NANOS = 1_050_000_000L;
        private final ArrayDeque<Long> starts = new ArrayDeque<>();
        /** Read without the monitor, so that a pause can be set while a sender waits holding it. */
        private final java.util.concurrent.atomic.AtomicLong pausedUntil = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

        synchronized void acquire(int limit, long spacingNanos) throws InterruptedException {
            while (true) {
                long now = System.nanoTime();
                while (!starts.isEmpty() && now - starts.peekFirst() >= WINDOW_NANOS) {
                    starts.pollFirst();
                }
                long waitUntil = pausedUntil.get();
                if (!starts.isEmpty()) {
                    waitUntil = Math.max(waitUntil, starts.peekLast() + spacingNanos);
                }
                if (starts.size() >= limit) {
                    waitUntil = Math.max(waitUntil, starts.peekFirst() + WINDOW_NANOS);
                }
                if (waitUntil - now <= 0) {
                    starts.addLast(now);
                    return;
                }
                // holding the monitor while waiting keeps the senders of this channel in line; others are not affected
                long nanos = waitUntil - now;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.parkNanos(this, nanos);
            }
        }

        void pauseFor(Duration pause) {
            long until = System.nanoTime() + pause.toNanos();
            pausedUntil.accumulateAndGet(until, (a, b) -> a - b >= 0 ? a : b);
        }
    }
}
