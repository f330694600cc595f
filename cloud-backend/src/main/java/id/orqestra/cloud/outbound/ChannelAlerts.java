package id.orqestra.cloud.outbound;

import id.orqestra.cloud.channel.ChannelStore;
import id.orqestra.cloud.meta.MetaErrorCatalog;
import id.orqestra.cloud.platform.Hashing;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.sync.SyncChange;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;

/**
 * What happens when Meta refuses a channel's access token (error 190): the channel is flagged (sends
 * on it stop, and every agent's channel list shows it), its queued messages fail with the sentence,
 * and the admins find an account notice saying what to do. Pasting a new token clears the flag.
 */
@Singleton
public class ChannelAlerts {

    public static final String NOTICE_KIND = "CHANNEL_TOKEN_INVALID";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelAlerts.class);

    private final Tx tx;
    private final ChannelStore channels;
    private final OutboundQueue queue;
    private final ChangeFeed feed;

    public ChannelAlerts(Tx tx, ChannelStore channels, OutboundQueue queue, ChangeFeed feed) {
        this.tx = tx;
        this.channels = channels;
        this.queue = queue;
        this.feed = feed;
    }

    public void tokenRefused(long orgId, long channelId, String metaText) {
        MetaError error = new MetaError(190, null, metaText, null, null,
                MetaErrorCatalog.forCode(190).sentence());
        tx.inOrg(orgId, h -> {
            int flagged = h.createUpdate("""
                            UPDATE channels SET token_invalid_since = now() WHERE id = :id AND token_invalid_since IS NULL
                            """)
                    .bind("id", channelId).execute();
            queue.failQueuedOfChannel(h, channelId, error);
            if (flagged == 0) {
                return null; // already flagged: admins were told once
            }
            var channel = channels.find(h, orgId, channelId).orElseThrow();
            Instant now = Instant.now();
            String summary = "Channel \"" + channel.name() + "\" can no longer send: Meta refused its access token"
                    + (metaText == null ? "" : " (" + metaText + ")") + ". Paste a new token under Admin → Channels.";
            h.createUpdate("""
                            INSERT INTO account_notices (org_id, channel_id, kind, subject, status, summary, attributes,
                                                         occurred_at, dedupe_key)
                            VALUES (:org, :channel, :kind, :subject, 'TOKEN_INVALID', :summary, CAST(:attributes AS jsonb),
                                    :at, :key)
                            ON CONFLICT (org_id, dedupe_key) DO NOTHING
                            """)
                    .bind("org", orgId)
                    .bind("channel", channelId)
                    .bind("kind", NOTICE_KIND)
                    .bind("subject", "channel:" + channelId)
                    .bind("summary", summary)
                    .bind("attributes", Json.write(Map.of("code", "190", "message", metaText == null ? "" : metaText)))
                    .bind("at", now)
                    .bind("key", Hashing.sha256Hex(NOTICE_KIND, Long.toString(channelId), now.toString()))
                    .execute();
            feed.append(h, orgId, new SyncChange.ChannelUpserted(channel));
            LOG.warn("Channel {} of organization {} flagged: Meta refused its access token", channelId, orgId);
            return null;
        });
    }
}
