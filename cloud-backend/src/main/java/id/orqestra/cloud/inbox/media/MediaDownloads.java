package id.orqestra.cloud.inbox.media;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.channel.ChannelStore;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.meta.GraphClient;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.jobs.WakeSignal;
import id.orqestra.cloud.platform.jobs.WorkLoop;
import id.orqestra.cloud.platform.media.MediaStorage;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.sync.SyncChange;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies message files from Meta into our media storage promptly, because Meta's links expire:
 * WhatsApp in two steps (the media id gives a URL, the URL gives the bytes, both with the channel's
 * token), Instagram straight from its CDN link. A failed download is retried with growing delays and
 * finally marked failed on the message, which still shows.
 */
@Context
public class MediaDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloads.class);
    /** WhatsApp's own ceiling for documents. */
    static final long MAX_BYTES = 100L * 1024 * 1024;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Tx tx;
    private final GraphClient graph;
    private final ChannelStore channels;
    private final MediaStorage storage;
    private final ChangeFeed feed;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final Thread thread;
    private final WakeSignal signal = new WakeSignal();
    private final WorkLoop workLoop = new WorkLoop("Media downloads", signal, Duration.ofMillis(500), Duration.ofSeconds(1), LOG);
    private volatile boolean running = true;

    public MediaDownloads(Tx tx, GraphClient graph, ChannelStore channels, MediaStorage storage, ChangeFeed feed,
                          @Value("${orqestra.media.max-attempts:6}") int maxAttempts,
                          @Value("${orqestra.media.first-retry-delay:5s}") Duration firstRetryDelay) {
        this.tx = tx;
        this.graph = graph;
        this.channels = channels;
        this.storage = storage;
        this.feed = feed;
        this.maxAttempts = maxAttempts;
        this.firstRetryDelay = firstRetryDelay;
        this.thread = Thread.ofPlatform().daemon().name("media-downloads").unstarted(this::loop);
        this.thread.start();
    }

    /** New downloads were queued. */
    public void wakeUp() {
        signal.wakeUp();
    }

    private record Job(long messageId, long orgId, long channelId, String mediaId, String url, int attempts) {
    }

    private void loop() {
        workLoop.run(() -> running, () -> {
            List<Job> jobs = claim();
            for (Job job : jobs) {
                process(job);
            }
            return !jobs.isEmpty();
        });
    }

    private List<Job> claim() {
        return tx.system(h -> h.createQuery("""
                        UPDATE media_downloads d
                           SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :lease)
                          FROM (SELECT message_id FROM media_downloads
                                 WHERE state = 'pending' AND next_attempt_at <= now()
                                 ORDER BY next_attempt_at LIMIT 8 FOR UPDATE SKIP LOCKED) due
                         WHERE d.message_id = due.message_id
                     RETURNING d.message_id, d.org_id, d.channel_id, d.provider_media_id, d.url, d.attempts
                        """)
                .bind("lease", (double) LEASE.toSeconds())
                .map((rs, ctx) -> new Job(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list());
    }

    private void process(Job job) throws InterruptedException {
        String url = job.url();
        try {
            String token = tx.inOrg(job.orgId(), h -> channels.accessToken(h, job.channelId()).orElse(null));
            String expectedSha256 = null;
            String mimeType = null;
            if (job.mediaId() != null) {
                if (token == null) {
                    throw new GraphClient.GraphException(401, 190, "The channel has no access token to fetch media with");
                }
                JsonNode media = graph.getJson(job.mediaId(), token);
                url = media.path("url").asText(null);
                expectedSha256 = media.path("sha256").asText(null);
                mimeType = media.path("mime_type").asText(null);
                if (url == null) {
                    throw new GraphClient.GraphException(502, null, "Meta's media answer had no url");
                }
            }
            GraphClient.Download download = graph.download(url, job.mediaId() != null ? token : null, MAX_BYTES);
            if (expectedSha256 != null && expectedSha256.matches("[0-9a-fA-F]{64}")
                    && !expectedSha256.equalsIgnoreCase(sha256(download.bytes()))) {
                throw new GraphClient.GraphException(502, null, "The downloaded file does not match Meta's sha256");
            }
            String key = job.orgId() + "/" + job.messageId();
            storage.put(key, download.bytes(), mimeType != null ? mimeType : download.contentType());
            finish(job, MediaState.STORED, key, null);
        } catch (java.io.IOException e) {
            boolean permanent = e instanceof GraphClient.GraphException g && g.permanent() && g.httpStatus() != 401;
            String reason = failureReason(e, url);
            if (permanent || job.attempts() >= maxAttempts) {
                LOG.warn("Media of message {} could not be fetched: {}", job.messageId(), reason);
                finish(job, MediaState.FAILED, null, reason);
            } else {
                retryLater(job, reason);
            }
        }
    }

    /**
     * Why a download failed, as a sentence for the log and the message's record. The HTTP client's
     * exceptions often carry no message (a refused connection, an unknown host), so the kind of
     * failure and the host say it instead.
     */
    static String failureReason(java.io.IOException e, String url) {
        String host = hostOf(url);
        String detail = null;
        for (Throwable t = e; t != null && detail == null; t = t.getCause()) {
            String message = t.getMessage();
            // an exception made from its cause repeats the cause's class name: no sentence in that
            boolean ownWords = message != null && !message.isBlank()
                    && (t.getCause() == null || !message.equals(t.getCause().toString()));
            if (ownWords) {
                detail = message.strip();
            }
        }
        if (e instanceof GraphClient.GraphException graph) {
            return detail != null ? detail : "Meta answered with an error (HTTP " + graph.httpStatus() + ").";
        }
        String what = switch (e) {
            case java.net.http.HttpTimeoutException timeout -> "The download from " + host + " timed out";
            case java.net.UnknownHostException unknown -> host + " could not be found";
            case java.net.ConnectException refused -> host + " could not be reached";
            default -> hasCause(e, java.nio.channels.UnresolvedAddressException.class)
                    ? host + " could not be found"
                    : "The download from " + host + " failed (" + e.getClass().getSimpleName() + ")";
        };
        return detail != null ? what + ": " + detail : what + ".";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String hostOf(String url) {
        try {
            String host = url == null ? null : java.net.URI.create(url).getHost();
            return host != null ? host : "the media server";
        } catch (IllegalArgumentException e) {
            return "the media server";
        }
    }

    private void finish(Job job, MediaState state, String key, String error) {
        tx.inOrg(job.orgId(), h -> {
            h.createUpdate("UPDATE media_downloads SET state = :state, last_error = :error WHERE message_id = :id")
                    .bind("state", state == MediaState.STORED ? "done" : "failed")
                    .bind("error", error)
                    .bind("id", job.messageId())
                    .execute();
            h.createUpdate("UPDATE messages SET media_state = :state, media_key = :key, updated_at = now() WHERE id = :id")
                    .bind("state", state.name())
                    .bind("key", key)
                    .bind("id", job.messageId())
                    .execute();
            for (var message : InboxViews.messages(h, Set.of(job.messageId()))) {
                feed.append(h, job.orgId(), new SyncChange.MessageUpserted(message));
            }
            return null;
        });
    }

    private void retryLater(Job job, String error) {
        long delay = firstRetryDelay.toMillis() << Math.min(job.attempts() - 1, 12);
        delay += ThreadLocalRandom.current().nextLong(delay / 4 + 1);
        long delayMillis = delay;
        tx.system(h -> h.createUpdate("""
                        UPDATE media_downloads SET last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :delay)
                         WHERE message_id = :id
                        """)
                .bind("error", error)
                .bind("delay", delayMillis / 1000.0)
                .bind("id", job.messageId())
                .execute());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        wakeUp();
        thread.join(5_000);
    }
}
