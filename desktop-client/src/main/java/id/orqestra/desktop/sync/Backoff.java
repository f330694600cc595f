package id.orqestra.desktop.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Waiting times between reconnection attempts: doubling from {@code first} up to {@code max}, each
 * drawn at random from the upper half of that range ("equal jitter"), so that many desktops losing the
 * same server do not all come back in the same millisecond, yet none retries much sooner than planned.
 */
public record Backoff(Duration first, Duration max, DoubleSupplier random) {

    public Backoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        Objects.requireNonNull(random);
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
    }

    public static Backoff of(Duration first, Duration max) {
        return new Backoff(first, max, Math::random);
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failed attempts in a row (≥ 1). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }
}
