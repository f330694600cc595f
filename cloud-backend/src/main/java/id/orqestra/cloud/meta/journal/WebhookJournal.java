package id.orqestra.cloud.meta.journal;

import id.orqestra.model.inbox.Platform;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The journal of raw webhook bodies. A body is committed here before Meta is answered; workers claim
 * rows under a lease ({@code FOR UPDATE SKIP LOCKED}, so several workers and several backend
 * instances never take the same row), apply them, and mark them done, failed or malformed.
 * <p>
 * Appends from concurrent requests are written together: one writer takes whatever bodies are
 * waiting, inserts them in one statement and one commit, and only then lets each request answer. Under
 * load that turns many small commits into few larger ones; alone, a request waits for nobody.
 */
@Singleton
public class WebhookJournal {

    /** The NOTIFY channel that wakes workers on every backend instance. */
    public static final String CHANNEL = "webhook_journal";

    private final Jdbi jdbi;
    private final int maxBatch;
    private final BlockingQueue<Pending> waiting;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    private record Pending(Platform platform, byte[] body, CompletableFuture<Long> stored) {
    }

    public WebhookJournal(Jdbi jdbi,
                          @Value("${orqestra.ingest.journal-writers:2}") int writerCount,
                          @Value("${orqestra.ingest.journal-batch:256}") int maxBatch) {
        this.jdbi = jdbi;
        this.maxBatch = maxBatch;
        this.waiting = new ArrayBlockingQueue<>(maxBatch * 16);
        for (int i = 0; i < writerCount; i++) {
            Thread writer = Thread.ofPlatform().daemon().name("journal-writer-" + i).unstarted(this::writeLoop);
            writers.add(writer);
            writer.start();
        }
    }

    /**
     * Commits the body (together with any other bodies arriving at the same moment) and notifies the
     * workers; returns the journal id once the commit is done.
     */
    public long append(Platform platform, byte[] body) {
        Pending pending = new Pending(platform, body, new CompletableFuture<>());
        try {
            if (!waiting.offer(pending, 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The webhook journal is not keeping up; try again");
            }
            return pending.stored().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while journaling a webhook", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not journal a webhook", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Journaling a webhook timed out", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | java.sql.SQLException e) {
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) throws java.sql.SQLException {
        String[] platforms = new String[batch.size()];
        byte[][] bodies = new byte[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            platforms[i] = batch.get(i).platform().name();
            bodies[i] = batch.get(i).body();
        }
        List<Long> ids = jdbi.<List<Long>, java.sql.SQLException>inTransaction(handle -> {
            java.sql.Array bodyArray = handle.getConnection().createArrayOf("bytea", bodies);
            List<Long> inserted = handle.createQuery("""
                            INSERT INTO webhook_journal (platform, body)
                            SELECT platform, body FROM unnest(:platforms, :bodies) WITH ORDINALITY AS b(platform, body, n)
                             ORDER BY n
                            RETURNING id
                            """)
                    .bind("platforms", platforms)
                    .bind("bodies", (org.jdbi.v3.core.argument.Argument) (position, statement, context) ->
                            statement.setArray(position, bodyArray))
                    .mapTo(Long.class)
                    .list();
            handle.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            return inserted;
        });
        // RETURNING follows the insert order of one statement, which follows the ordinality order
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(ids.get(i));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(2_000);
        }
    }

    public record ClaimedRow(long id, Platform platform, byte[] body, int attempts, Instant receivedAt) {
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

    /** Marks these rows done in one statement. */
    public void markDone(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE webhook_journal SET state = 'done', processed_at = now(), last_error = NULL WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new)).execute());
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
