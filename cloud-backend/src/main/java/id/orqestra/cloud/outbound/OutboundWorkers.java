package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.platform.crypto.SecretBox;
import id.orqestra.cloud.meta.MetaErrorCatalog;
import id.orqestra.cloud.platform.db.PgListener;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.jobs.WakeSignal;
import id.orqestra.cloud.platform.jobs.WorkLoop;
import id.orqestra.model.inbox.MetaError;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends what is queued. A dispatcher claims due jobs (woken by NOTIFY from any instance, a local
 * signal, or a short poll), takes send slots for them at each number's pace, and runs each on a virtual
 * thread: check the window again, upload the file if any, wait for the slot and the rate window, send,
 * and act on Meta's answer as {@link MetaErrorCatalog} says — done, retry later, slow down, fail with
 * the sentence, or (the request may have arrived) wait for a webhook instead of sending again.
 *
 * <p>A job runs in three phases, and what an unexpected error may do depends on the phase:
 * <ol>
 *   <li><b>preparing</b> (token, window, media upload, send slot): nothing has gone to Meta, so an error
 *       queues the job again ({@link #launch});</li>
 *   <li><b>requesting</b> (the Graph call): Meta may have the message from here on; an error turns the job
 *       UNCONFIRMED, never queued again;</li>
 *   <li><b>recording</b> (storing Meta's answer): after an answer that Meta acted on or may have (accepted,
 *       uncertain), only the storing is retried ({@link #recordWithoutResending}); after one that did not
 *       reach Meta or was refused, an error may queue the job again, as sending again is then safe.</li>
 * </ol>
 */
@Context
public class OutboundWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundWorkers.class);
    static final String UNCONFIRMED_SENTENCE = "We could not confirm that this message reached Meta: the connection "
            + "broke after it was sent and no delivery report came. Check the customer's chat before sending it again.";

    /** Pauses before each try of storing the outcome of a request Meta has or may have acted on. */
    private static final List<Duration> RECORDING_TRIES = List.of(Duration.ZERO, Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final OutboundQueue queue;
    private final SendPacer pacer;
    private final GraphSender graph;
    private final TemplateService templates;
    private final ChannelAlerts alerts;
    private final SecretBox secrets;
    private final MediaUploads uploads;
    private final Tx tx;
    private final boolean enabled;
    private final int batchSize;
    private final int maxInFlight;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final Duration pairInterval;
    private final Duration pairBackoff;
    private final Duration unconfirmedGrace;
    private final Duration lease;
    private final Duration poll = Duration.ofMillis(500);

    private final WakeSignal signal = new WakeSignal();
    private final WorkLoop dispatchLoop = new WorkLoop("Outbound dispatcher", signal, poll, poll, LOG);
    private volatile boolean running = true;
    private volatile boolean paused;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Thread> senders = ConcurrentHashMap.newKeySet();
    private final Thread dispatcher;
    private long nextHousekeeping;

    public OutboundWorkers(OutboundQueue queue, SendPacer pacer, GraphSender graph, TemplateService templates,
                           ChannelAlerts alerts, SecretBox secrets, MediaUploads uploads, Tx tx, PgListener listener,
                           @Value("${orqestra.outbound.enabled:true}") boolean enabled,
                           @Value("${orqestra.outbound.batch-size:64}") int batchSize,
                           @Value("${orqestra.outbound.max-in-flight:256}") int maxInFlight,
                           @Value("${orqestra.outbound.max-attempts:10}") int maxAttempts,
                           @Value("${orqestra.outbound.first-retry-delay:2s}") Duration firstRetryDelay,
                           @Value("${orqestra.outbound.pair-interval:1s}") Duration pairInterval,
                           @Value("${orqestra.outbound.pair-backoff:6s}") Duration pairBackoff,
                           @Value("${orqestra.outbound.unconfirmed-grace:10m}") Duration unconfirmedGrace,
                           @Value("${orqestra.outbound.lease:2m}") Duration lease) {
        this.queue = queue;
        this.pacer = pacer;
        this.graph = graph;
        this.templates = templates;
        this.alerts = alerts;
        this.secrets = secrets;
        this.uploads = uploads;
        this.tx = tx;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.maxAttempts = maxAttempts;
        this.firstRetryDelay = firstRetryDelay;
        this.pairInterval = pairInterval;
        this.pairBackoff = pairBackoff;
        this.unconfirmedGrace = unconfirmedGrace;
        this.lease = lease;
        this.dispatcher = Thread.ofPlatform().daemon().name("outbound-dispatcher").unstarted(this::dispatch);
        if (enabled) {
            listener.listen(OutboundQueue.CHANNEL, payload -> wakeUp());
            dispatcher.start();
        } else {
            LOG.info("Outbound sending is off (orqestra.outbound.enabled=false): messages stay queued");
        }
    }

    /** Work may be waiting. */
    public void wakeUp() {
        signal.wakeUp();
    }

    /** Stops claiming new jobs (jobs already claimed finish); for tests and maintenance. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wakeUp();
    }

    /** Jobs claimed and not finished in this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    private void dispatch() {
        dispatchLoop.run(() -> running, () -> {
            housekeeping();
            int room = maxInFlight - inFlight.get();
            // claim in batches, not one job per finished one: each claim reads every open job's head
            boolean worthClaiming = room >= Math.min(batchSize, maxInFlight) / 2 || inFlight.get() == 0;
            List<OutboundJob> jobs = paused || room <= 0 || !worthClaiming ? List.of()
                    : queue.claim(Math.min(batchSize, room), lease, pairInterval);
            start(jobs);
            return !jobs.isEmpty();
        });
    }

    private void housekeeping() {
        long now = System.nanoTime();
        if (now - nextHousekeeping < 0) {
            return;
        }
        nextHousekeeping = now + TimeUnit.SECONDS.toNanos(2);
        int recovered = queue.recoverExpiredLeases();
        if (recovered > 0) {
            LOG.info("Outbound: {} jobs of a stopped instance taken back", recovered);
        }
        queue.failUnconfirmedOlderThan(unconfirmedGrace, MetaError.refusal(UNCONFIRMED_SENTENCE));
    }

    /** Takes slots per channel for the paced jobs and starts one sender per job. */
    private void start(List<OutboundJob> jobs) {
        Map<Long, List<OutboundJob>> byChannel = new LinkedHashMap<>();
        for (OutboundJob job : jobs) {
            if (job.paced()) {
                byChannel.computeIfAbsent(job.channelId(), c -> new ArrayList<>()).add(job);
            } else {
                launch(job, 0);
            }
        }
        for (List<OutboundJob> group : byChannel.values()) {
            long[] delays = pacer.reserve(group.getFirst().channelId(), group.getFirst().messagesPerSecond(), group.size());
            for (int i = 0; i < group.size(); i++) {
                launch(group.get(i), delays[i]);
            }
        }
    }

    private void launch(OutboundJob job, long delayNanos) {
        inFlight.incrementAndGet();
        Thread.ofVirtual().name("outbound-job-" + job.id()).start(() -> {
            senders.add(Thread.currentThread());
            try {
                run(job, delayNanos);
            } catch (RuntimeException e) {
                // only errors of the phases in which Meta surely has nothing of this job get here (see run)
                LOG.warn("Outbound job {} stopped on an error: {}", job.id(), e.toString());
                safely(() -> queue.retryLater(job, backoff(job.attempts()), "internal error: " + e.getMessage()));
            } finally {
                senders.remove(Thread.currentThread());
                inFlight.decrementAndGet();
                wakeUp();
            }
        });
    }

    private void run(OutboundJob job, long delayNanos) {
        if (job.kind() == OutboundJob.Kind.TEMPLATE_SYNC) {
            syncTemplates(job);
            return;
        }
        String token;
        try {
            token = token(job);
        } catch (IllegalStateException e) {
            queue.failed(job, MetaError.refusal(e.getMessage()));
            return;
        }
        ObjectNode body = job.body() == null ? null : job.body().deepCopy();
        Optional<String> refusal = checkWindow(job, body);
        if (refusal.isPresent()) {
            queue.failed(job, MetaError.refusal(refusal.get()));
            return;
        }
        if (job.mediaUpload() != null && body != null) {
            Optional<String> mediaId = mediaId(job, token);
            if (mediaId.isEmpty()) {
                return; // the upload's own outcome was recorded
            }
            String pointer = job.mediaUpload().path("pointer").asText();
            int cut = pointer.lastIndexOf('/');
            ((ObjectNode) body.at(pointer.substring(0, cut))).put(pointer.substring(cut + 1), mediaId.get());
        }
        try {
            if (delayNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(delayNanos);
            }
            // marked before the rate gate, so that nothing slow (a busy connection pool) sits between the
            // gate and the write and bunches requests up behind it
            queue.requestStarting(job);
            pacer.acquire(job.channelId(), job.messagesPerSecond());
        } catch (InterruptedException e) {
            // stopped before anything was written: the job goes back to the queue as it was
            safely(() -> queue.retryLater(job, Duration.ZERO, "sender stopped before sending"));
            return;
        }
        // requesting: from the first byte written, Meta may have the message
        GraphSender.Outcome outcome;
        try {
            outcome = graph.send(job.api(), job.method(), job.path(), token, body);
        } catch (RuntimeException e) {
            LOG.warn("Outbound job {}: the request failed unexpectedly ({}); it may have reached Meta, so it is not "
                    + "sent again", job.id(), e.toString());
            recordWithoutResending(job, () -> queue.unconfirmed(job, "request failed unexpectedly: " + e.getMessage()));
            return;
        }
        // recording
        if (outcome instanceof GraphSender.Accepted || outcome instanceof GraphSender.Uncertain) {
            recordWithoutResending(job, () -> handle(job, outcome));
        } else {
            handle(job, outcome);
        }
    }

    /**
     * Stores the outcome of a request that Meta acted on or may have. An error here must not reach
     * {@link #launch}'s catch, which queues the job again and so sends it again: the storing is tried a
     * few times, then the job is left UNCONFIRMED (a status webhook naming the message's client id, or the
     * grace period, settles it). If even that cannot be stored, the job stays SENDING with its request
     * marked started, and {@link OutboundQueue#recoverExpiredLeases} turns it UNCONFIRMED when the lease ends.
     */
    private void recordWithoutResending(OutboundJob job, Runnable recording) {
        RuntimeException last = null;
        for (Duration pause : RECORDING_TRIES) {
            try {
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
                recording.run();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("Outbound job {}: Meta has the request, but storing its outcome failed ({}); not sending again",
                        job.id(), e.toString());
            }
        }
        String reason = "sent, but its outcome could not be stored"
                + (last == null ? " (the sender stopped)" : ": " + last.getMessage());
        safely(() -> queue.unconfirmed(job, reason));
    }

    private void handle(OutboundJob job, GraphSender.Outcome outcome) {
        switch (outcome) {
            case GraphSender.Accepted accepted -> queue.succeeded(job, providerId(job, accepted.body()));
            case GraphSender.NotReached notReached -> retryOrGiveUp(job, notReached.reason(),
                    "Meta could not be reached after " + job.attempts() + " tries (" + notReached.reason()
                            + "); the message was not sent. Send it again later.");
            case GraphSender.Uncertain uncertain -> {
                LOG.info("Outbound job {}: no answer after the request was written ({}); waiting for a webhook",
                        job.id(), uncertain.reason());
                queue.unconfirmed(job, uncertain.reason());
            }
            case GraphSender.Refused refused -> refused(job, refused);
        }
    }

    private void refused(OutboundJob job, GraphSender.Refused refused) {
        MetaErrorCatalog.Entry entry = MetaErrorCatalog.lookup(refused.code(), refused.subcode(), refused.httpStatus(),
                refused.text());
        MetaError error = new MetaError(refused.code(), refused.type(), refused.message(), refused.details(), null,
                entry.sentence());
        switch (entry.action()) {
            case RETRY -> retryOrGiveUp(job, refused.text(), "Meta kept failing (" + describe(refused) + ") after "
                    + job.attempts() + " tries; the message was not sent. Send it again later.");
            case SLOW_DOWN_CHANNEL -> {
                Duration pause = capped(Duration.ofSeconds(1).multipliedBy(1L << Math.min(job.attempts() - 1, 6)),
                        Duration.ofMinutes(1));
                pacer.slowDown(job.channelId(), pause);
                retryOrGiveUp(job, pause, refused.text(), "Meta kept limiting this number (" + describe(refused)
                        + ") after " + job.attempts() + " tries; the message was not sent. Send it again later.");
            }
            case SLOW_DOWN_RECIPIENT -> retryOrGiveUp(job,
                    capped(pairBackoff.multipliedBy(1L << Math.min(job.attempts() - 1, 6)), Duration.ofMinutes(5)),
                    refused.text(), "Too many messages went to this customer and Meta kept refusing (error 131056); "
                            + "the message was not sent. Send it again in a minute.");
            case FAIL -> queue.failed(job, error);
            case FAIL_TOKEN_INVALID -> {
                queue.failed(job, error);
                alerts.tokenRefused(job.orgId(), job.channelId(), refused.text());
            }
        }
    }

    private void retryOrGiveUp(OutboundJob job, String reason, String giveUpSentence) {
        retryOrGiveUp(job, backoff(job.attempts()), reason, giveUpSentence);
    }

    private void retryOrGiveUp(OutboundJob job, Duration delay, String reason, String giveUpSentence) {
        if (job.attempts() >= maxAttempts) {
            queue.failed(job, MetaError.refusal(giveUpSentence));
        } else {
            queue.retryLater(job, delay, reason);
        }
    }

    /** 2 s, 4 s, 8 s … (from the configured first delay) up to 5 minutes, with jitter so failures do not retry together. */
    Duration backoff(int attempts) {
        long base = Math.min(300_000L, firstRetryDelay.toMillis() << Math.min(Math.max(attempts - 1, 0), 20));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

    private static Duration capped(Duration d, Duration max) {
        return d.compareTo(max) > 0 ? max : d;
    }

    private static String describe(GraphSender.Refused refused) {
        return refused.code() != null ? "error " + refused.code() : "HTTP " + refused.httpStatus();
    }

    /** Holds the job to its window at the moment it goes out; adds Instagram's human-agent tag when that is what allows it. */
    private Optional<String> checkWindow(OutboundJob job, ObjectNode body) {
        if (job.windowRule() == MessagingWindows.Rule.NONE) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (job.windowRule() == MessagingWindows.Rule.INSTAGRAM_PRIVATE_REPLY) {
            String at = job.details().path("commentedAt").asText(null);
            MessagingWindows.Decision decision = MessagingWindows.privateReply(at == null ? null : Instant.parse(at), now);
            return Optional.ofNullable(decision.refusal());
        }
        if (job.conversationId() == null) {
            return Optional.empty();
        }
        Instant[] window = tx.system(h -> h.createQuery("""
                        SELECT last_inbound_at, free_entry_until FROM conversations WHERE id = :id
                        """)
                .bind("id", job.conversationId())
                .map((rs, ctx) -> new Instant[] {
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()})
                .findOne()
                .orElse(new Instant[2]));
        MessagingWindows.Decision decision = job.windowRule() == MessagingWindows.Rule.WHATSAPP_FREE_FORM
                ? MessagingWindows.whatsAppFreeForm(window[0], window[1], now)
                : MessagingWindows.instagram(window[0], job.details().path("writtenByPerson").asBoolean(false), now);
        if (decision.allowed() && decision.humanAgentTag() && body != null) {
            MessageComposer.tagAsHumanAgent(body);
        }
        return Optional.ofNullable(decision.refusal());
    }

    /** The WhatsApp media id of the job's file: uploaded once, remembered for retries. */
    private Optional<String> mediaId(OutboundJob job, String token) {
        if (job.uploadedMediaId() != null) {
            return Optional.of(job.uploadedMediaId());
        }
        JsonNode upload = job.mediaUpload();
        byte[] bytes;
        try {
            bytes = uploads.bytes(upload.path("storageKey").asText());
        } catch (java.io.IOException e) {
            queue.failed(job, MetaError.refusal("The file to send is no longer in storage; attach it again."));
            return Optional.empty();
        }
        GraphSender.Outcome outcome = graph.uploadMedia(job.phoneNumberId(), token, bytes,
                upload.path("mimeType").asText(), upload.path("filename").asText(null));
        switch (outcome) {
            case GraphSender.Accepted accepted -> {
                String id = accepted.body() == null ? null : accepted.body().path("id").asText(null);
                if (id == null) {
                    retryOrGiveUp(job, "media upload answered without an id",
                            "WhatsApp's media upload kept answering without an id; the message was not sent.");
                    return Optional.empty();
                }
                queue.rememberUploadedMedia(job, id);
                return Optional.of(id);
            }
            case GraphSender.Refused refused -> {
                refused(job, refused);
                return Optional.empty();
            }
            // an upload that may have arrived is harmless to repeat: it only creates an unused media id
            case GraphSender.NotReached notReached -> retryOrGiveUp(job, notReached.reason(),
                    "The file could not be uploaded to WhatsApp (" + notReached.reason() + "); send it again later.");
            case GraphSender.Uncertain uncertain -> retryOrGiveUp(job, uncertain.reason(),
                    "The file could not be uploaded to WhatsApp (" + uncertain.reason() + "); send it again later.");
        }
        return Optional.empty();
    }

    private static String providerId(OutboundJob job, JsonNode answer) {
        if (answer == null) {
            return null;
        }
        if (job.kind() != OutboundJob.Kind.MESSAGE) {
            return null;
        }
        JsonNode messages = answer.path("messages");
        if (messages.isArray() && !messages.isEmpty()) {
            return messages.get(0).path("id").asText(null); // WhatsApp
        }
        if (answer.hasNonNull("message_id")) {
            return answer.get("message_id").asText(); // Instagram direct message or private reply
        }
        return answer.path("id").asText(null); // a public reply to a comment: the new comment's id
    }

    private void syncTemplates(OutboundJob job) {
        String token;
        try {
            token = token(job);
        } catch (IllegalStateException e) {
            queue.failSync(job, e.getMessage());
            return;
        }
        TemplateService.SyncResult result = templates.sync(job, token, graph);
        if (result.failure() == null) {
            queue.finishSync(job, result.count());
        } else {
            queue.failSync(job, result.failure());
        }
    }

    /** The channel's token, opened for this request only; refused while the channel is flagged. */
    private String token(OutboundJob job) {
        if (job.tokenInvalid()) {
            throw new IllegalStateException(MetaErrorCatalog.forCode(190).sentence());
        }
        if (job.sealedToken() == null) {
            throw new IllegalStateException("This channel has no access token; an admin must paste one under Admin → Channels.");
        }
        return secrets.decrypt(job.sealedToken());
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Outbound: could not record a job's outcome: {}", e.getMessage());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        wakeUp();
        if (dispatcher.isAlive()) {
            dispatcher.join(5_000);
        }
        senders.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
