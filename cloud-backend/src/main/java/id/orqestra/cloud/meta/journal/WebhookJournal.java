package id.orqestra.cloud.meta.journal;

import id.orqestra.model.inbox.Platform;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.List;

/**
 * The journal of raw webhook bodies. A body is committed here before Meta is answered; workers claim
 * rows under a lease ({@code FOR UPDATE SKIP LOCKED}, so several workers and several backend
 * instances never take the same row), apply them, and mark them done, failed or malformed.
 */
@Singleton
public class WebhookJournal {

    /** The NOTIFY channel that wakes workers on every backend instance. */
    public static final String CHANNEL = "webhook_journal";

    private final Jdbi jdbi;

    public WebhookJournal(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Commits the body and notifies the workers; returns the journal id. */
    public long append(Platform platform, byte[] body) {
        return jdbi.inTransaction(handle -> {
            long id = handle.createQuery("INSERT INTO webhook_journal (platform, body) VALUES (:platform, :body) RETURNING id")
                    .bind("platform", platform.name())
                    .bind("body", body)
                    .mapTo(Long.class)
                    .one();
            handle.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            return id;
        });
    }

    public record ClaimedRow(long id, Platform platform, byte[] body, int attempts, java.time.Instant receivedAt) {
    }

    /**
     * Takes up to {@code limit} due rows and leases them for {@code lease}: until then no other worker
     * claims them; if this worker dies they become due again when the lease ends.
     */
    public List<ClaimedRow> claim(int limit, Duration lease) {
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        UPDATE webhook_journal j
                           SET attempts = attempts + 1,
                               next_attempt_at = now() + make_interval(secs => :leaseSeconds)
                          FROM (SELECT id FROM webhook_journal
                                 WHERE state = 'pending' AND next_attempt_at <= now()
                                 ORDER BY id
                                 LIMIT :limit
                                 FOR UPDATE SKIP LOCKED) due
                         WHERE j.id = due.id
                     RETURNING j.id, j.platform, j.body, j.attempts, j.received_at
                        """)
                .bind("limit", limit)
                .bind("leaseSeconds", (double) lease.toSeconds())
                .map((rs, ctx) -> new ClaimedRow(rs.getLong("id"), Platform.valueOf(rs.getString("platform")),
                        rs.getBytes("body"), rs.getInt("attempts"), rs.getTimestamp("received_at").toInstant()))
                .list());
    }

    public void markDone(long id) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE webhook_journal SET state = 'done', processed_at = now(), last_error = NULL WHERE id = :id")
                .bind("id", id).execute());
    }

    public void markMalformed(long id, String reason) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE webhook_journal SET state = 'malformed', processed_at = now(), last_error = :reason WHERE id = :id")
                .bind("id", id).bind("reason", reason).execute());
    }

    /** Schedules another attempt after {@code delay}, or gives up when {@code giveUp}. */
    public void markFailedAttempt(long id, String error, Duration delay, boolean giveUp) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_journal
                           SET state = CASE WHEN :giveUp THEN 'failed' ELSE 'pending' END,
                               last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :delaySeconds),
                               processed_at = CASE WHEN :giveUp THEN now() ELSE NULL END
                         WHERE id = :id
                        """)
                .bind("id", id)
                .bind("error", error)
                .bind("giveUp", giveUp)
                .bind("delaySeconds", delay.toMillis() / 1000.0)
                .execute());
    }
}
