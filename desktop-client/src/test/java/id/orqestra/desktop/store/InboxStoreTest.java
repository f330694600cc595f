package id.orqestra.desktop.store;

import id.orqestra.desktop.store.ConversationFilter.InboxView;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static id.orqestra.desktop.testing.InboxSamples.T0;
import static id.orqestra.desktop.testing.InboxSamples.atVersion;
import static id.orqestra.desktop.testing.InboxSamples.contact;
import static id.orqestra.desktop.testing.InboxSamples.conversation;
import static id.orqestra.desktop.testing.InboxSamples.events;
import static id.orqestra.desktop.testing.InboxSamples.note;
import static id.orqestra.desktop.testing.InboxSamples.reply;
import static id.orqestra.desktop.testing.InboxSamples.text;
import static id.orqestra.desktop.testing.InboxSamples.upserted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite cache on real files: migrations, batches with their cursor, search, the outbox, the list query. */
class InboxStoreTest {

    @TempDir
    Path folder;
    InboxStore store;

    @BeforeEach
    void open() {
        store = InboxStore.open(folder.resolve("cache").resolve("test.sqlite"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<SyncEvent> siti() {
        return events(upserted(contact(1, "Siti Rahma")),
                upserted(conversation(10, 1, null, ConversationStatus.OPEN, T0.plusSeconds(60), "Kopi susu gula aren 2", 2,
                        List.of("order"))),
                upserted(text(100, 10, Direction.INBOUND, "Kopi susu gula aren 2 ya kak", T0)),
                upserted(text(101, 10, Direction.OUTBOUND, "Siap, pesanan dicatat", T0.plusSeconds(30))),
                upserted(note(5, 10, "Pelanggan tetap")));
    }

    @Test
    void anEmptyFileIsMigratedToTheLatestSchemaAndReopensAsItWas() throws Exception {
        assertThat(store.schemaVersion()).isEqualTo(CacheDatabase.latestVersion());
        store.apply(siti(), "1.5");
        store.close();

        store = InboxStore.open(folder.resolve("cache").resolve("test.sqlite"));
        assertThat(store.schemaVersion()).isEqualTo(CacheDatabase.latestVersion());
        assertThat(store.cursor()).contains("1.5");
        assertThat(store.messageCount()).isEqualTo(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aFileOfTheFirstSchemaMovesToTheLatestItsMessagesBecomeSearchableAndItsRepliesStayText() throws Exception {
        store.close();
        Path old = folder.resolve("old.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            for (String statement : CacheDatabase.splitStatements(CacheDatabase.MIGRATIONS.getFirst())) {
                c.createStatement().execute(statement);
            }
            c.createStatement().execute("PRAGMA user_version = 1");
            c.createStatement().execute("""
                    INSERT INTO messages (id, conversation_id, direction, sent_at, search_text, json)
                    VALUES (1, 1, 'INBOUND', 0, 'Kopi tubruk dua gelas', '{}')""");
            c.createStatement().execute("""
                    INSERT INTO outbox (client_id, conversation_id, text, created_at, state, attempts)
                    VALUES ('0b8c7d3e-2222-4c1e-9a55-1d2f3b4c5d6e', 1, 'Siap kak', 0, 'PENDING', 0)""");
        }
        store = InboxStore.open(old);
        assertThat(store.schemaVersion()).isEqualTo(CacheDatabase.latestVersion()).isEqualTo(4);
        assertThat(store.searchBacklog()).isEqualTo(1);
        store.indexForSearch();
        assertThat(store.search("tubruk", 5)).extracting(SearchHit::messageId).containsExactly(1L);
        assertThat(store.pendingOutbox()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.TEXT);
            assertThat(entry.text()).isEqualTo("Siap kak");
            assertThat(entry.attachment()).isNull();
        });
    }

    @Test
    void applyingTheSameBatchTwiceChangesNothingTheSecondTime() {
        List<SyncEvent> batch = siti();
        StoreChanges first = store.apply(batch, "1.5");
        assertThat(first.newInbound()).extracting(m -> m.id()).containsExactly(100L);
        assertThat(first.conversations()).singleElement().satisfies(row -> {
            assertThat(row.contactName()).isEqualTo("Siti Rahma");
            assertThat(row.unreadCount()).isEqualTo(2);
            assertThat(row.labels()).containsExactly("order");
        });
        List<ConversationRow> before = store.conversations(ConversationFilter.all(7));

        StoreChanges again = store.apply(batch, "1.5");

        assertThat(again.newInbound()).isEmpty();
        assertThat(store.conversations(ConversationFilter.all(7))).isEqualTo(before);
        assertThat(store.messageCount()).isEqualTo(2);
        assertThat(store.latestMessages(10, 50)).extracting(m -> m.id()).containsExactly(100L, 101L);
        assertThat(store.notes(10)).hasSize(1);
        assertThat(store.unreadTotal()).isEqualTo(2);
    }

    @Test
    void aBatchThatFailsHalfwayLeavesNeitherItsChangesNorItsCursor() {
        store.apply(siti(), "1.5");
        List<SyncEvent> broken = new ArrayList<>(events(upserted(text(102, 10, Direction.INBOUND, "Masih ada stok?", T0.plusSeconds(90)))));
        broken.add(new SyncEvent("1.99", T0, new SyncChange.ConversationUpserted(null)));

        assertThatThrownBy(() -> store.apply(broken, "1.99")).isInstanceOf(RuntimeException.class);
        store.indexForSearch();

        assertThat(store.cursor()).contains("1.5");
        assertThat(store.messageCount()).isEqualTo(2);
        assertThat(store.search("stok", 10)).isEmpty();
    }

    @Test
    void searchFindsWholeWordsAndTheBeginningOfTheLastOne() {
        store.apply(siti(), "1.5");
        store.apply(events(upserted(contact(2, "Budi")),
                upserted(conversation(11, 2, null, ConversationStatus.OPEN, T0.plusSeconds(120), "Kapan dikirim?", 1, List.of())),
                upserted(text(110, 11, Direction.INBOUND, "Kapan pesanan saya dikirim?", T0.plusSeconds(120)))), "1.9");
        // batches leave their messages to the indexer, which the sync engine runs right after each one
        assertThat(store.search("susu", 10)).isEmpty();
        assertThat(store.searchBacklog()).isEqualTo(3);
        assertThat(store.indexForSearch()).isEqualTo(3);
        assertThat(store.searchBacklog()).isZero();

        assertThat(store.search("susu", 10)).extracting(SearchHit::messageId).containsExactly(100L);
        assertThat(store.search("pesan", 10)).extracting(SearchHit::messageId).containsExactly(110L, 101L);
        assertThat(store.search("Kopi  AREN", 10)).singleElement().satisfies(hit -> {
            assertThat(hit.conversationId()).isEqualTo(10);
            assertThat(hit.contactName()).isEqualTo("Siti Rahma");
            assertThat(hit.excerpt()).contains("gula aren");
        });
        assertThat(store.search("teh", 10)).isEmpty();
        assertThat(store.search("  ?! ", 10)).isEmpty();

        // an edit is found by its new words only; a dropped conversation is not found at all
        store.apply(events(upserted(text(110, 11, Direction.INBOUND, "Kapan paket saya tiba?", T0.plusSeconds(120)))), "1.10");
        store.indexForSearch();
        assertThat(store.search("pesanan", 10)).extracting(SearchHit::messageId).containsExactly(101L);
        assertThat(store.search("paket", 10)).extracting(SearchHit::messageId).containsExactly(110L);
        store.apply(events(new SyncChange.ConversationHidden(11, 0)), "1.11");
        assertThat(store.search("paket", 10)).isEmpty();
        assertThat(store.conversationRow(11)).isEmpty();
    }

    @Test
    void aStateOlderThanTheOneHeldIsLeftOutWhateverOrderTheFeedBringsThemIn() {
        store.apply(siti(), "1.5");
        var resolved = atVersion(conversation(10, 1, 7L, ConversationStatus.RESOLVED, T0.plusSeconds(60), "Kopi susu gula aren 2",
                0, List.of("order")), 4);
        var reopened = atVersion(conversation(10, 1, 7L, ConversationStatus.OPEN, T0.plusSeconds(90), "Jadi dikirim?", 1,
                List.of("order")), 5);
        var sent = text(101, 10, Direction.OUTBOUND, "Siap, pesanan dicatat", T0.plusSeconds(30));
        var read = withStatus(sent, MessageStatus.READ, 3);
        var delivered = withStatus(sent, MessageStatus.DELIVERED, 2);

        // the later state first (its transaction began first), then the one it overwrote
        StoreChanges changes = store.apply(events(upserted(reopened), upserted(resolved), upserted(read), upserted(delivered),
                upserted(atVersion(contact(1, "Siti R."), 3)), upserted(atVersion(contact(1, "Siti"), 2))), "1.6");

        assertThat(store.conversationRow(10)).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo(ConversationStatus.OPEN);
            assertThat(row.lastPreview()).isEqualTo("Jadi dikirim?");
            assertThat(row.unreadCount()).isEqualTo(1);
        });
        assertThat(store.latestMessages(10, 10)).filteredOn(m -> m.id() == 101).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MessageStatus.READ));
        assertThat(store.contact(1)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Siti R."));
        assertThat(changes.messages()).as("the stale status is not announced to the screen").doesNotContain(delivered);
    }

    private static MessageView withStatus(MessageView m, MessageStatus status, long version) {
        return new MessageView(m.id(), m.conversationId(), m.channelId(), m.providerMessageId(), m.clientId(), m.direction(),
                m.content(), m.context(), m.referral(), status, m.statusAt(), m.error(), m.senderUserId(), m.sentAt(),
                m.editedAt(), m.deletedAt(), m.mediaState(), m.reactions(), m.hiddenAt(), version);
    }

    @Test
    void aConversationHiddenFromThisMemberStaysHiddenFromOlderStatesAndReturnsWithANewerOne() {
        store.apply(siti(), "1.5");
        var mine = conversation(10, 1, 7L, ConversationStatus.OPEN, T0.plusSeconds(60), "Kopi susu gula aren 2", 2, List.of());

        store.apply(events(new SyncChange.ConversationHidden(10, 6), upserted(atVersion(mine, 5))), "1.6");
        assertThat(store.conversationRow(10)).as("the older state that still showed it as mine").isEmpty();

        store.apply(events(upserted(atVersion(mine, 7))), "1.7");
        assertThat(store.conversationRow(10)).as("assigned back: a newer state").isPresent();

        store.apply(events(new SyncChange.ConversationHidden(10, 6)), "1.8");
        assertThat(store.conversationRow(10)).as("a hide older than the state held").isPresent();
    }

    @Test
    void aReplyWaitsInTheOutboxUntilTheServersCopyArrives() {
        store.apply(siti(), "1.5");
        OutboxEntry entry = new OutboxEntry("6a1f0c9e-8d6b-4c1e-9a55-1d2f3b4c5d6e", 10, "Sudah dikirim ya", null,
                T0.plusSeconds(300), OutboxEntry.State.PENDING, 0, null);

        StoreChanges queued = store.enqueueReply(entry);

        assertThat(queued.outboxChanged()).containsExactly(10L);
        assertThat(store.pendingOutbox()).containsExactly(entry);
        assertThat(queued.conversations()).singleElement().satisfies(row -> {
            assertThat(row.lastPreview()).isEqualTo("Sudah dikirim ya");
            assertThat(row.lastActivityMillis()).isEqualTo(T0.plusSeconds(300).toEpochMilli());
        });

        StoreChanges arrived = store.apply(events(upserted(reply(120, 10, entry.clientId(), "Sudah dikirim ya",
                T0.plusSeconds(301)))), "1.12");

        assertThat(arrived.outboxChanged()).containsExactly(10L);
        assertThat(store.pendingOutbox()).isEmpty();
        assertThat(store.outbox(10)).isEmpty();
        assertThat(store.latestMessages(10, 10)).extracting(m -> m.clientId()).contains(entry.clientId());
    }

    @Test
    void aRefusedReplyStaysAsFailedUntilRetriedOrDiscarded() {
        store.apply(siti(), "1.5");
        OutboxEntry entry = new OutboxEntry("0b8c7d3e-1111-4c1e-9a55-1d2f3b4c5d6e", 10, "Halo", null, T0,
                OutboxEntry.State.PENDING, 0, null);
        store.enqueueReply(entry);

        store.failOutbox(entry.clientId(), "This channel is disabled.");
        assertThat(store.pendingOutbox()).isEmpty();
        assertThat(store.outbox(10)).singleElement().satisfies(failed -> {
            assertThat(failed.state()).isEqualTo(OutboxEntry.State.FAILED);
            assertThat(failed.lastError()).isEqualTo("This channel is disabled.");
        });

        store.retryOutbox(entry.clientId());
        assertThat(store.pendingOutbox()).extracting(OutboxEntry::clientId).containsExactly(entry.clientId());
        store.discardOutbox(entry.clientId());
        assertThat(store.outbox(10)).isEmpty();
    }

    @Test
    void theListIsFilteredByViewStatusLabelAndChannelNewestFirst() {
        store.apply(events(upserted(contact(1, "A")), upserted(contact(2, "B")), upserted(contact(3, "C")),
                upserted(conversation(1, 1, 7L, ConversationStatus.OPEN, T0.plusSeconds(10), "a", 0, List.of("vip"))),
                upserted(atVersion(conversation(2, 2, null, ConversationStatus.OPEN, T0.plusSeconds(30), "b", 1, List.of()), 2)),
                upserted(conversation(3, 3, 8L, ConversationStatus.RESOLVED, T0.plusSeconds(20), "c", 0, List.of("vip")))),
                "2.1");
        ConversationFilter all = ConversationFilter.all(7);

        assertThat(ids(all)).containsExactly(2L, 3L, 1L);
        assertThat(ids(all.withView(InboxView.MINE))).containsExactly(1L);
        assertThat(ids(all.withView(InboxView.UNASSIGNED))).containsExactly(2L);
        assertThat(ids(all.withStatus(ConversationStatus.OPEN))).containsExactly(2L, 1L);
        assertThat(ids(all.withLabel("vip"))).containsExactly(3L, 1L);
        assertThat(ids(all.withChannel(2L))).isEmpty();
        assertThat(store.labels()).containsExactly("vip");
        // the in-memory rule agrees with the SQL
        for (ConversationFilter filter : List.of(all, all.withView(InboxView.MINE), all.withLabel("vip"),
                all.withStatus(ConversationStatus.RESOLVED))) {
            assertThat(store.conversations(all).stream().filter(filter::matches).map(ConversationRow::id).toList())
                    .isEqualTo(ids(filter));
        }
        // a REST answer older than the cached state is ignored; a newer one is kept
        store.applyAnswer(atVersion(conversation(2, 2, 7L, ConversationStatus.OPEN, T0.plusSeconds(30), "b", 1, List.of()), 1));
        assertThat(store.conversationRow(2).orElseThrow().assigneeUserId()).isNull();
        store.applyAnswer(atVersion(conversation(2, 2, 7L, ConversationStatus.OPEN, T0.plusSeconds(30), "b", 0, List.of()), 3));
        assertThat(store.conversationRow(2).orElseThrow().assigneeUserId()).isEqualTo(7L);
    }

    private List<Long> ids(ConversationFilter filter) {
        return store.conversations(filter).stream().map(ConversationRow::id).toList();
    }

    @Test
    void theSearchExpressionQuotesWordsAndOnlyTheLastIsAPrefix() {
        assertThat(InboxStore.matchExpression("Kopi \"susu\" ar")).isEqualTo("\"kopi\" \"susu\" \"ar\"*");
        assertThat(InboxStore.matchExpression("OR NOT *")).isEqualTo("\"or\" \"not\"*");
        assertThat(InboxStore.matchExpression(null)).isEmpty();
    }
}
