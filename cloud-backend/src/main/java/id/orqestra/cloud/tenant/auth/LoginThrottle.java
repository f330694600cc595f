package id.orqestra.cloud.tenant.auth;

import id.orqestra.cloud.platform.web.ApiException;
import io.micronaut.http.HttpStatus;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows down password guessing per email: after three failures each further try must wait twice as
 * long as the one before (1 s, 2 s, 4 s … up to a minute); after ten the account is locked for
 * fifteen minutes. A successful sign-in clears the count.
 */
final class LoginThrottle {

    static final int FREE_ATTEMPTS = 3;
    static final int LOCK_AFTER = 10;
    static final Duration LOCK = Duration.ofMinutes(15);

    private LoginThrottle() {
    }

    /** Refuses with 429 when this email must wait; otherwise returns quietly. */
    static void checkAllowed(Handle h, String email, Instant now) {
        h.createQuery("SELECT failures, last_failed_at, locked_until FROM login_attempts WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> {
                    int failures = rs.getInt("failures");
                    Instant last = rs.getTimestamp("last_failed_at") == null ? null : rs.getTimestamp("last_failed_at").toInstant();
                    Instant locked = rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant();
                    if (locked != null && locked.isAfter(now)) {
                        long minutes = Math.max(1, Duration.between(now, locked).toSeconds() / 60 + 1);
                        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Account locked",
                                "Too many failed sign-ins. This account is locked for " + minutes
                                        + (minutes == 1 ? " more minute." : " more minutes."))
                                .retryAfter(secondsUntil(now, locked));
                    }
                    if (last != null && failures >= FREE_ATTEMPTS) {
                        Instant allowedAt = last.plus(delayAfter(failures));
                        if (allowedAt.isAfter(now)) {
                            long seconds = secondsUntil(now, allowedAt);
                            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Slow down",
                                    "Too many failed sign-ins. Wait " + seconds + (seconds == 1 ? " second" : " seconds")
                                            + " before trying again.")
                                    .retryAfter(seconds);
                        }
                    }
                    return failures;
                })
                .findOne();
    }

    /** Whole seconds from now until then, rounded up: a client that waits this long is let through. */
    private static long secondsUntil(Instant now, Instant then) {
        return Math.max(1, Duration.between(now, then).toMillis() / 1000 + 1);
    }

    static Duration delayAfter(int failures) {
        int exponent = Math.max(0, failures - FREE_ATTEMPTS);
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(exponent, 6)));
    }

    static void recordFailure(Handle h, String email, Instant now) {
        h.createUpdate("""
                        INSERT INTO login_attempts (email, failures, last_failed_at) VALUES (:email, 1, :now)
                        ON CONFLICT (email) DO UPDATE
                           SET failures = CASE WHEN login_attempts.locked_until IS NOT NULL
                                                AND login_attempts.locked_until <= :now THEN 1
                                               ELSE login_attempts.failures + 1 END,
                               last_failed_at = :now,
                               locked_until = CASE WHEN login_attempts.failures + 1 >= :lockAfter
                                                    AND (login_attempts.locked_until IS NULL OR login_attempts.locked_until > :now)
                                                   THEN CAST(:lockedUntil AS timestamptz) ELSE NULL END
                        """)
                .bind("email", email)
                .bind("now", now)
                .bind("lockAfter", LOCK_AFTER)
                .bind("lockedUntil", now.plus(LOCK))
                .execute();
    }

    static void clear(Handle h, String email) {
        h.createUpdate("DELETE FROM login_attempts WHERE email = :email").bind("email", email).execute();
    }
}
