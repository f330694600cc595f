package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.orqestra.cloud.inbox.store.InboxViews;
import id.orqestra.cloud.inbox.store.MessageStore;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.sync.SyncChange;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code outbound_jobs} table: queuing, claiming with {@code FOR UPDATE SKIP LOCKED}, and every
 * ending of an attempt. A job's message follows it in the same transaction — QUEUED, SENDING, SENT or
 * FAILED with its sentence — and each change of the message appends a {@code message.upserted} event.
 */
@Singleton
public class OutboundQueue {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** The NOTIFY channel that wakes the workers of every instance. */
    public static final String CHANNEL = "outbound_jobs";

    private final Tx tx;
    private final MessageStore messages;
    private final ChangeFeed feed;

    public OutboundQueue(Tx tx, MessageStore messages, ChangeFeed feed) {
        this.tx = tx;
        this.messages = messages;
        this.feed = feed;
    }

    /** Queues a job inside the caller's transaction; workers hear of it when that commits. */
    public long enqueue(Handle h, OutboundJob.New job) {
        long id = h.createQuery("""
                        INSERT INTO outbound_jobs (org_id, channel_id, conversation_id, message_id, kind, recipient, api,
                                                   method, path, body, media_upload, window_rule, details)
                        VALUES (:org, :channel, :conversation, :message, :kind, :recipient, :api, :method, :path,
                                CAST(:body AS jsonb), CAST(:upload AS jsonb), :rule, CAST(:details AS jsonb))
                        RETURNING id
                        """)
                .bind("org", job.orgId())
                .bind("channel", job.channelId())
                .bind("conversation", job.conversationId())
                .bind("message", job.messageId())
                .bind("kind", job.kind().name())
                .bind("recipient", job.recipient())
                .bind("api", job.api().name())
                .bind("method", job.method())
                .bind("path", job.path())
                .bind("body", job.body() == null ? null : Json.write(job.body()))
                .bind("upload", job.mediaUpload() == null ? null : Json.write(job.mediaUpload()))
                .bind("rule", job.windowRule().name())
                .bind("details", Json.write(job.details() == null ? Json.mapper().createObjectNode() : job.details()))
                .mapTo(Long.class)
                .one();
        h.createQuery("SELECT pg_notify(:channel, '')").bind("channel", CHANNEL).mapToMap().one();
        return id;
    }

    /**
     * Claims up to {@code limit} due jobs: the oldest open job of each recipient on each channel, when
     * it is due and the recipient's last send is at least {@code pairInterval} ago. Their messages turn
     * SENDING.
     */
    public List<OutboundJob> claim(int limit, Duration lease, Duration pairInterval) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.system(h -> {
            List<OutboundJob> jobs = h.createQuery("""
                            WITH heads AS (
                                SELECT DISTINCT ON (channel_id, recipient) id, state, next_attempt_at
                                  FROM outbound_jobs
                                 WHERE state IN ('QUEUED', 'SENDING')
                                 ORDER BY channel_id, recipient, id
                            ), due AS (
                                SELECT j.id FROM outbound_jobs j
                                  JOIN heads ON heads.id = j.id
                                 WHERE heads.state = 'QUEUED' AND heads.next_attempt_at <= now()
                                   AND NOT EXISTS (SELECT 1 FROM outbound_jobs p
                                                    WHERE p.channel_id = j.channel_id AND p.recipient = j.recipient
                                                      AND p.id <> j.id AND j.kind <> 'TEMPLATE_SYNC'
                                                      AND p.request_started_at > now() - make_interval(secs => :pair))
                                 ORDER BY j.next_attempt_at, j.id
                                 LIMIT :limit
                                 FOR UPDATE OF j SKIP LOCKED
                            )
                            UPDATE outbound_jobs j
                               SET state = 'SENDING', attempts = j.attempts + 1, request_started_at = NULL,
                                   lease_until = now() + make_interval(secs => :lease)
                              FROM due, channels c
                             WHERE j.id = due.id AND c.id = j.channel_id
                         RETURNING j.*, c.wa_business_account_id, c.wa_phone_number_id, c.ig_account_id,
                                   c.messages_per_second, c.access_token_enc, c.token_invalid_since IS NOT NULL AS token_invalid
                            """)
                    .bind("limit", limit)
                    .bind("lease", (double) lease.toSeconds())
                    .bind("pair", pairInterval.toMillis() / 1000.0)
                    .map((rs, ctx) -> job(rs))
                    .list();
            List<Long> messageIds = jobs.stream().filter(j -> j.kind() == OutboundJob.Kind.MESSAGE && j.messageId() != null)
                    .map(OutboundJob::messageId).toList();
            if (!messageIds.isEmpty()) {
                List<Long> changed = h.createQuery("""
                                UPDATE messages SET status = 'SENDING', status_at = now(), updated_at = now()
                                 WHERE id = ANY(:ids) AND status = 'QUEUED'
                             RETURNING id
                                """)
                        .bind("ids", messageIds.toArray(Long[]::new))
                        .mapTo(Long.class)
                        .list();
                publishMessages(h, changed);
            }
            return jobs;
        });
    }

    private static OutboundJob job(ResultSet rs) throws SQLException {
        long conversation = rs.getLong("conversation_id");
        Long conversationId = rs.wasNull() ? null : conversation;
        long message = rs.getLong("message_id");
        Long messageId = rs.wasNull() ? null : message;
        String body = rs.getString("body");
        String upload = rs.getString("media_upload");
        return new OutboundJob(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("channel_id"), conversationId, messageId,
                OutboundJob.Kind.valueOf(rs.getString("kind")), rs.getString("recipient"),
                GraphSender.Api.valueOf(rs.getString("api")), rs.getString("method"), rs.getString("path"),
                body == null ? null : (ObjectNode) Json.read(body, JsonNode.class),
                upload == null ? null : Json.read(upload, JsonNode.class), rs.getString("uploaded_media_id"),
                MessagingWindows.Rule.valueOf(rs.getString("window_rule")),
                (ObjectNode) Json.read(rs.getString("details"), JsonNode.class), rs.getInt("attempts"),
                rs.getString("wa_business_account_id"),
                rs.getString("wa_phone_number_id") != null ? rs.getString("wa_phone_number_id") : rs.getString("ig_account_id"),
                rs.getInt("messages_per_second"), rs.getBytes("access_token_enc"), rs.getBoolean("token_invalid"));
    }

    /** Marks the moment the request is about to be written: from now on it may reach Meta. */
    public void requestStarting(OutboundJob job) {
        tx.system(h -> h.createUpdate("UPDATE outbound_jobs SET request_started_at = now() WHERE id = :id")
                .bind("id", job.id()).execute());
    }

    public void rememberUploadedMedia(OutboundJob job, String mediaId) {
        tx.system(h -> h.createUpdate("UPDATE outbound_jobs SET uploaded_media_id = :media WHERE id = :id")
                .bind("media", mediaId).bind("id", job.id()).execute());
    }

    /**
     * Meta accepted the write. A message gets its provider id and turns SENT (delivery reports that
     * came first are applied now); an Instagram echo of it that got in first under the same id gives
     * way to it. An id that another message of the channel already holds is not given to this one (see
     * {@link #heldByAnother}); the message is still SENT.
     */
    public void succeeded(OutboundJob job, String providerId) {
        tx.inOrg(job.orgId(), h -> {
            boolean message = job.kind() == OutboundJob.Kind.MESSAGE && job.messageId() != null;
            Optional<Long> holder = Optional.empty();
            if (message && providerId != null) {
                giveWayToOurs(h, job, providerId);
                holder = heldByAnother(h, job, providerId);
            }
            String note = holder.map(other -> "Meta accepted the message with id " + providerId + ", which message "
                    + other + " already holds; kept as sent without it").orElse(null);
            holder.ifPresent(other -> LOG.warn("Outbound job {}: {}", job.id(), note));
            h.createUpdate("""
                            UPDATE outbound_jobs SET state = 'DONE', provider_id = :provider, finished_at = now(),
                                   lease_until = NULL, last_error = :note
                             WHERE id = :id
                            """)
                    .bind("provider", providerId).bind("note", note).bind("id", job.id()).execute();
            if (!message) {
                return null;
            }
            String messageProviderId = holder.isPresent() ? null : providerId;
            h.createUpdate("""
                            UPDATE messages
                               SET provider_message_id = COALESCE(provider_message_id, :provider),
                                   status = CASE WHEN status IN ('QUEUED', 'SENDING') THEN 'SENT' ELSE status END,
                                   status_at = CASE WHEN status IN ('QUEUED', 'SENDING') THEN now() ELSE status_at END,
                                   error = NULL, updated_at = now()
                             WHERE id = :id
                            """)
                    .bind("provider", messageProviderId).bind("id", job.messageId()).execute();
            if (messageProviderId != null) {
                messages.applyHeldUpdates(h, job.messageId(), job.channelId(), messageProviderId);
            }
            publishMessages(h, List.of(job.messageId()));
            return null;
        });
    }

    /**
     * Instagram echoes our own API sends as webhooks; one applied before the send's answer came back
     * was stored as a message of its own under the same id. It is the same message: ours stays.
     */
    private void giveWayToOurs(Handle h, OutboundJob job, String providerId) {
        Optional<Long> echo = h.createQuery("""
                        DELETE FROM messages
                         WHERE channel_id = :channel AND provider_message_id = :provider AND id <> :ours
                           AND direction = 'OUTBOUND' AND client_id IS NULL
                     RETURNING conversation_id
                        """)
                .bind("channel", job.channelId()).bind("provider", providerId).bind("ours", job.messageId())
                .mapTo(Long.class)
                .findOne();
        echo.ifPresent(conversationId -> h.createUpdate("UPDATE conversations SET updated_at = now() WHERE id = :id")
                .bind("id", conversationId).execute());
    }

    /**
     * Another message of the channel already holds the id Meta gave this send. Meta's ids are unique, so
     * this means bad data (a simulator restarted with its counter, a message imported under a wrong id),
     * and the unique index would refuse the id. The send did reach Meta, so the message stays SENT
     * without the id, as Chatwoot or respond.io show a message the provider accepted: marking it failed
     * would invite the agent to send it again — the duplicate this package exists to prevent. What is
     * lost is only its delivery ticks (status webhooks naming the id go to the message that holds it).
     */
    private static Optional<Long> heldByAnother(Handle h, OutboundJob job, String providerId) {
        return h.createQuery("""
                        SELECT id FROM messages
                         WHERE channel_id = :channel AND provider_message_id = :provider AND id <> :ours
                         LIMIT 1
                        """)
                .bind("channel", job.channelId()).bind("provider", providerId).bind("ours", job.messageId())
                .mapTo(Long.class)
                .findOne();
    }

    /** Tries again later; the message shows as queued meanwhile. */
    public void retryLater(OutboundJob job, Duration delay, String reason) {
        tx.inOrg(job.orgId(), h -> {
            h.createUpdate("""
                            UPDATE outbound_jobs SET state = 'QUEUED', lease_until = NULL, request_started_at = NULL,
                                   next_attempt_at = now() + make_interval(secs => :delay), last_error = :reason
                             WHERE id = :id AND state = 'SENDING'
                            """)
                    .bind("delay", delay.toMillis() / 1000.0).bind("reason", reason).bind("id", job.id()).execute();
            requeueMessage(h, job);
            return null;
        });
    }

    private void requeueMessage(Handle h, OutboundJob job) {
        if (job.kind() == OutboundJob.Kind.MESSAGE && job.messageId() != null) {
            List<Long> changed = h.createQuery("""
                            UPDATE messages SET status = 'QUEUED', status_at = now(), updated_at = now()
                             WHERE id = :id AND status = 'SENDING' RETURNING id
                            """)
                    .bind("id", job.messageId()).mapTo(Long.class).list();
            publishMessages(h, changed);
        }
    }

    /** The job fails for good; its message shows the sentence. A reaction that failed is taken back. */
    public void failed(OutboundJob job, MetaError error) {
        tx.inOrg(job.orgId(), h -> {
            failInside(h, job.id(), job.kind(), job.messageId(), job.details(), error);
            return null;
        });
    }

    private void failInside(Handle h, long jobId, OutboundJob.Kind kind, Long messageId, ObjectNode details, MetaError error) {
        h.createUpdate("""
                        UPDATE outbound_jobs SET state = 'FAILED', finished_at = now(), lease_until = NULL,
                               last_error = :error
                         WHERE id = :id
                        """)
                .bind("error", error.bestText()).bind("id", jobId).execute();
        if (kind == OutboundJob.Kind.MESSAGE && messageId != null) {
            int changed = h.createUpdate("""
                            UPDATE messages SET status = 'FAILED', status_at = now(), error = CAST(:error AS jsonb),
                                   updated_at = now()
                             WHERE id = :id AND provider_message_id IS NULL
                            """)
                    .bind("error", Json.write(error)).bind("id", messageId).execute();
            if (changed > 0) {
                publishMessages(h, List.of(messageId));
            }
        } else if (kind == OutboundJob.Kind.REACTION && details != null && details.hasNonNull("targetMessageId")) {
            long target = details.get("targetMessageId").asLong();
            String previous = details.hasNonNull("previousEmoji") ? details.get("previousEmoji").asText() : null;
            h.createUpdate("""
                            UPDATE message_reactions SET emoji = :previous
                             WHERE channel_id = :channel AND target_provider_id = :targetProvider AND reactor = 'business'
                            """)
                    .bind("previous", previous)
                    .bind("channel", details.path("channelId").asLong())
                    .bind("targetProvider", details.path("targetProviderId").asText())
                    .execute();
            publishMessages(h, List.of(target));
        }
    }

    /** The request may have reached Meta and no answer came: never sent again; a webhook or the grace period decides. */
    public void unconfirmed(OutboundJob job, String reason) {
        tx.system(h -> h.createUpdate("""
                        UPDATE outbound_jobs SET state = 'UNCONFIRMED', unconfirmed_since = now(), lease_until = NULL,
                               last_error = :reason
                         WHERE id = :id AND state = 'SENDING'
                        """)
                .bind("reason", reason).bind("id", job.id()).execute());
    }

    /**
     * Jobs whose instance stopped while they were SENDING: back to the queue when their request had not
     * started, else unconfirmed. Returns how many were recovered.
     */
    public int recoverExpiredLeases() {
        return tx.system(h -> {
            record Recovered(long id, long orgId, Long messageId, String state) {
            }
            List<Recovered> recovered = h.createQuery("""
                            UPDATE outbound_jobs
                               SET state = CASE WHEN request_started_at IS NULL THEN 'QUEUED' ELSE 'UNCONFIRMED' END,
                                   unconfirmed_since = CASE WHEN request_started_at IS NULL THEN NULL ELSE now() END,
                                   lease_until = NULL
                             WHERE state = 'SENDING' AND lease_until < now()
                         RETURNING id, org_id, message_id, state
                            """)
                    .map((rs, ctx) -> {
                        long message = rs.getLong("message_id");
                        return new Recovered(rs.getLong("id"), rs.getLong("org_id"), rs.wasNull() ? null : message,
                                rs.getString("state"));
                    })
                    .list();
            for (Recovered r : recovered) {
                if ("QUEUED".equals(r.state()) && r.messageId() != null) {
                    List<Long> changed = h.createQuery("""
                                    UPDATE messages SET status = 'QUEUED', status_at = now(), updated_at = now()
                                     WHERE id = :id AND status = 'SENDING' RETURNING id
                                    """)
                            .bind("id", r.messageId()).mapTo(Long.class).list();
                    publish(h, r.orgId(), changed);
                }
            }
            return recovered.size();
        });
    }

    /** Unconfirmed sends that no webhook confirmed within {@code grace} fail with {@code error}. */
    public int failUnconfirmedOlderThan(Duration grace, MetaError error) {
        return tx.system(h -> {
            record Expired(long id, long orgId, Long messageId, String kind, String details) {
            }
            List<Expired> expired = h.createQuery("""
                            SELECT id, org_id, message_id, kind, details::text FROM outbound_jobs
                             WHERE state = 'UNCONFIRMED' AND unconfirmed_since < now() - make_interval(secs => :grace)
                             ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED
                            """)
                    .bind("grace", grace.toMillis() / 1000.0)
                    .map((rs, ctx) -> {
                        long message = rs.getLong("message_id");
                        return new Expired(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : message, rs.getString(4),
                                rs.getString(5));
                    })
                    .list();
            for (Expired e : expired) {
                tx.enterOrg(h, e.orgId());
                failInside(h, e.id(), OutboundJob.Kind.valueOf(e.kind()), e.messageId(),
                        (ObjectNode) Json.read(e.details(), JsonNode.class), error);
            }
            return expired.size();
        });
    }

    /** Fails every queued job of a channel (its token was refused): nothing more can go out on it. */
    public void failQueuedOfChannel(Handle h, long channelId, MetaError error) {
        record Queued(long id, String kind, Long messageId, String details) {
        }
        List<Queued> queued = h.createQuery("""
                        SELECT id, kind, message_id, details::text FROM outbound_jobs
                         WHERE channel_id = :channel AND state = 'QUEUED' AND kind <> 'TEMPLATE_SYNC'
                         FOR UPDATE SKIP LOCKED
                        """)
                .bind("channel", channelId)
                .map((rs, ctx) -> {
                    long message = rs.getLong("message_id");
                    return new Queued(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : message, rs.getString(4));
                })
                .list();
        for (Queued q : queued) {
            failInside(h, q.id(), OutboundJob.Kind.valueOf(q.kind()), q.messageId(),
                    (ObjectNode) Json.read(q.details(), JsonNode.class), error);
        }
    }

    /** Template syncs end with a count or a sentence, kept on the job for the sync view. */
    public void finishSync(OutboundJob job, int templateCount) {
        tx.system(h -> h.createUpdate("""
                        UPDATE outbound_jobs SET state = 'DONE', finished_at = now(), lease_until = NULL, last_error = NULL,
                               details = details || jsonb_build_object('templateCount', :count)
                         WHERE id = :id
                        """)
                .bind("count", templateCount).bind("id", job.id()).execute());
    }

    public void failSync(OutboundJob job, String sentence) {
        tx.system(h -> h.createUpdate("""
                        UPDATE outbound_jobs SET state = 'FAILED', finished_at = now(), lease_until = NULL, last_error = :error
                         WHERE id = :id
                        """)
                .bind("error", sentence).bind("id", job.id()).execute());
    }

    private void publishMessages(Handle h, List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        Map<Long, List<SyncChange>> byOrg = new LinkedHashMap<>();
        Map<Long, Long> orgOf = new LinkedHashMap<>();
        h.createQuery("SELECT id, org_id FROM messages WHERE id = ANY(:ids)")
                .bind("ids", messageIds.toArray(Long[]::new))
                .map((rs, ctx) -> orgOf.put(rs.getLong(1), rs.getLong(2)))
                .list();
        for (var message : InboxViews.messages(h, Set.copyOf(messageIds))) {
            byOrg.computeIfAbsent(orgOf.get(message.id()), o -> new ArrayList<>()).add(new SyncChange.MessageUpserted(message));
        }
        byOrg.forEach((org, changes) -> feed.appendAll(h, org, changes));
    }

    private void publish(Handle h, long orgId, List<Long> messageIds) {
        if (!messageIds.isEmpty()) {
            feed.appendAll(h, orgId, InboxViews.messages(h, Set.copyOf(messageIds)).stream()
                    .map(m -> (SyncChange) new SyncChange.MessageUpserted(m)).toList());
        }
    }
}
