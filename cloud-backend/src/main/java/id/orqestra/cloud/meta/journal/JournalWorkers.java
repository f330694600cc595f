package id.orqestra.cloud.meta.journal;

import id.orqestra.cloud.inbox.ingest.ChangeApplier;
import id.orqestra.cloud.inbox.media.MediaDownloads;
import id.orqestra.cloud.meta.MetaWebhookParser;
import id.orqestra.cloud.meta.ParsedDelivery;
import id.orqestra.cloud.platform.db.PgListener;
import id.orqestra.cloud.platform.jobs.WakeSignal;
import id.orqestra.cloud.platform.jobs.WorkLoop;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Workers that turn journaled webhook bodies into inbox rows. They sleep until a NOTIFY (from any
 * backend instance) or a short poll says there may be work, claim a few rows at a time, apply each
 * change in its own transaction, and retry a failing row with growing delays before marking it failed.
 */
@Context
public class JournalWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWorkers.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final WebhookJournal journal;
    private final ChangeApplier applier;
    private final MediaDownloads mediaDownloads;
    private final int batchSize;
    private final int maxAttempts;
    private final List<Thread> threads = new ArrayList<>();
    private final WakeSignal signal = new WakeSignal();
    private final WorkLoop workLoop = new WorkLoop("Journal worker", signal, POLL, POLL, LOG);
    private volatile boolean running = true;

    public JournalWorkers(WebhookJournal journal, ChangeApplier applier, MediaDownloads mediaDownloads, PgListener listener,
                          @Value("${orqestra.ingest.workers:4}") int workers,
                          @Value("${orqestra.ingest.batch-size:16}") int batchSize,
                          @Value("${orqestra.ingest.max-attempts:8}") int maxAttempts) {
        this.journal = journal;
        this.applier = applier;
        this.mediaDownloads = mediaDownloads;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        listener.listen(WebhookJournal.CHANNEL, payload -> wakeUp());
        for (int i = 0; i < workers; i++) {
            Thread t = Thread.ofPlatform().daemon().name("journal-worker-" + i).unstarted(this::loop);
            threads.add(t);
            t.start();
        }
    }

    /** Work may be waiting: wake the sleeping workers. */
    public void wakeUp() {
        signal.wakeUp();
    }

    private void loop() {
        workLoop.run(() -> running, () -> processBatch() > 0);
    }

    /** Claims and processes one batch; returns how many rows it took. Public for tests and benchmarks. */
    public int processBatch() {
        List<WebhookJournal.ClaimedRow> rows = journal.claim(batchSize, LEASE);
        List<Long> done = new ArrayList<>(rows.size());
        for (WebhookJournal.ClaimedRow row : rows) {
            if (process(row)) {
                done.add(row.id());
            }
        }
        journal.markDone(done);
        if (!rows.isEmpty()) {
            mediaDownloads.wakeUp(); // files the new messages carry are fetched before their links expire
        }
        return rows.size();
    }

    /** Applies one row; true when all of it took effect (the caller marks it done with its batch). */
    private boolean process(WebhookJournal.ClaimedRow row) {
        ParsedDelivery delivery = MetaWebhookParser.parse(row.platform(), new String(row.body(), StandardCharsets.UTF_8));
        if (delivery.malformed()) {
            journal.markMalformed(row.id(), delivery.malformedReason());
            return false;
        }
        Instant receivedAt = row.receivedAt();
        String firstError = null;
        for (int i = 0; i < delivery.changes().size(); i++) {
            try {
                applier.apply(row.id(), i, row.platform(), delivery.changes().get(i), receivedAt);
            } catch (RuntimeException e) {
                if (firstError == null) {
                    firstError = "change " + i + ": " + describe(e);
                }
                LOG.warn("Webhook {} change {} failed (attempt {}): {}", row.id(), i, row.attempts(), describe(e));
            }
        }
        if (firstError == null) {
            return true;
        } else {
            boolean giveUp = row.attempts() >= maxAttempts;
            journal.markFailedAttempt(row.id(), firstError, backoff(row.attempts()), giveUp);
            if (giveUp) {
                LOG.error("Webhook {} marked failed after {} attempts: {}", row.id(), row.attempts(), firstError);
            }
            return false;
        }
    }

    /** 2 s, 4 s, 8 s … up to 10 minutes, with jitter so that rows failing together do not retry together. */
    static Duration backoff(int attempts) {
        long base = Math.min(600_000L, 1_000L << Math.min(attempts, 20));
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(base + jitter);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 1_000 ? message.substring(0, 1_000) : message;
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        wakeUp();
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
