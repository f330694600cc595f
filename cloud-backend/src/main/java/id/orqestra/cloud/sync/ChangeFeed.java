package id.orqestra.cloud.sync;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * The per-organization change feed. Writers append inside their own transaction, so an event exists
 * exactly when the change it describes committed; a NOTIFY at commit tells every backend instance
 * that there is something new for that organization.
 */
@Singleton
public class ChangeFeed {

    /** The NOTIFY channel; the payload is the organization id. */
    public static final String CHANNEL = "change_feed";

    /** Appends one change to the organization's feed, within the caller's transaction. */
    public void append(Handle handle, long orgId, SyncChange change) {
        appendAll(handle, orgId, List.of(change));
    }

    /** Appends changes in this order, in one statement, and tells every instance once. */
    public void appendAll(Handle handle, long orgId, List<? extends SyncChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Long[] conversations = new Long[changes.size()];
        String[] types = new String[changes.size()];
        String[] payloads = new String[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            SyncChange change = changes.get(i);
            conversations[i] = change.conversationId();
            types[i] = typeName(change);
            payloads[i] = Json.write(change);
        }
        handle.createQuery("""
                        WITH appended AS (
                            INSERT INTO change_events (org_id, conversation_id, type, payload)
                            SELECT :org, conversation, type, CAST(payload AS jsonb)
                              FROM unnest(:conversations, :types, :payloads) WITH ORDINALITY AS c(conversation, type, payload, n)
                             ORDER BY n
                            RETURNING 1)
                        SELECT pg_notify(:channel, :orgText) FROM (SELECT count(*) FROM appended) done
                        """)
                .bind("org", orgId)
                .bind("orgText", Long.toString(orgId))
                .bind("channel", CHANNEL)
                .bind("conversations", conversations)
                .bind("types", types)
                .bind("payloads", payloads)
                .mapToMap()
                .one();
    }

    /**
     * The position just after the newest event a reader may see now; a client that applies a snapshot
     * read afterwards and then catches up from here misses nothing.
     */
    public FeedCursor head(Handle handle, long orgId) {
        return handle.createQuery("""
                        SELECT xid, id FROM change_events
                         WHERE org_id = :org AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                         ORDER BY xid DESC, id DESC LIMIT 1
                        """)
                .bind("org", orgId)
                .map((rs, ctx) -> new FeedCursor(rs.getLong(1), rs.getLong(2)))
                .findOne()
                .orElse(FeedCursor.START);
    }

    /**
     * Events after {@code cursor}, oldest first, at most {@code limit}. Only events of transactions
     * older than every still-running transaction are returned: a transaction that started earlier but
     * commits later would otherwise add an event behind the cursor the client already holds.
     */
    public List<SyncEvent> read(Handle handle, long orgId, FeedCursor cursor, int limit) {
        return handle.createQuery("""
                        SELECT id, xid, created_at, payload
                          FROM change_events
                         WHERE org_id = :org
                           AND (xid, id) > (:xid, :id)
                           AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                         ORDER BY xid, id
                         LIMIT :limit
                        """)
                .bind("org", orgId)
                .bind("xid", cursor.xid())
                .bind("id", cursor.id())
                .bind("limit", limit)
                .map((rs, ctx) -> new SyncEvent(
                        new FeedCursor(rs.getLong("xid"), rs.getLong("id")).toString(),
                        rs.getTimestamp("created_at").toInstant(),
                        Json.read(rs.getString("payload"), SyncChange.class)))
                .list();
    }

    /** The wire name of each change type, as its Jackson annotation declares it (one place names them). */
    private static final java.util.Map<Class<?>, String> TYPE_NAMES = java.util.Arrays.stream(
                    SyncChange.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(
                    com.fasterxml.jackson.annotation.JsonSubTypes.Type::value,
                    com.fasterxml.jackson.annotation.JsonSubTypes.Type::name));

    static String typeName(SyncChange change) {
        return TYPE_NAMES.get(change.getClass());
    }
}
