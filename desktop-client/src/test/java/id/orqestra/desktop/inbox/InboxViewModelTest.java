package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.store.ConversationFilter.InboxView;
import id.orqestra.desktop.store.ConversationRow;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.sync.SyncApi;
import id.orqestra.desktop.sync.SyncEngine;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.desktop.testing.FakeOrqestraServer;
import id.orqestra.model.auth.Session;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.sync.SyncEvent;
import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static id.orqestra.desktop.testing.InboxSamples.T0;
import static id.orqestra.desktop.testing.InboxSamples.contact;
import static id.orqestra.desktop.testing.InboxSamples.conversation;
import static id.orqestra.desktop.testing.InboxSamples.events;
import static id.orqestra.desktop.testing.InboxSamples.reply;
import static id.orqestra.desktop.testing.InboxSamples.text;
import static id.orqestra.desktop.testing.InboxSamples.upserted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox view models with no UI at all: a real cache on disk, batches handed over the way the sync
 * engine hands them, and the UI executor running work on the calling thread.
 */
class InboxViewModelTest {

    static final long ME = 7;

    @TempDir
    Path folder;
    InboxStore store;
    SyncSession session;
    InboxViewModel inbox;
    final List<InboxViewModel.NewMessages> announced = new ArrayList<>();

    @BeforeEach
    void open() {
        store = InboxStore.open(folder.resolve("inbox.sqlite"));
        session = sessionWith(EnumSet.allOf(Permission.class));
        inbox = inboxOf(session);
        inbox.setOnNewMessages(announced::add);
        apply(events(upserted(contact(1, "Siti")), upserted(contact(2, "Budi")), upserted(contact(3, "Rina")),
                upserted(conversation(1, 1, ME, ConversationStatus.OPEN, T0.plusSeconds(10), "Kopi susu gula aren", 1, List.of("vip"))),
                upserted(conversation(2, 2, null, ConversationStatus.OPEN, T0.plusSeconds(30), "Paket penyok", 2, List.of())),
                upserted(conversation(3, 3, 8L, ConversationStatus.RESOLVED, T0.plusSeconds(20), "Terima kasih", 0, List.of())),
                upserted(text(10, 1, Direction.INBOUND, "Kopi susu gula aren satu ya", T0.plusSeconds(10))),
                upserted(text(20, 2, Direction.INBOUND, "Paketnya sampai penyok", T0.plusSeconds(30)))));
        announced.clear();
        inbox.load();
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** Dewi signed in with these permissions, on this test's cache. */
    private SyncSession sessionWith(Set<Permission> permissions) {
        Session signedIn = new Session("access", Instant.now().plus(Duration.ofHours(1)), "refresh",
                new Session.UserProfile(ME, "dewi@kopisenja.test", "Dewi", 1, "Kopi Senja", "Owner", permissions));
        ApiTransport transport = new ApiTransport(Duration.ofMillis(300), Duration.ofSeconds(1));
        // nobody listens there: the engine is not started, and replies simply wait in the outbox
        ApiClient client = new ApiClient(transport, new ApiSession(transport,
                ServerAddress.parse(FakeOrqestraServer.closedPortUrl()), "dewi@kopisenja.test", signedIn));
        return new SyncSession(signedIn.user(), store, new SyncApi(client), Runnable::run, Runnable::run,
                SyncEngine.Settings.defaults());
    }

    private static InboxViewModel inboxOf(SyncSession session) {
        // the samples' customers wrote at T0: a clock two minutes later keeps their messaging windows open
        return new InboxViewModel(session, CannedResponses.defaults(),
                java.time.Clock.fixed(T0.plusSeconds(120), java.time.ZoneOffset.UTC), id.orqestra.desktop.viewmodel.Ticker.NONE);
    }

    /** What the sync engine does with a batch: apply it, hand it over, index its messages. */
    private void apply(List<SyncEvent> events) {
        session.dispatcher().publish(store.apply(events, events.getLast().cursor()));
        store.indexForSearch();
    }

    private List<Long> listed() {
        return inbox.conversations().stream().map(ConversationRow::id).toList();
    }

    @Test
    void theListShowsOpenConversationsNewestFirstAndFollowsBatches() {
        assertThat(listed()).containsExactly(2L, 1L);
        assertThat(inbox.unreadTotalProperty().get()).isEqualTo(3);
        assertThat(inbox.labels()).containsExactly("vip");

        apply(events(upserted(contact(4, "Maya")),
                upserted(conversation(4, 4, null, ConversationStatus.OPEN, T0.plusSeconds(40), "Halo kak", 1, List.of())),
                upserted(text(40, 4, Direction.INBOUND, "Halo kak", T0.plusSeconds(40)))));
        assertThat(listed()).containsExactly(4L, 2L, 1L);
        assertThat(inbox.unreadTotalProperty().get()).isEqualTo(4);
        assertThat(announced).singleElement().satisfies(news -> {
            assertThat(news.contactName()).isEqualTo("Maya");
            assertThat(news.preview()).isEqualTo("Halo kak");
        });

        // resolved leaves the "open" list; new activity moves a row to the top
        apply(events(upserted(conversation(2, 2, null, ConversationStatus.RESOLVED, T0.plusSeconds(50), "Paket penyok", 0, List.of())),
                upserted(conversation(1, 1, ME, ConversationStatus.OPEN, T0.plusSeconds(60), "Jadi pesan 2", 2, List.of("vip")))));
        assertThat(listed()).containsExactly(1L, 4L);
        assertThat(inbox.conversations().getFirst().lastPreview()).isEqualTo("Jadi pesan 2");

        // the same batch again announces nothing and changes nothing
        apply(events(upserted(text(40, 4, Direction.INBOUND, "Halo kak", T0.plusSeconds(40)))));
        assertThat(announced).hasSize(1);
        assertThat(listed()).containsExactly(1L, 4L);
    }

    @Test
    void viewsAndFiltersChooseWhatTheListHolds() {
        inbox.statusFilterProperty().set(null);
        assertThat(listed()).containsExactly(2L, 3L, 1L);
        inbox.viewProperty().set(InboxView.MINE);
        assertThat(listed()).containsExactly(1L);
        inbox.viewProperty().set(InboxView.UNASSIGNED);
        assertThat(listed()).containsExactly(2L);
        inbox.viewProperty().set(InboxView.ALL);
        inbox.labelFilterProperty().set("vip");
        assertThat(listed()).containsExactly(1L);
        inbox.labelFilterProperty().set(null);
        inbox.statusFilterProperty().set(ConversationStatus.RESOLVED);
        assertThat(listed()).containsExactly(3L);
        inbox.viewProperty().set(InboxView.MINE);
        assertThat(listed()).isEmpty();
        assertThat(inbox.emptyTextProperty().get()).isEqualTo("No conversations are assigned to you with these filters.");
    }

    @Test
    void anEmptyUnassignedViewSaysSoForARoleThatSeesOnlyItsOwnConversations() {
        inbox.viewProperty().set(InboxView.UNASSIGNED);
        inbox.statusFilterProperty().set(ConversationStatus.PENDING);
        assertThat(inbox.emptyTextProperty().get()).isEqualTo("Every conversation has someone on it with these filters.");

        // signed in again as an agent, whose cache never holds the unassigned conversations: an empty view is no
        // sign that there are none
        session.close();
        store = InboxStore.open(folder.resolve("inbox.sqlite"));
        session = sessionWith(EnumSet.complementOf(EnumSet.of(Permission.INBOX_VIEW_ALL)));
        inbox = inboxOf(session);
        inbox.viewProperty().set(InboxView.UNASSIGNED);
        inbox.statusFilterProperty().set(ConversationStatus.PENDING);
        inbox.load();
        assertThat(inbox.conversations()).isEmpty();
        assertThat(inbox.emptyTextProperty().get()).isEqualTo("Your role shows you only the conversations "
                + "assigned to you; unassigned ones are handled by your supervisors.");
    }

    @Test
    void aReplyShowsAtOnceAsPendingAndTheServersCopyTakesItsPlace() {
        inbox.select(inbox.conversations().getLast());
        ConversationViewModel open = inbox.conversation();
        assertThat(open.openId()).isEqualTo(1);
        assertThat(open.messages()).extracting(item -> item.message().id()).containsExactly(10L);
        assertThat(open.contactProperty().get().name()).isEqualTo("Siti");

        open.composerTextProperty().set("  Siap kak, dikirim hari ini  ");
        open.send();

        assertThat(open.composerTextProperty().get()).isEmpty();
        assertThat(open.messages()).hasSize(2);
        MessageItem pending = open.messages().getLast();
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.pending().text()).isEqualTo("Siap kak, dikirim hari ini");
        assertThat(store.pendingOutbox()).singleElement().extracting(e -> e.clientId()).isEqualTo(pending.pending().clientId());
        // the list row already shows the reply
        assertThat(inbox.conversations().getFirst().id()).isEqualTo(1);
        assertThat(inbox.conversations().getFirst().lastDirection()).isEqualTo(Direction.OUTBOUND);

        apply(events(upserted(reply(11, 1, pending.pending().clientId(), "Siap kak, dikirim hari ini", Instant.now()))));

        assertThat(open.messages()).hasSize(2);
        MessageItem stored = open.messages().getLast();
        assertThat(stored.isPending()).isFalse();
        assertThat(stored.key()).isEqualTo(pending.key());
        assertThat(stored.message().id()).isEqualTo(11);
        assertThat(store.pendingOutbox()).isEmpty();
    }

    @Test
    void aMessageForTheOpenConversationLandsInItInTimeOrder() {
        inbox.select(inbox.conversations().getFirst());
        ConversationViewModel open = inbox.conversation();
        apply(events(upserted(text(22, 2, Direction.INBOUND, "Fotonya menyusul", T0.plusSeconds(90))),
                upserted(text(21, 2, Direction.INBOUND, "Kardusnya basah", T0.plusSeconds(60))),
                upserted(text(99, 1, Direction.INBOUND, "Other conversation", T0.plusSeconds(95)))));
        assertThat(open.messages()).extracting(item -> item.message().id()).containsExactly(20L, 21L, 22L);
    }

    @Test
    void localSearchFindsCachedMessagesAndClearsBackToTheList() {
        inbox.searchTextProperty().set("penyok");
        assertThat(inbox.searchingProperty().get()).isTrue();
        assertThat(inbox.searchResults()).singleElement().satisfies(hit -> {
            assertThat(hit.conversationId()).isEqualTo(2);
            assertThat(hit.contactName()).isEqualTo("Budi");
        });
        inbox.openHit(inbox.searchResults().getFirst());
        assertThat(inbox.conversation().openId()).isEqualTo(2);
        assertThat(inbox.conversation().highlightedProperty().get().message().id()).isEqualTo(20);

        inbox.searchTextProperty().set("tidak ada kata ini");
        assertThat(inbox.searchResults()).isEmpty();
        assertThat(inbox.searchSummaryProperty().get()).contains("No cached message matches");
        inbox.clearSearch();
        assertThat(inbox.searchingProperty().get()).isFalse();
    }

    @Test
    void nextAndPreviousMoveThroughTheListAndWrapAround() {
        inbox.selectNext();
        assertThat(inbox.selectedProperty().get().id()).isEqualTo(2);
        inbox.selectNext();
        assertThat(inbox.selectedProperty().get().id()).isEqualTo(1);
        inbox.selectNext();
        assertThat(inbox.selectedProperty().get().id()).isEqualTo(2);
        inbox.selectPrevious();
        assertThat(inbox.selectedProperty().get().id()).isEqualTo(1);
        assertThat(inbox.conversation().openId()).isEqualTo(1);
    }

    @Test
    void cannedResponsesAreOfferedForASlashWordAndReplaceIt() {
        ConversationViewModel open = inbox.conversation();
        open.composerTextProperty().set("/ong");
        assertThat(open.cannedMatches()).extracting(CannedResponses.Canned::shortcut).containsExactly("ongkir");
        open.useCanned(open.cannedMatches().getFirst());
        assertThat(open.composerTextProperty().get()).startsWith("Ongkos kirim");
        open.composerTextProperty().set("/ongkir dong");
        assertThat(open.cannedMatches()).isEmpty();
    }
}
