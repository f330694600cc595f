package id.orqestra.desktop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.api.Json;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;
import id.orqestra.model.sync.SyncPages;
import id.orqestra.model.tenant.UserView;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local cache of one user on one server: conversations, messages, contacts, notes, labels,
 * channels, users, the sync cursor and the outbox, in one SQLite file. Every batch of sync events is
 * applied in one transaction together with its cursor, so the file never holds a cursor without the
 * events before it. Writes go through one connection (the sync engine's); reads use a second one, which
 * WAL lets run beside a write. Thread-safe; every method blocks, so call it off the FX thread.
 */
public final class InboxStore implements AutoCloseable {

    static final String CURSOR_KEY = "cursor";
    static final int READERS = 3;
    private static final String ROW_SELECT = """
            SELECT c.id, c.channel_id, c.platform, c.contact_id, ct.display_name, c.status, c.assignee_user_id,
                   c.last_activity_at, c.last_preview, c.last_direction, c.unread_count, c.labels
              FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id
            """;
    private static final String MESSAGE_INSERT = "INSERT INTO messages (id, conversation_id, client_id, provider_message_id,"
            + " direction, sent_at, search_text, json, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final Pattern SEARCH_TOKENS = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Path file;
    private final ObjectMapper json = Json.mapper();
    private final java.util.Map<Class<?>, com.fasterxml.jackson.databind.ObjectWriter> writers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Connection writer;
    /** Readers, each used by one thread at a time: a long list read does not hold up opening a conversation. */
    private final java.util.concurrent.BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private volatile boolean closed;

    private InboxStore(Path file, Connection writer, List<Connection> readers) {
        this.file = file;
        this.writer = writer;
        this.allReaders = List.copyOf(readers);
        this.readers = new java.util.concurrent.ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /** Opens (creating and migrating as needed) the cache in {@code file}. */
    public static InboxStore open(Path file) {
        try {
            Connection writer = CacheDatabase.open(file);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(CacheDatabase.connect(file));
            }
            return new InboxStore(file, writer, readers);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the local cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** The cache file of {@code userId} on the server at {@code serverDisplay}, under the desktop folder. */
    public static Path fileFor(Path desktopDirectory, String serverDisplay, long userId) {
        String server = serverDisplay.replaceFirst("^[a-z]+://", "").replaceAll("[^A-Za-z0-9.-]+", "_");
        return desktopDirectory.resolve("cache").resolve(server + "-user" + userId + ".sqlite");
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return read(CacheDatabase::version);
    }

    // ---------------------------------------------------------------- sync writes

    /** The cursor of the last applied batch, or empty before the first snapshot finished. */
    public Optional<String> cursor() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM sync_state WHERE key = ?")) {
                s.setString(1, CURSOR_KEY);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Applies {@code events} in order and moves the cursor to {@code newCursor}, all in one transaction:
     * after a failure nothing of the batch is kept and the cursor stays where it was. Applying the same
     * events again leaves the cache as it is (each event carries the entity's whole state).
     */
    public StoreChanges apply(List<SyncEvent> events, String newCursor) {
        return write(c -> {
            Batch batch = new Batch(c);
            for (SyncEvent event : orEmpty(events)) {
                batch.apply(event.change());
            }
            if (newCursor != null) {
                setCursor(c, newCursor);
            }
            batch.close();
            return batch;
        }, newCursor);
    }

    /**
     * Stores one page of the first-run snapshot. The cursor is set only with the last page, so a snapshot
     * cut short starts again rather than leaving holes.
     */
    public StoreChanges applySnapshotPage(SyncPages.Snapshot page) {
        boolean last = page.nextPageToken() == null;
        return write(c -> {
            Batch batch = new Batch(c);
            batch.reloadEverything = true;
            for (ChannelView channel : orEmpty(page.channels())) {
                batch.apply(new SyncChange.ChannelUpserted(channel));
            }
            for (UserView user : orEmpty(page.users())) {
                batch.apply(new SyncChange.UserUpserted(user));
            }
            for (ContactView contact : orEmpty(page.contacts())) {
                batch.apply(new SyncChange.ContactUpserted(contact));
            }
            for (ConversationView conversation : orEmpty(page.conversations())) {
                batch.apply(new SyncChange.ConversationUpserted(conversation));
            }
            batch.detectNewInbound = false;
            for (MessageView message : orEmpty(page.messages())) {
                batch.apply(new SyncChange.MessageUpserted(message));
            }
            for (NoteView note : orEmpty(page.notes())) {
                batch.apply(new SyncChange.NoteUpserted(note));
            }
            if (last) {
                setCursor(c, page.cursor());
            }
            batch.close();
            return batch;
        }, last ? page.cursor() : null);
    }

    /**
     * A conversation as a REST answer returned it (after assigning, resolving…). Like every state, kept
     * only when it is not older than what the cache holds: the feed may already have brought a later one.
     */
    public StoreChanges applyAnswer(ConversationView conversation) {
        return write(c -> {
            Batch batch = new Batch(c);
            batch.upsertConversation(conversation);
            batch.close();
            return batch;
        }, null);
    }

    /** Older messages fetched from the server; only adds what is missing, never overwrites a newer state. */
    public StoreChanges addHistory(List<MessageView> messages) {
        return write(c -> {
            Batch batch = new Batch(c);
            batch.detectNewInbound = false;
            for (MessageView message : messages) {
                batch.insertMessageIfMissing(message);
            }
            batch.close();
            return batch;
        }, null);
    }

    /** Notes fetched from the server for one conversation. */
    public StoreChanges addNotes(List<NoteView> notes) {
        return write(c -> {
            Batch batch = new Batch(c);
            for (NoteView note : notes) {
                batch.apply(new SyncChange.NoteUpserted(note));
            }
            batch.close();
            return batch;
        }, null);
    }

    /**
     * Brings the search index up to date with the messages written since it was last called (batches
     * leave their messages in a backlog so that applying them stays fast). Returns how many messages
     * were indexed. The sync engine calls it after every batch, so search lags by a moment at most.
     */
    public int indexForSearch() {
        synchronized (writeLock) {
            int total = 0;
            try {
                while (true) {
                    List<Long> ids = new ArrayList<>();
                    try (Statement s = writer.createStatement();
                         ResultSet rs = s.executeQuery("SELECT message_id FROM search_backlog LIMIT 20000")) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    if (ids.isEmpty()) {
                        return total;
                    }
                    writer.setAutoCommit(false);
                    try {
                        for (List<Long> chunk : chunks(ids)) {
                            String in = "(" + marks(chunk.size()) + ")";
                            for (String sql : List.of("DELETE FROM message_search WHERE rowid IN " + in,
                                    "INSERT INTO message_search (rowid, search_text) SELECT id, search_text FROM messages WHERE id IN " + in,
                                    "DELETE FROM search_backlog WHERE message_id IN " + in)) {
                                try (PreparedStatement s = writer.prepareStatement(sql)) {
                                    bind(s, chunk);
                                    s.executeUpdate();
                                }
                            }
                        }
                        writer.commit();
                    } catch (SQLException | RuntimeException e) {
                        writer.rollback();
                        throw e;
                    } finally {
                        writer.setAutoCommit(true);
                    }
                    total += ids.size();
                }
            } catch (SQLException e) {
                throw new StoreException("Updating the search index failed: " + e.getMessage(), e);
            }
        }
    }

    /** Messages written but not yet in the search index. */
    public int searchBacklog() {
        return read(c -> count(c, "SELECT count(*) FROM search_backlog"));
    }

    // ---------------------------------------------------------------- outbox

    /**
     * Puts a reply in the outbox and shows it in the conversation's list row at once, as the server will
     * once it has it (the feed's next state of the conversation replaces this local guess).
     */
    public StoreChanges enqueueReply(OutboxEntry entry) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO outbox (client_id, conversation_id, text, reply_to_message_id, created_at, state, attempts,
                                        last_error, kind, target_message_id, attachment, template, refusal_title)
                    VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, NULL)
                    """)) {
                s.setString(1, entry.clientId());
                s.setLong(2, entry.conversationId());
                s.setString(3, entry.text() == null ? "" : entry.text());
                setLong(s, 4, entry.replyToMessageId());
                s.setLong(5, entry.createdAt().toEpochMilli());
                s.setString(6, OutboxEntry.State.PENDING.name());
                s.setString(7, entry.kind().name());
                setLong(s, 8, entry.targetMessageId());
                s.setString(9, entry.attachment() == null ? null : toJson(entry.attachment()));
                s.setString(10, entry.template() == null ? null : toJson(entry.template()));
                s.executeUpdate();
            }
            // a private reply goes to another conversation (the direct one): the comment thread's row stays as it is
            if (entry.kind() != OutboxEntry.Kind.PRIVATE_REPLY) {
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE conversations SET last_preview = ?, last_direction = 'OUTBOUND',
                               last_activity_at = max(last_activity_at, ?) WHERE id = ?
                        """)) {
                    s.setString(1, entry.preview());
                    s.setLong(2, entry.createdAt().toEpochMilli());
                    s.setLong(3, entry.conversationId());
                    s.executeUpdate();
                }
            }
            Batch batch = new Batch(c);
            batch.changedConversations.add(entry.conversationId());
            batch.outboxChanged.add(entry.conversationId());
            batch.close();
            return batch;
        }, null);
    }

    /** Replies waiting to be sent, oldest first. */
    public List<OutboxEntry> pendingOutbox() {
        return read(c -> outbox(c, "WHERE state = 'PENDING' ORDER BY created_at, client_id"));
    }

    /** The outbox entries (pending and failed) of one conversation, oldest first. */
    public List<OutboxEntry> outbox(long conversationId) {
        return read(c -> outbox(c, "WHERE conversation_id = " + conversationId + " ORDER BY created_at, client_id"));
    }

    /** One outbox entry, if it is still there. */
    public Optional<OutboxEntry> outboxEntry(String clientId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(OUTBOX_SELECT + " WHERE client_id = ?")) {
                s.setString(1, clientId);
                return outboxRows(s).stream().findFirst();
            }
        });
    }

    /** The files every outbox entry still needs (to tell them from copies left behind). */
    public Set<String> outboxFiles() {
        return read(c -> {
            Set<String> paths = new HashSet<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT attachment FROM outbox WHERE attachment IS NOT NULL")) {
                while (rs.next()) {
                    paths.add(fromJson(rs.getString(1), OutboxEntry.Attachment.class).path());
                }
            }
            return paths;
        });
    }

    /** Counts a send attempt that did not get an answer; the entry stays pending. */
    public void recordAttempt(String clientId, String error) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE client_id = ?")) {
                s.setString(1, error);
                s.setString(2, clientId);
                s.executeUpdate();
            }
            return new Batch(c).close();
        }, null);
    }

    /** The server has the entry's file: keeps its upload id, so a retried send does not upload again. */
    public void recordUpload(String clientId, OutboxEntry.Attachment uploaded) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET attachment = ? WHERE client_id = ?")) {
                s.setString(1, toJson(uploaded));
                s.setString(2, clientId);
                s.executeUpdate();
            }
            return new Batch(c).close();
        }, null);
    }

    /**
     * The server refused the reply for good: keeps it, marked failed with the server's sentence and its
     * problem title (null when there was none), for the agent to retry or discard.
     */
    public StoreChanges failOutbox(String clientId, String reason, String refusalTitle) {
        return write(c -> {
            Batch batch = new Batch(c);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE outbox SET state = 'FAILED', attempts = attempts + 1, last_error = ?, refusal_title = ?
                     WHERE client_id = ?
                    """)) {
                s.setString(1, reason);
                s.setString(2, refusalTitle);
                s.setString(3, clientId);
                s.executeUpdate();
            }
            markOutboxChanged(c, batch, clientId);
            return batch.close();
        }, null);
    }

    /** As {@link #failOutbox(String, String, String)} for a failure that did not come from the server. */
    public StoreChanges failOutbox(String clientId, String reason) {
        return failOutbox(clientId, reason, null);
    }

    /**
     * The agent asked to try a failed reply again (with the same key). A file goes up again: the server
     * may have refused the earlier upload.
     */
    public StoreChanges retryOutbox(String clientId) {
        return write(c -> {
            Batch batch = new Batch(c);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE outbox SET state = 'PENDING', last_error = NULL, refusal_title = NULL,
                           attachment = json_remove(attachment, '$.uploadId')
                     WHERE client_id = ?
                    """)) {
                s.setString(1, clientId);
                s.executeUpdate();
            }
            markOutboxChanged(c, batch, clientId);
            return batch.close();
        }, null);
    }

    /** The agent gave up on a reply that was never stored by the server. */
    public StoreChanges discardOutbox(String clientId) {
        return write(c -> {
            Batch batch = new Batch(c);
            markOutboxChanged(c, batch, clientId);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE client_id = ?")) {
                s.setString(1, clientId);
                s.executeUpdate();
            }
            return batch.close();
        }, null);
    }

    /**
     * The server stored the reply: its copy replaces the outbox entry (if the feed did not already). A
     * private reply to a comment is remembered, since Instagram allows one per comment.
     */
    public StoreChanges completeOutbox(OutboxEntry entry, MessageView stored) {
        return write(c -> {
            Batch batch = new Batch(c);
            batch.detectNewInbound = false;
            batch.insertMessageIfMissing(stored);
            batch.removeOutbox(entry.clientId(), stored.conversationId());
            return batch.close();
        }, null);
    }

    /** Of {@code commentMessageIds}, those answered privately from this app. */
    public Set<Long> privatelyAnswered(Collection<Long> commentMessageIds) {
        if (commentMessageIds.isEmpty()) {
            return Set.of();
        }
        return read(c -> {
            Set<Long> answered = new HashSet<>();
            String ids = String.join(",", commentMessageIds.stream().map(String::valueOf).toList());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT comment_message_id FROM private_replies WHERE comment_message_id IN (" + ids + ")")) {
                while (rs.next()) {
                    answered.add(rs.getLong(1));
                }
            }
            return answered;
        });
    }

    /**
     * A message as a REST answer returned it (after a reaction, a moderation). Like every state, kept only
     * when it is not older than what the cache holds (the feed may have brought a later status first).
     */
    public StoreChanges applyMessageAnswer(MessageView message) {
        return write(c -> {
            Batch batch = new Batch(c);
            batch.detectNewInbound = false;
            batch.upsertMessage(message);
            return batch.close();
        }, null);
    }

    private static void markOutboxChanged(Connection c, Batch batch, String clientId) throws SQLException {
        Long conversation = outboxConversation(c, clientId);
        if (conversation != null) {
            batch.outboxChanged.add(conversation);
        }
    }

    private static Long outboxConversation(Connection c, String clientId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT conversation_id FROM outbox WHERE client_id = ?")) {
            s.setString(1, clientId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static final String OUTBOX_SELECT = """
            SELECT client_id, conversation_id, kind, text, reply_to_message_id, target_message_id, attachment, template,
                   created_at, state, attempts, last_error, refusal_title
              FROM outbox
            """;

    private List<OutboxEntry> outbox(Connection c, String where) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OUTBOX_SELECT + where)) {
            return outboxRows(s);
        }
    }

    private List<OutboxEntry> outboxRows(PreparedStatement s) throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long replyTo = rs.getLong(5);
                boolean noReply = rs.wasNull();
                long target = rs.getLong(6);
                boolean noTarget = rs.wasNull();
                String attachment = rs.getString(7);
                String template = rs.getString(8);
                entries.add(new OutboxEntry(rs.getString(1), rs.getLong(2), OutboxEntry.Kind.valueOf(rs.getString(3)),
                        rs.getString(4), noReply ? null : replyTo, noTarget ? null : target,
                        attachment == null ? null : fromJson(attachment, OutboxEntry.Attachment.class),
                        template == null ? null : fromJson(template, InboxRequests.TemplateMessage.class),
                        Instant.ofEpochMilli(rs.getLong(9)), OutboxEntry.State.valueOf(rs.getString(10)), rs.getInt(11),
                        rs.getString(12), rs.getString(13)));
            }
        }
        return entries;
    }

    // ---------------------------------------------------------------- reads

    /** The conversation list for {@code filter}, newest activity first. */
    public List<ConversationRow> conversations(ConversationFilter filter) {
        return conversations(filter, Integer.MAX_VALUE);
    }

    /** The first {@code limit} rows of the conversation list for {@code filter}. */
    public List<ConversationRow> conversations(ConversationFilter filter, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        switch (filter.view()) {
            case MINE -> {
                where.append(" AND c.assignee_user_id = ?");
                args.add(filter.viewerUserId());
            }
            case UNASSIGNED -> where.append(" AND c.assignee_user_id IS NULL");
            case ALL -> { }
        }
        if (filter.status() != null) {
            where.append(" AND c.status = ?");
            args.add(filter.status().name());
        }
        if (filter.channelId() != null) {
            where.append(" AND c.channel_id = ?");
            args.add(filter.channelId());
        }
        if (filter.label() != null) {
            where.append(" AND c.id IN (SELECT conversation_id FROM conversation_labels WHERE label = ?)");
            args.add(filter.label());
        }
        String sql = ROW_SELECT + where + " ORDER BY c.last_activity_at DESC, c.id DESC"
                + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit);
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                return rows(s);
            }
        });
    }

    public Optional<ConversationRow> conversationRow(long id) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(ROW_SELECT + " WHERE c.id = ?")) {
                s.setLong(1, id);
                return rows(s).stream().findFirst();
            }
        });
    }

    public Optional<ConversationView> conversation(long id) {
        return readJson("SELECT json FROM conversations WHERE id = ?", id, ConversationView.class);
    }

    public Optional<ContactView> contact(long id) {
        return readJson("SELECT json FROM contacts WHERE id = ?", id, ContactView.class);
    }

    /** The latest {@code limit} messages of a conversation, oldest first. */
    public List<MessageView> latestMessages(long conversationId, int limit) {
        List<MessageView> newestFirst = read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT json FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?")) {
                s.setLong(1, conversationId);
                s.setInt(2, limit);
                return jsonList(s, MessageView.class);
            }
        });
        List<MessageView> ordered = new ArrayList<>(newestFirst);
        Collections.reverse(ordered);
        return ordered;
    }

    /** Up to {@code limit} cached messages sent before {@code message}, oldest first. */
    public List<MessageView> messagesBefore(MessageView message, int limit) {
        long sentAt = millis(message.sentAt());
        List<MessageView> newestFirst = read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT json FROM messages WHERE conversation_id = ? AND (sent_at < ? OR (sent_at = ? AND id < ?))
                     ORDER BY sent_at DESC, id DESC LIMIT ?
                    """)) {
                s.setLong(1, message.conversationId());
                s.setLong(2, sentAt);
                s.setLong(3, sentAt);
                s.setLong(4, message.id());
                s.setInt(5, limit);
                return jsonList(s, MessageView.class);
            }
        });
        List<MessageView> ordered = new ArrayList<>(newestFirst);
        Collections.reverse(ordered);
        return ordered;
    }

    /** Cached messages with these provider ids (quoted replies point at them). */
    public List<MessageView> messagesByProviderId(Collection<String> providerIds) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return read(c -> {
            String marks = String.join(",", Collections.nCopies(providerIds.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT json FROM messages WHERE provider_message_id IN (" + marks + ")")) {
                int i = 1;
                for (String id : providerIds) {
                    s.setString(i++, id);
                }
                return jsonList(s, MessageView.class);
            }
        });
    }

    public List<NoteView> notes(long conversationId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT json FROM notes WHERE conversation_id = ? ORDER BY created_at, id")) {
                s.setLong(1, conversationId);
                return jsonList(s, NoteView.class);
            }
        });
    }

    public List<ChannelView> channels() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT json FROM channels ORDER BY name, id")) {
                return jsonList(s, ChannelView.class);
            }
        });
    }

    public List<UserView> users() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT json FROM users ORDER BY name, id")) {
                return jsonList(s, UserView.class);
            }
        });
    }

    /** Every label in use in the cache, alphabetically. */
    public List<String> labels() {
        return read(c -> {
            List<String> labels = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT label FROM conversation_labels ORDER BY label")) {
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
            }
            return labels;
        });
    }

    public int unreadTotal() {
        return read(InboxStore::unreadTotal);
    }

    public int conversationCount() {
        return read(c -> count(c, "SELECT count(*) FROM conversations"));
    }

    public int messageCount() {
        return read(c -> count(c, "SELECT count(*) FROM messages"));
    }

    /**
     * Cached messages containing every word of {@code query} (the last word may be the start of one),
     * newest first. Empty for a query without words.
     */
    public List<SearchHit> search(String query, int limit) {
        String match = matchExpression(query);
        if (match.isEmpty()) {
            return List.of();
        }
        return read(c -> {
            List<SearchHit> hits = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT m.id, m.conversation_id, ct.display_name, m.direction, m.sent_at, found.excerpt
                      FROM (SELECT rowid AS id, snippet(message_search, 0, '', '', '…', 12) AS excerpt
                              FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ?) found
                      JOIN messages m ON m.id = found.id
                      LEFT JOIN conversations c ON c.id = m.conversation_id
                      LEFT JOIN contacts ct ON ct.id = c.contact_id
                     ORDER BY m.id DESC
                    """)) {
                s.setString(1, match);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new SearchHit(rs.getLong(1), rs.getLong(2), nameOr(rs.getString(3)),
                                Direction.valueOf(rs.getString(4)), rs.getLong(5), rs.getString(6)));
                    }
                }
            }
            return hits;
        });
    }

    /** The FTS5 query for what a person typed: every word must appear; the last may be unfinished. */
    static String matchExpression(String query) {
        if (query == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        var matcher = SEARCH_TOKENS.matcher(query);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                match.append(' ');
            }
            match.append('"').append(words.get(i)).append('"');
            if (i == words.size() - 1) {
                match.append('*');
            }
        }
        return match.toString();
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            closed = true;
            try {
                // wait for reads under way (a long list, say) to hand their connection back first
                for (int i = 0; i < allReaders.size(); i++) {
                    try {
                        readers.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                for (Connection reader : allReaders) {
                    reader.close();
                }
                writer.close();
            } catch (SQLException e) {
                throw new StoreException("Closing the local cache failed: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- internals

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        Connection reader;
        try {
            reader = closed ? null : readers.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            if (reader == null) {
                throw new StoreException("The local cache is closed", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to read the local cache", e);
        }
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new StoreException("Reading the local cache failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    /** Runs {@code work} in one transaction, then reads back what changed (after the commit). */
    private StoreChanges write(SqlWork<Batch> work, String cursor) {
        synchronized (writeLock) {
            Batch batch;
            try {
                writer.setAutoCommit(false);
                try {
                    batch = work.run(writer);
                    writer.commit();
                } catch (SQLException | RuntimeException e) {
                    writer.rollback();
                    throw e;
                } finally {
                    writer.setAutoCommit(true);
                }
                return batch.changes(cursor);
            } catch (SQLException e) {
                throw new StoreException("Writing to the local cache failed: " + e.getMessage(), e);
            }
        }
    }

    private static void setCursor(Connection c, String cursor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, CURSOR_KEY);
            s.setString(2, cursor);
            s.executeUpdate();
        }
    }

    private static int unreadTotal(Connection c) throws SQLException {
        return count(c, "SELECT COALESCE(SUM(unread_count), 0) FROM conversations");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private List<ConversationRow> rows(PreparedStatement s) throws SQLException {
        List<ConversationRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long assignee = rs.getLong(7);
                boolean noAssignee = rs.wasNull();
                String direction = rs.getString(10);
                String labels = rs.getString(12);
                rows.add(new ConversationRow(rs.getLong(1), rs.getLong(2), Platform.valueOf(rs.getString(3)), rs.getLong(4),
                        nameOr(rs.getString(5)), ConversationStatus.valueOf(rs.getString(6)), noAssignee ? null : assignee,
                        rs.getLong(8), rs.getString(9), direction == null ? null : Direction.valueOf(direction), rs.getInt(11),
                        labels == null || labels.isEmpty() ? List.of() : List.of(labels.split("\n"))));
            }
        }
        return rows;
    }

    private static String nameOr(String name) {
        return name == null ? "Unknown contact" : name;
    }

    private <T> Optional<T> readJson(String sql, long id, Class<T> type) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                return jsonList(s, type).stream().findFirst();
            }
        });
    }

    private <T> List<T> jsonList(PreparedStatement s, Class<T> type) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(fromJson(rs.getString(1), type));
            }
        }
        return values;
    }

    private <T> T fromJson(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("The local cache holds a " + type.getSimpleName() + " this version cannot read", e);
        }
    }

    private String toJson(Object value) {
        try {
            return writers.computeIfAbsent(value.getClass(), json::writerFor).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write a " + value.getClass().getSimpleName() + " to the local cache", e);
        }
    }

    /** The server leaves empty lists out of its JSON; to us they are empty, not missing. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    /** One transaction's writes, with prepared statements reused across its events and a record of what changed. */
    private final class Batch {
        private final Connection c;
        private final List<PreparedStatement> statements = new ArrayList<>();
        final Set<Long> changedConversations = new LinkedHashSet<>();
        final Set<Long> changedContacts = new HashSet<>();
        final Set<Long> removedConversations = new HashSet<>();
        final List<MessageView> messages = new ArrayList<>();
        final List<MessageView> newInbound = new ArrayList<>();
        final List<NoteView> notes = new ArrayList<>();
        final Set<Long> outboxChanged = new HashSet<>();
        boolean reloadEverything;
        boolean directoryChanged;
        boolean detectNewInbound = true;
        private PreparedStatement insertMessage;
        private PreparedStatement insertMissing;
        private PreparedStatement updateMessage;
        private PreparedStatement upsertContact;
        private PreparedStatement upsertNote;
        private PreparedStatement deleteOutbox;
        private PreparedStatement insertPrivateReply;
        private PreparedStatement upsertConversation;
        private PreparedStatement selectHidden;
        private PreparedStatement deleteHidden;
        private PreparedStatement deleteLabels;
        private PreparedStatement insertLabel;

        Batch(Connection c) {
            this.c = c;
        }

        void apply(SyncChange change) throws SQLException {
            switch (change) {
                case SyncChange.MessageUpserted m -> upsertMessage(m.message());
                case SyncChange.ConversationUpserted u -> upsertConversation(u.conversation());
                case SyncChange.ContactUpserted u -> upsertContact(u.contact());
                case SyncChange.NoteUpserted n -> upsertNote(n.note());
                case SyncChange.ChannelUpserted u -> upsertChannel(u.channel());
                case SyncChange.UserUpserted u -> upsertUser(u.user());
                case SyncChange.ConversationHidden h -> hideConversation(h.conversation(), h.version());
            }
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = c.prepareStatement(sql);
            statements.add(statement);
            return statement;
        }

        void upsertMessage(MessageView message) throws SQLException {
            // most live messages are new: one insert; a known one (a status, an edit) is updated instead
            if (insertMessage == null) {
                insertMessage = prepare(MESSAGE_INSERT + " ON CONFLICT (id) DO NOTHING");
            }
            String text = toJson(message);
            bindMessage(insertMessage, message, text);
            boolean isNew = insertMessage.executeUpdate() > 0;
            boolean newer = isNew;
            if (!isNew) {
                if (updateMessage == null) {
                    updateMessage = prepare("""
                            UPDATE messages SET conversation_id = ?, client_id = ?, provider_message_id = ?, direction = ?,
                                   sent_at = ?, search_text = ?, json = ?, version = ? WHERE id = ? AND version <= ?
                            """);
                }
                updateMessage.setLong(1, message.conversationId());
                updateMessage.setString(2, message.clientId());
                updateMessage.setString(3, message.providerMessageId());
                updateMessage.setString(4, message.direction().name());
                updateMessage.setLong(5, millis(message.sentAt()));
                updateMessage.setString(6, searchText(message));
                updateMessage.setString(7, text);
                updateMessage.setLong(8, message.version());
                updateMessage.setLong(9, message.id());
                updateMessage.setLong(10, message.version());
                newer = updateMessage.executeUpdate() > 0;
            }
            if (message.clientId() != null) {
                removeOutbox(message.clientId(), message.conversationId());
            }
            if (!newer) {
                return; // an older state than the one already here
            }
            messages.add(message);
            if (isNew && detectNewInbound && message.direction() == Direction.INBOUND) {
                newInbound.add(message);
            }
        }

        void insertMessageIfMissing(MessageView message) throws SQLException {
            if (insertMissing == null) {
                insertMissing = prepare(MESSAGE_INSERT + " ON CONFLICT DO NOTHING");
            }
            bindMessage(insertMissing, message, toJson(message));
            if (insertMissing.executeUpdate() > 0) {
                messages.add(message);
            }
        }

        private void bindMessage(PreparedStatement s, MessageView message, String text) throws SQLException {
            s.setLong(1, message.id());
            s.setLong(2, message.conversationId());
            s.setString(3, message.clientId());
            s.setString(4, message.providerMessageId());
            s.setString(5, message.direction().name());
            s.setLong(6, millis(message.sentAt()));
            s.setString(7, searchText(message));
            s.setString(8, text);
            s.setLong(9, message.version());
        }

        /** The server's copy of an outbox entry arrived ({@code conversationId} is where it is stored). */
        void removeOutbox(String clientId, long conversationId) throws SQLException {
            if (deleteOutbox == null) {
                deleteOutbox = prepare("DELETE FROM outbox WHERE client_id = ? RETURNING conversation_id, kind, target_message_id");
            }
            deleteOutbox.setString(1, clientId);
            Long answeredComment = null;
            try (ResultSet rs = deleteOutbox.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                outboxChanged.add(conversationId);
                // a private reply waited in its comment thread but is stored in the direct conversation
                outboxChanged.add(rs.getLong(1));
                long comment = rs.getLong(3);
                boolean noComment = rs.wasNull();
                if (OutboxEntry.Kind.PRIVATE_REPLY.name().equals(rs.getString(2)) && !noComment) {
                    answeredComment = comment;
                }
            }
            if (answeredComment != null) {
                if (insertPrivateReply == null) {
                    insertPrivateReply = prepare("""
                            INSERT OR IGNORE INTO private_replies (comment_message_id, client_id, replied_at) VALUES (?, ?, ?)
                            """);
                }
                insertPrivateReply.setLong(1, answeredComment);
                insertPrivateReply.setString(2, clientId);
                insertPrivateReply.setLong(3, System.currentTimeMillis());
                insertPrivateReply.executeUpdate();
            }
        }

        void upsertConversation(ConversationView conversation) throws SQLException {
            long hiddenSince = hiddenSince(conversation.id());
            if (hiddenSince >= conversation.version()) {
                return; // this member lost sight of it in this or a later state
            }
            if (upsertConversation == null) {
                upsertConversation = prepare("""
                        INSERT INTO conversations (id, channel_id, platform, contact_id, status, assignee_user_id, last_activity_at,
                                                   last_preview, last_direction, unread_count, labels, updated_at, json, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, platform = excluded.platform,
                            contact_id = excluded.contact_id, status = excluded.status,
                            assignee_user_id = excluded.assignee_user_id, last_activity_at = excluded.last_activity_at,
                            last_preview = excluded.last_preview, last_direction = excluded.last_direction,
                            unread_count = excluded.unread_count, labels = excluded.labels,
                            updated_at = excluded.updated_at, json = excluded.json, version = excluded.version
                        WHERE excluded.version >= conversations.version
                        """);
            }
            PreparedStatement s = upsertConversation;
            List<String> labels = conversation.labels() == null ? List.of() : conversation.labels();
            long updatedAt = millis(conversation.updatedAt());
            s.setLong(1, conversation.id());
            s.setLong(2, conversation.channelId());
            s.setString(3, conversation.platform().name());
            s.setLong(4, conversation.contactId());
            s.setString(5, conversation.status().name());
            setLong(s, 6, conversation.assigneeUserId());
            s.setLong(7, conversation.lastMessageAt() != null ? conversation.lastMessageAt().toEpochMilli() : updatedAt);
            s.setString(8, conversation.lastMessagePreview());
            s.setString(9, conversation.lastMessageDirection() == null ? null : conversation.lastMessageDirection().name());
            s.setInt(10, conversation.unreadCount());
            s.setString(11, String.join("\n", labels));
            s.setLong(12, updatedAt);
            s.setString(13, toJson(conversation));
            s.setLong(14, conversation.version());
            if (s.executeUpdate() == 0) {
                return; // an older state than the one already here
            }
            if (hiddenSince >= 0) {
                forgetHidden(conversation.id());
            }
            if (deleteLabels == null) {
                deleteLabels = prepare("DELETE FROM conversation_labels WHERE conversation_id = ?");
                insertLabel = prepare("INSERT OR IGNORE INTO conversation_labels (label, conversation_id) VALUES (?, ?)");
            }
            deleteLabels.setLong(1, conversation.id());
            deleteLabels.executeUpdate();
            for (String label : labels) {
                insertLabel.setString(1, label);
                insertLabel.setLong(2, conversation.id());
                insertLabel.executeUpdate();
            }
            changedConversations.add(conversation.id());
            removedConversations.remove(conversation.id());
        }

        void upsertContact(ContactView contact) throws SQLException {
            if (upsertContact == null) {
                upsertContact = prepare("""
                    INSERT INTO contacts (id, channel_id, display_name, json, version) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id,
                        display_name = excluded.display_name, json = excluded.json, version = excluded.version
                    WHERE excluded.version >= contacts.version
                    """);
            }
            PreparedStatement s = upsertContact;
            s.setLong(1, contact.id());
            s.setLong(2, contact.channelId());
            s.setString(3, contact.displayName());
            s.setString(4, toJson(contact));
            s.setLong(5, contact.version());
            if (s.executeUpdate() == 0) {
                return;
            }
            changedContacts.add(contact.id());
            directoryChanged = true;
        }

        void upsertNote(NoteView note) throws SQLException {
            if (upsertNote == null) {
                upsertNote = prepare("""
                    INSERT INTO notes (id, conversation_id, created_at, json) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id,
                        created_at = excluded.created_at, json = excluded.json
                    """);
            }
            PreparedStatement s = upsertNote;
            s.setLong(1, note.id());
            s.setLong(2, note.conversationId());
            s.setLong(3, millis(note.createdAt()));
            s.setString(4, toJson(note));
            s.executeUpdate();
            notes.add(note);
        }

        void upsertChannel(ChannelView channel) throws SQLException {
            PreparedStatement s = prepare("""
                    INSERT INTO channels (id, platform, name, json, version) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, name = excluded.name, json = excluded.json,
                        version = excluded.version
                    WHERE excluded.version >= channels.version
                    """);
            s.setLong(1, channel.id());
            s.setString(2, channel.platform().name());
            s.setString(3, channel.name());
            s.setString(4, toJson(channel));
            s.setLong(5, channel.version());
            s.executeUpdate();
            directoryChanged = true;
        }

        void upsertUser(UserView user) throws SQLException {
            PreparedStatement s = prepare("""
                    INSERT INTO users (id, name, email, json, version) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, json = excluded.json,
                        version = excluded.version
                    WHERE excluded.version >= users.version
                    """);
            s.setLong(1, user.id());
            s.setString(2, user.name());
            s.setString(3, user.email());
            s.setString(4, toJson(user));
            s.setLong(5, user.version());
            s.executeUpdate();
            directoryChanged = true;
        }

        /**
         * The conversation left this member's sight in state {@code version}: dropped, unless a later state
         * is already here, and remembered so that older states arriving afterwards stay out.
         */
        void hideConversation(long id, long version) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM conversations WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > version) {
                        return;
                    }
                }
            }
            dropConversation(id);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO hidden_conversations (id, version) VALUES (?, ?)
                    ON CONFLICT (id) DO UPDATE SET version = max(version, excluded.version)
                    """)) {
                s.setLong(1, id);
                s.setLong(2, version);
                s.executeUpdate();
            }
        }

        /** The version up to which the conversation is hidden from this member; -1 when it is not. */
        private long hiddenSince(long id) throws SQLException {
            if (selectHidden == null) {
                selectHidden = prepare("SELECT version FROM hidden_conversations WHERE id = ?");
            }
            selectHidden.setLong(1, id);
            try (ResultSet rs = selectHidden.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }

        private void forgetHidden(long id) throws SQLException {
            if (deleteHidden == null) {
                deleteHidden = prepare("DELETE FROM hidden_conversations WHERE id = ?");
            }
            deleteHidden.setLong(1, id);
            deleteHidden.executeUpdate();
        }

        private void dropConversation(long id) throws SQLException {
            for (String sql : List.of("DELETE FROM messages WHERE conversation_id = ?", "DELETE FROM notes WHERE conversation_id = ?",
                    "DELETE FROM conversation_labels WHERE conversation_id = ?", "DELETE FROM outbox WHERE conversation_id = ?",
                    "DELETE FROM conversations WHERE id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, id);
                    s.executeUpdate();
                }
            }
            changedConversations.remove(id);
            removedConversations.add(id);
        }

        Batch close() throws SQLException {
            for (PreparedStatement statement : statements) {
                statement.close();
            }
            statements.clear();
            insertMessage = insertMissing = updateMessage = upsertContact = upsertNote = deleteOutbox = insertPrivateReply = upsertConversation = selectHidden = deleteHidden = deleteLabels = insertLabel = null;
            return this;
        }

        /** Reads back the rows of what changed; runs after the commit, on the writer connection. */
        StoreChanges changes(String cursor) throws SQLException {
            Set<Long> ids = new LinkedHashSet<>(changedConversations);
            if (!changedContacts.isEmpty()) {
                ids.addAll(idsWhere("SELECT id FROM conversations WHERE contact_id IN ", changedContacts));
            }
            // messages change the list row through the conversation event that comes with them; a message
            // alone (history, a status) does not move the row
            ids.removeAll(removedConversations);
            List<ConversationRow> rows = new ArrayList<>();
            if (!reloadEverything) {
                for (List<Long> chunk : chunks(ids)) {
                    try (PreparedStatement s = c.prepareStatement(ROW_SELECT + " WHERE c.id IN (" + marks(chunk.size()) + ")")) {
                        bind(s, chunk);
                        rows.addAll(rows(s));
                    }
                }
            }
            return new StoreChanges(rows, removedConversations, reloadEverything ? List.of() : messages, newInbound,
                    reloadEverything ? List.of() : notes, outboxChanged, reloadEverything, directoryChanged,
                    unreadTotal(c), cursor);
        }

        private Set<Long> idsWhere(String sqlPrefix, Set<Long> keys) throws SQLException {
            Set<Long> ids = new HashSet<>();
            for (List<Long> chunk : chunks(keys)) {
                try (PreparedStatement s = c.prepareStatement(sqlPrefix + "(" + marks(chunk.size()) + ")")) {
                    bind(s, chunk);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
            }
            return ids;
        }
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }

    private static String marks(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement s, List<Long> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setLong(i + 1, values.get(i));
        }
    }

    /** What local search finds a message by: its one-line form (text, caption, file name, place…). */
    static String searchText(MessageView message) {
        if (message.content() == null) {
            return "";
        }
        String preview = message.content().preview();
        return preview == null ? "" : preview;
    }
}
