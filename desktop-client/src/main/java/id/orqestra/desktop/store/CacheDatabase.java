package id.orqestra.desktop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Opens the SQLite file of one cache and brings its schema up to date. Migrations are numbered SQL
 * scripts applied in order, each in its own transaction together with {@code PRAGMA user_version}, so
 * a file is always at exactly one version. WAL lets the inbox read while the sync engine writes.
 */
final class CacheDatabase {

    /** Schema versions, oldest first; never edit a released one, add the next. */
    static final List<String> MIGRATIONS = List.of(
            // 1: the inbox cache, the sync cursor and the outbox
            """
            CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE channels (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, name TEXT, json TEXT NOT NULL);
            CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, json TEXT NOT NULL);
            CREATE TABLE contacts (id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, display_name TEXT NOT NULL,
                                   json TEXT NOT NULL);
            CREATE TABLE conversations (
                id INTEGER PRIMARY KEY,
                channel_id INTEGER NOT NULL,
                platform TEXT NOT NULL,
                contact_id INTEGER NOT NULL,
                status TEXT NOT NULL,
                assignee_user_id INTEGER,
                last_activity_at INTEGER NOT NULL,
                last_preview TEXT,
                last_direction TEXT,
                unread_count INTEGER NOT NULL,
                labels TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                json TEXT NOT NULL);
            CREATE INDEX conversations_by_activity ON conversations (last_activity_at DESC, id DESC);
            CREATE INDEX conversations_by_status ON conversations (status, last_activity_at DESC, id DESC);
            CREATE INDEX conversations_by_assignee ON conversations (assignee_user_id, last_activity_at DESC, id DESC);
            CREATE INDEX conversations_by_contact ON conversations (contact_id);
            CREATE TABLE conversation_labels (label TEXT NOT NULL, conversation_id INTEGER NOT NULL,
                                              PRIMARY KEY (label, conversation_id)) WITHOUT ROWID;
            CREATE INDEX conversation_labels_by_conversation ON conversation_labels (conversation_id);
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                client_id TEXT,
                provider_message_id TEXT,
                direction TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                search_text TEXT NOT NULL,
                json TEXT NOT NULL);
            CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at, id);
            CREATE UNIQUE INDEX messages_by_client_id ON messages (client_id) WHERE client_id IS NOT NULL;
            CREATE INDEX messages_by_provider_id ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;
            CREATE VIRTUAL TABLE message_search USING fts5 (search_text, content = 'messages', content_rowid = 'id',
                                                            tokenize = 'unicode61 remove_diacritics 2');
            CREATE TRIGGER messages_indexed AFTER INSERT ON messages BEGIN
                INSERT INTO message_search (rowid, search_text) VALUES (new.id, new.search_text);
            END;
            CREATE TRIGGER messages_unindexed AFTER DELETE ON messages BEGIN
                INSERT INTO message_search (message_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            END;
            CREATE TRIGGER messages_reindexed AFTER UPDATE OF search_text ON messages
                WHEN old.search_text IS NOT new.search_text BEGIN
                INSERT INTO message_search (message_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                INSERT INTO message_search (rowid, search_text) VALUES (new.id, new.search_text);
            END;
            CREATE TABLE notes (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
                                json TEXT NOT NULL);
            CREATE INDEX notes_by_conversation ON notes (conversation_id, created_at);
            CREATE TABLE outbox (
                client_id TEXT PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                reply_to_message_id INTEGER,
                created_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT);
            CREATE INDEX outbox_by_conversation ON outbox (conversation_id, created_at);
            """,
            // 2: the search index is brought up to date right after each batch instead of inside it, so
            // applying a batch stays fast; it keeps its own copy of the text so that a row can be dropped
            // from it by id whether or not it was indexed yet
            """
            DROP TRIGGER messages_indexed;
            DROP TRIGGER messages_unindexed;
            DROP TRIGGER messages_reindexed;
            DROP TABLE message_search;
            CREATE VIRTUAL TABLE message_search USING fts5 (search_text, tokenize = 'unicode61 remove_diacritics 2');
            CREATE TABLE search_backlog (message_id INTEGER PRIMARY KEY);
            INSERT INTO search_backlog (message_id) SELECT id FROM messages;
            CREATE TRIGGER messages_to_index AFTER INSERT ON messages BEGIN
                INSERT OR IGNORE INTO search_backlog (message_id) VALUES (new.id);
            END;
            CREATE TRIGGER messages_to_reindex AFTER UPDATE OF search_text ON messages
                WHEN old.search_text IS NOT new.search_text BEGIN
                INSERT OR IGNORE INTO search_backlog (message_id) VALUES (new.id);
            END;
            CREATE TRIGGER messages_unindexed AFTER DELETE ON messages BEGIN
                DELETE FROM message_search WHERE rowid = old.id;
                DELETE FROM search_backlog WHERE message_id = old.id;
            END;
            """,
            // 3: the outbox holds files, templates and answers to Instagram comments besides text, and
            // remembers why the server refused an entry; comments answered privately from here are kept,
            // as Instagram allows one private reply per comment
            """
            ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'TEXT';
            ALTER TABLE outbox ADD COLUMN target_message_id INTEGER;
            ALTER TABLE outbox ADD COLUMN attachment TEXT;
            ALTER TABLE outbox ADD COLUMN template TEXT;
            ALTER TABLE outbox ADD COLUMN refusal_title TEXT;
            CREATE TABLE private_replies (comment_message_id INTEGER PRIMARY KEY, client_id TEXT NOT NULL,
                                          replied_at INTEGER NOT NULL);
            """,
            // 4: each entity remembers the version of the server row it came from, and a conversation
            // hidden from this member until which version it was hidden, so that an older state arriving
            // after a newer one (the feed runs in transaction order, not commit order) is left out
            """
            ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE messages ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE channels ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE hidden_conversations (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
            """);

    private CacheDatabase() {
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** A connection to {@code file} (created if missing) with the cache's settings, migrated to the latest version. */
    static Connection open(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the local cache " + file, e);
        }
        Connection connection = connect(file);
        migrate(connection);
        return connection;
    }

    /** A further connection to an already migrated file (for reading beside the writer). */
    static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            // WAL + NORMAL: a crash may lose the last batch, never corrupt the file; the cursor goes back with it
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA foreign_keys = OFF");
            s.execute("PRAGMA cache_size = -32000");
            s.execute("PRAGMA temp_store = MEMORY");
        }
        return connection;
    }

    static int version(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void migrate(Connection connection) throws SQLException {
        int current = version(connection);
        if (current > MIGRATIONS.size()) {
            throw new SQLException("The local cache was written by a newer Orqestra (schema " + current
                    + "); this version knows up to " + MIGRATIONS.size() + ".");
        }
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String statement : splitStatements(MIGRATIONS.get(version - 1))) {
                    s.execute(statement);
                }
                s.execute("PRAGMA user_version = " + version);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("Migrating the local cache to schema " + version + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Splits a script on the semicolons that end statements (a trigger body's inner ones end with its END). */
    static List<String> splitStatements(String script) {
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            if (inTrigger ? trimmed.equals("END;") : trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
