package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.sync.SyncApi;
import id.orqestra.desktop.sync.SyncEngine;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.desktop.testing.FakeOrqestraServer;
import id.orqestra.desktop.viewmodel.Ticker;
import id.orqestra.model.auth.Session;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.inbox.ReactionView;
import id.orqestra.model.sync.SyncChange;
import id.orqestra.model.sync.SyncEvent;
import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static id.orqestra.desktop.testing.InboxSamples.events;
import static id.orqestra.desktop.testing.InboxSamples.upserted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composer of the open conversation with no UI: the window's countdown on a clock the test moves,
 * what may be sent and why not, attached files, the template picker, reactions and Instagram comment
 * answers. A real cache on disk; replies stay in the outbox (the engine is not started), so what would
 * be sent is read from there.
 */
class ComposerViewModelTest {

    static final long ME = 7;
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final long WHATSAPP = 1;
    static final long INSTAGRAM = 2;

    @TempDir
    Path folder;
    final MovableClock clock = new MovableClock(NOW);
    final RecordingTicker ticker = new RecordingTicker();
    InboxStore store;
    SyncSession session;
    ConversationViewModel open;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Keeps what was scheduled; the test runs the latest tick when it has moved the clock. */
    static final class RecordingTicker implements Ticker {
        final List<Duration> delays = new ArrayList<>();
        private Runnable latest;
        private boolean cancelled;

        @Override
        public Runnable schedule(Duration delay, Runnable action) {
            delays.add(delay);
            latest = action;
            cancelled = false;
            return () -> cancelled = true;
        }

        void tick() {
            assertThat(cancelled).as("the countdown has a tick scheduled").isFalse();
            latest.run();
        }
    }

    @BeforeEach
    void openCache() {
        startSession(FakeOrqestraServer.closedPortUrl(), EnumSet.allOf(Permission.class));
    }

    void startSession(String serverUrl, java.util.Set<Permission> permissions) {
        store = InboxStore.open(folder.resolve("inbox-" + System.nanoTime() + ".sqlite"));
        Session signedIn = new Session("access", Instant.now().plus(Duration.ofHours(1)), "refresh",
                new Session.UserProfile(ME, "dewi@kopisenja.test", "Dewi", 1, "Kopi Senja", "Owner", permissions));
        ApiTransport transport = new ApiTransport(Duration.ofMillis(300), Duration.ofSeconds(2));
        ApiClient client = new ApiClient(transport, new ApiSession(transport, ServerAddress.parse(serverUrl),
                "dewi@kopisenja.test", signedIn));
        session = new SyncSession(signedIn.user(), store, new SyncApi(client), Runnable::run, Runnable::run,
                SyncEngine.Settings.defaults());
        open = new ConversationViewModel(session, CannedResponses.defaults(), clock, ticker);
        session.dispatcher().subscribe(open::onChanges);
        apply(events(channel(WHATSAPP, Platform.WHATSAPP, null), channel(INSTAGRAM, Platform.INSTAGRAM, null),
                upserted(contact(1, Platform.WHATSAPP, "Sari")), upserted(contact(2, Platform.INSTAGRAM, "rina.kopi"))));
    }

    @AfterEach
    void close() {
        session.close();
    }

    // ---- samples

    static SyncChange channel(long id, Platform platform, Instant tokenInvalidSince) {
        return new SyncChange.ChannelUpserted(new ChannelView(id, platform, platform == Platform.WHATSAPP ? "Kopi Senja WA" : "@kopisenja",
                platform == Platform.WHATSAPP ? "471209385610274" : null, null, "6281230004455", null, null, true, 80,
                tokenInvalidSince, 1));
    }

    static ContactView contact(long id, Platform platform, String name) {
        return new ContactView(id, platform == Platform.WHATSAPP ? WHATSAPP : INSTAGRAM, platform, "62812000" + id, null,
                name, null, Map.of(), false, NOW, 1);
    }

    /** A WhatsApp conversation whose customer last wrote at {@code lastInbound}; the window is the server's 24 hours. */
    static ConversationView whatsApp(long id, Instant lastInbound) {
        return new ConversationView(id, WHATSAPP, Platform.WHATSAPP, 1, ConversationKind.DM, null, ConversationStatus.OPEN,
                ME, null, lastInbound, "Halo", Direction.INBOUND, lastInbound, null, 0, List.of(), null, NOW,
                lastInbound.plus(Duration.ofHours(24)));
    }

    static ConversationView instagram(long id, ConversationKind kind, Instant lastInbound) {
        return new ConversationView(id, INSTAGRAM, Platform.INSTAGRAM, 2, kind, kind == ConversationKind.COMMENTS ? "media-1" : null,
                ConversationStatus.OPEN, ME, null, lastInbound, "Halo", Direction.INBOUND, lastInbound, null, 0, List.of(),
                null, NOW, kind == ConversationKind.DM ? lastInbound.plus(Duration.ofDays(7)) : null);
    }

    static MessageView inbound(long id, long conversationId, long channelId, MessageContent content, Instant at) {
        return new MessageView(id, conversationId, channelId, "wamid." + id, null, Direction.INBOUND, content, null, null,
                null, at, null, null, at, null, null, null, List.of());
    }

    void apply(List<SyncEvent> events) {
        session.dispatcher().publish(store.apply(events, events.getLast().cursor()));
    }

    void openConversation(ConversationView conversation, MessageView... messages) {
        List<SyncChange> changes = new ArrayList<>();
        changes.add(upserted(conversation));
        for (MessageView message : messages) {
            changes.add(upserted(message));
        }
        apply(events(changes.toArray(SyncChange[]::new)));
        open.open(conversation.id(), null);
    }

    MessageItem item(long messageId) {
        return open.messages().stream().filter(i -> i.message() != null && i.message().id() == messageId).findFirst().orElseThrow();
    }

    Path file(String name, int bytes) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, new byte[bytes]);
        return file;
    }

    // ---- the window

    @Nested
    class Window {

        @Test
        void theCountdownFollowsTheClockMinuteByMinuteAndClosingLocksFreeText() {
            // the customer wrote 20 h 47 min 30 s ago: 3 h 12 min 30 s left
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(20).plusMinutes(47).plusSeconds(30))));
            assertThat(open.windowCountdownProperty().get()).isEqualTo("Window closes in 3 h 12 min");
            assertThat(open.composerLockProperty().get()).isEmpty();
            assertThat(ticker.delays.getLast()).isEqualTo(Duration.ofMillis(30_001));

            clock.set(NOW.plusSeconds(31));
            ticker.tick();
            assertThat(open.windowCountdownProperty().get()).isEqualTo("Window closes in 3 h 11 min");
            assertThat(ticker.delays.getLast()).isEqualTo(Duration.ofMillis(59_001));

            clock.set(NOW.plus(Duration.ofHours(3).plusMinutes(13)));
            ticker.tick();
            assertThat(open.windowCountdownProperty().get()).isEqualTo("Window closed");
            assertThat(open.composerLockProperty().get()).isEqualTo(MessagingWindow.WHATSAPP_CLOSED);
            assertThat(open.templatesOfferedProperty().get()).isTrue();
            assertThat(open.windowProperty().get().templatesOnly()).isTrue();

            open.composerTextProperty().set("Masih ada kak");
            assertThat(open.canSendProperty().get()).isFalse();
            open.send();
            assertThat(store.pendingOutbox()).isEmpty();
            assertThat(open.composerTextProperty().get()).isEqualTo("Masih ada kak");

            // the customer writes again: the server's new window end arrives with the conversation
            Instant wroteAgain = clock.instant();
            apply(events(upserted(whatsApp(1, wroteAgain)),
                    upserted(inbound(11, 1, WHATSAPP, new MessageContent.Text("Kak?"), wroteAgain))));
            assertThat(open.windowCountdownProperty().get()).isEqualTo("Window closes in 24 h");
            assertThat(open.composerLockProperty().get()).isEmpty();
            assertThat(open.canSendProperty().get()).isTrue();
        }

        @Test
        void aWindowRefusalFromTheServerLocksTheComposerAndOffersTemplatesUntilTheCustomerWrites() {
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(2))));
            open.composerTextProperty().set("Pesanan kakak sudah dikirim");
            open.send();
            OutboxEntry sent = store.pendingOutbox().getFirst();

            // what the engine does when the server answers 409 for the window (its clock and data are the ones that count)
            String sentence = "The customer last wrote more than 24 hours ago, so WhatsApp accepts only a template now. "
                    + "Choose a template to restart the conversation.";
            session.dispatcher().publish(store.failOutbox(sent.clientId(), sentence, ConversationViewModel.WINDOW_REFUSAL_TITLE));

            assertThat(open.composerLockProperty().get()).isEqualTo(sentence);
            assertThat(open.windowCountdownProperty().get()).isEqualTo("Window closed");
            assertThat(open.windowProperty().get().templatesOnly()).isTrue();
            assertThat(open.messages().getLast().isRefused()).isTrue();

            apply(events(upserted(whatsApp(1, NOW.plusSeconds(5)))));
            assertThat(open.composerLockProperty().get()).isEmpty();
        }

        @Test
        void aChannelWhoseTokenMetaRefusedSaysWhereToReconnectAndSendsNothing() {
            apply(events(channel(WHATSAPP, Platform.WHATSAPP, NOW.minus(Duration.ofHours(1)))));
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(2))));

            assertThat(open.channelProblemProperty().get()).isEqualTo("Meta stopped accepting the access token of "
                    + "Kopi Senja WA, so nothing can be sent from it. Reconnect it with a new token in Admin → Channels.");
            assertThat(open.composerLockProperty().get()).isNotEmpty();
            assertThat(open.templatesOfferedProperty().get()).isFalse();
            assertThat(open.reactionUnavailable()).isEqualTo(open.channelProblemProperty().get());

            apply(events(channel(WHATSAPP, Platform.WHATSAPP, null)));
            assertThat(open.channelProblemProperty().get()).isEmpty();
            assertThat(open.composerLockProperty().get()).isEmpty();
        }
    }

    // ---- files

    @Nested
    class Attachments {

        @Test
        void anAttachedPictureWaitsInTheOutboxAsACopyWithItsCaption() throws IOException {
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(1))));
            Path photo = file("label-paket.png", 48_000);

            open.attach(photo);
            assertThat(open.stagedFileProperty().get()).satisfies(staged -> {
                assertThat(staged.name()).isEqualTo("label-paket.png");
                assertThat(staged.kind()).isEqualTo(MessageContent.MediaKind.IMAGE);
                assertThat(staged.mimeType()).isEqualTo("image/png");
                assertThat(staged.size()).isEqualTo(48_000);
            });
            assertThat(open.canSendProperty().get()).as("a file alone can be sent").isTrue();
            open.composerTextProperty().set("Ini foto labelnya kak");
            open.send();

            assertThat(open.stagedFileProperty().get()).isNull();
            assertThat(open.composerTextProperty().get()).isEmpty();
            OutboxEntry entry = store.pendingOutbox().getFirst();
            assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.MEDIA);
            assertThat(entry.text()).isEqualTo("Ini foto labelnya kak");
            assertThat(entry.attachment().uploadId()).as("uploaded only once online").isNull();
            Path copy = Path.of(entry.attachment().path());
            assertThat(copy).startsWith(session.engine().outboxFolder()).hasSameBinaryContentAs(photo);
            // the original may go away; the reply does not depend on it
            Files.delete(photo);
            assertThat(copy).exists();
            assertThat(open.messages().getLast().pending()).isEqualTo(entry);
            assertThat(open.uploadProgress(entry.clientId()).get()).isZero();

            // discarding the reply deletes the outbox's copy too
            open.discard(open.messages().getLast());
            assertThat(store.pendingOutbox()).isEmpty();
            assertThat(copy).doesNotExist();
        }

        @Test
        void filesWhatsAppDoesNotTakeAreRefusedInWordsBeforeAnythingIsCopied() throws IOException {
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(1))));

            open.attach(file("backup.zip", 1000));
            assertThat(open.stagedFileProperty().get()).isNull();
            assertThat(open.noticeProperty().get()).startsWith("WhatsApp cannot send .zip files.");

            Path big = folder.resolve("poster.jpg");
            try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
                sparse.setLength(6 * 1024 * 1024);
            }
            open.attach(big);
            assertThat(open.noticeProperty().get()).isEqualTo("WhatsApp sends pictures up to 5.0 MB; poster.jpg is 6.0 MB.");
            assertThat(store.pendingOutbox()).isEmpty();
        }

        @Test
        void audioGoesWithoutACaptionAndTheWordsFollowAsTheirOwnMessage() throws IOException {
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(1))));
            open.attach(file("pesan-suara.ogg", 20_000));
            open.composerTextProperty().set("Dengarkan ya kak");
            open.send();

            assertThat(store.pendingOutbox()).extracting(OutboxEntry::kind, OutboxEntry::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboxEntry.Kind.MEDIA, ""),
                            org.assertj.core.groups.Tuple.tuple(OutboxEntry.Kind.TEXT, "Dengarkan ya kak"));
        }

        @Test
        void instagramSaysWhyNoFileCanBeAttached() throws IOException {
            openConversation(instagram(3, ConversationKind.DM, NOW.minus(Duration.ofHours(1))));
            assertThat(open.attachUnavailableProperty().get()).startsWith("Instagram takes attachments only from public web links");
            assertThat(open.templatesOfferedProperty().get()).isFalse();

            open.attach(file("photo.jpg", 1000));
            assertThat(open.stagedFileProperty().get()).isNull();
            assertThat(open.noticeProperty().get()).isEqualTo(open.attachUnavailableProperty().get());
        }
    }

    // ---- templates

    @Nested
    class Templates {

        TemplatePickerViewModel picker;

        @BeforeEach
        void openPicker() {
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(30))));
            picker = new TemplatePickerViewModel(session, 1, WHATSAPP, List.of(TemplateFormTest.orderUpdate(),
                    TemplateFormTest.restockAlert(), TemplateFormTest.welcomeBack()), loaded -> { });
        }

        @Test
        void theSearchFindsTemplatesByNameOrText() {
            assertThat(picker.templates()).hasSize(3);
            picker.searchTextProperty().set("perjalanan");
            assertThat(picker.templates()).extracting(t -> t.name()).containsExactly("order_update");
            picker.searchTextProperty().set("WELCOME");
            assertThat(picker.templates()).extracting(t -> t.name()).containsExactly("welcome_back");
            picker.searchTextProperty().set("tidak ada");
            assertThat(picker.templates()).isEmpty();
            assertThat(picker.listNoticeProperty().get()).isEqualTo("No approved template matches \"tidak ada\".");
        }

        @Test
        void valuesAreCheckedBeforeSendingAndThePreviewFollowsTheTyping() {
            picker.selectedProperty().set(TemplateFormTest.orderUpdate());
            assertThat(picker.fields()).extracting(f -> f.field().key()).containsExactly("header:1", "body:1", "body:2", "button:0");
            assertThat(picker.previewProperty().get().rendered()).startsWith("Pesanan {{1}}\n");
            assertThat(picker.fields()).allSatisfy(f -> assertThat(f.problemProperty().get())
                    .as("nothing said about fields not reached yet").isEmpty());

            picker.send();
            assertThat(store.pendingOutbox()).isEmpty();
            assertThat(picker.sendProblemProperty().get()).isEqualTo("Header {{1}}: Fill this in.");
            assertThat(picker.fields()).allSatisfy(f -> assertThat(f.problemProperty().get()).isEqualTo("Fill this in."));

            picker.fields().get(0).valueProperty().set("KS-2041");
            picker.fields().get(1).valueProperty().set("JNE");
            picker.fields().get(2).valueProperty().set("besok\nsore");
            assertThat(picker.previewProperty().get().rendered())
                    .isEqualTo("Pesanan KS-2041\nPesanan kamu sedang dalam perjalanan bersama JNE. Perkiraan tiba besok\nsore.");
            assertThat(picker.fields().get(2).problemProperty().get()).contains("No line breaks");
            picker.fields().get(2).valueProperty().set("besok sore");
            picker.send();
            assertThat(picker.sendProblemProperty().get()).isEqualTo("End of the link of “Lacak paket”: Fill this in.");

            picker.fields().get(3).valueProperty().set("KS-2041");
            picker.send();
            assertThat(picker.sentProperty().get()).isTrue();
            picker.send(); // a second press after it went into the outbox adds nothing
            assertThat(store.pendingOutbox()).singleElement().satisfies(entry -> {
                assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.TEMPLATE);
                assertThat(entry.text()).isEqualTo("Pesanan KS-2041\nPesanan kamu sedang dalam perjalanan bersama JNE. "
                        + "Perkiraan tiba besok sore.");
                assertThat(entry.template()).isEqualTo(new InboxRequests.TemplateMessage("order_update", "id",
                        List.of(new InboxRequests.TemplateParameter(null, "KS-2041")), null,
                        List.of(new InboxRequests.TemplateParameter(null, "JNE"),
                                new InboxRequests.TemplateParameter(null, "besok sore")),
                        List.of(new InboxRequests.TemplateButton(0, "KS-2041"))));
            });
            // the pending bubble reads like the preview did
            assertThat(open.messages().getLast().pending().text()).isEqualTo(picker.previewProperty().get().rendered());
        }

        @Test
        void aTemplateThatStartsWithAPictureNeedsOneOfTheRightKind() throws IOException {
            picker.selectedProperty().set(TemplateFormTest.restockAlert());
            assertThat(picker.headerFormatProperty().get()).isEqualTo("IMAGE");
            picker.fields().getFirst().valueProperty().set("Arabika Gayo 250 g");
            picker.send();
            assertThat(picker.sendProblemProperty().get()).isEqualTo("Choose the picture this template starts with.");

            picker.chooseHeaderFile(file("restock.pdf", 2000));
            assertThat(picker.headerProblemProperty().get()).isEqualTo("This template starts with a picture: choose a JPEG or PNG file.");
            picker.chooseHeaderFile(file("restock.jpg", 2000));
            assertThat(picker.headerProblemProperty().get()).isEmpty();
            picker.send();

            assertThat(store.pendingOutbox()).singleElement().satisfies(entry -> {
                assertThat(entry.attachment().kind()).isEqualTo(MessageContent.MediaKind.IMAGE);
                assertThat(entry.attachment().mimeType()).isEqualTo("image/jpeg");
                assertThat(entry.template().body()).containsExactly(new InboxRequests.TemplateParameter(null, "Arabika Gayo 250 g"));
                assertThat(entry.template().buttons()).isNull();
            });
        }

        @Test
        void offlineTheTemplatesLoadedEarlierStayWithASentence() {
            picker.load();
            assertThat(picker.loadingProperty().get()).isFalse();
            assertThat(picker.templates()).hasSize(3);
            assertThat(picker.listNoticeProperty().get())
                    .isEqualTo("You're offline, so the templates can't be loaded now. These are the ones loaded earlier.");
        }

        @Test
        void theComposerOffersTemplatesOnlyWhereWhatsAppTakesThem() {
            assertThat(open.templatesOfferedProperty().get()).isTrue();
            session.close();
            startSession(FakeOrqestraServer.closedPortUrl(), EnumSet.of(Permission.INBOX_REPLY, Permission.INBOX_VIEW_ASSIGNED));
            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(30))));
            assertThat(open.templatesOfferedProperty().get()).as("no template.view").isFalse();
        }
    }

    // ---- Instagram comments

    @Nested
    class Comments {

        MessageView comment(long id, Instant at) {
            return inbound(id, 5, INSTAGRAM, new MessageContent.Comment("ig-comment-" + id, "Masih ada stok?", "media-1",
                    "FEED", null, null, null), at);
        }

        @Test
        void theComposerAnswersTheLatestCommentPubliclyUnlessAnotherIsChosen() {
            openConversation(instagram(5, ConversationKind.COMMENTS, NOW.minus(Duration.ofHours(1))),
                    comment(50, NOW.minus(Duration.ofHours(2))), comment(51, NOW.minus(Duration.ofHours(1))));
            assertThat(open.windowCountdownProperty().get()).isEmpty();
            assertThat(open.commentTargetProperty().get().comment().message().id()).isEqualTo(51);
            assertThat(open.commentTargetProperty().get().privately()).isFalse();

            open.replyPublicly(item(50));
            open.composerTextProperty().set("Masih kak, silakan order");
            open.send();

            assertThat(store.pendingOutbox()).singleElement().satisfies(entry -> {
                assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.PUBLIC_REPLY);
                assertThat(entry.targetMessageId()).isEqualTo(50);
            });
        }

        @Test
        void aPrivateReplyGoesOnceAndIsThenRefusedWithTheReason() {
            openConversation(instagram(5, ConversationKind.COMMENTS, NOW.minus(Duration.ofHours(1))),
                    comment(51, NOW.minus(Duration.ofHours(1))));
            assertThat(open.privateReplyBlocked(item(51))).isNull();

            open.replyPrivately(item(51));
            assertThat(open.commentTargetProperty().get().privately()).isTrue();
            open.composerTextProperty().set("Halo kak, detailnya kami kirim di sini ya");
            open.send();
            OutboxEntry entry = store.pendingOutbox().getFirst();
            assertThat(entry.kind()).isEqualTo(OutboxEntry.Kind.PRIVATE_REPLY);
            // the composer goes back to answering publicly; a second private reply is refused with the reason
            assertThat(open.commentTargetProperty().get().privately()).isFalse();
            assertThat(open.privateReplyBlocked(item(51))).isEqualTo("A private reply to this comment is on its way.");
            open.replyPrivately(item(51));
            assertThat(open.noticeProperty().get()).isEqualTo("A private reply to this comment is on its way.");

            // the server's copy lands in the direct conversation; the comment stays answered
            apply(events(upserted(instagram(6, ConversationKind.DM, NOW.minus(Duration.ofHours(1)))),
                    upserted(new MessageView(60, 6, INSTAGRAM, "ig-mid-60", entry.clientId(), Direction.OUTBOUND,
                            new MessageContent.Text(entry.text()), null, null, MessageStatus.QUEUED, NOW, null, ME, NOW,
                            null, null, null, List.of()))));
            assertThat(open.messages()).noneMatch(MessageItem::isPending);
            assertThat(open.privateReplyBlocked(item(51))).startsWith("You already answered this comment privately");
        }

        @Test
        void aCommentOlderThanSevenDaysCannotBeAnsweredPrivately() {
            openConversation(instagram(5, ConversationKind.COMMENTS, NOW.minus(Duration.ofDays(8))),
                    comment(52, NOW.minus(Duration.ofDays(8))));
            assertThat(open.privateReplyBlocked(item(52))).isEqualTo("This comment is more than 7 days old; Instagram allows "
                    + "a private reply only within 7 days of the comment.");
        }
    }

    // ---- straight to the server: reactions and moderation

    @Nested
    class AgainstAServer {

        FakeOrqestraServer server;

        @BeforeEach
        void pointAtFakeServer() {
            session.close();
            server = new FakeOrqestraServer();
            startSession(server.url(), EnumSet.allOf(Permission.class));
        }

        @AfterEach
        void stopServer() {
            server.close();
        }

        com.fasterxml.jackson.databind.JsonNode json(String body) {
            try {
                return id.orqestra.desktop.api.Json.mapper().readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        void answerWith(MessageView message) {
            try {
                server.answer(200, "application/json", id.orqestra.desktop.api.Json.mapper().writeValueAsString(message));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void aReactionGoesToTheServerAndTheSameEmojiAgainTakesItOff() {
            MessageView question = inbound(10, 1, WHATSAPP, new MessageContent.Text("Sudah sampai?"), NOW.minusSeconds(60));
            openConversation(whatsApp(1, NOW.minusSeconds(60)), question);
            assertThat(open.reactionChoices()).containsExactly("👍", "❤️", "😂", "😮", "😢", "🙏");
            assertThat(open.canAnswer(item(10))).isTrue();
            assertThat(open.ourReaction(item(10))).isNull();

            answerWith(new MessageView(10, 1, WHATSAPP, "wamid.10", null, Direction.INBOUND, question.content(), null, null,
                    null, question.statusAt(), null, null, question.sentAt(), null, null, null,
                    List.of(new ReactionView("business", "👍", NOW))));
            open.react(item(10), "👍");
            assertThat(server.received()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/api/v1/messages/10/reactions");
                assertThat(json(request.body()).get("emoji").asText()).isEqualTo("👍");
            });
            assertThat(open.ourReaction(item(10))).isEqualTo("👍");

            answerWith(question);
            open.react(item(10), "👍");
            assertThat(json(server.received().getLast().body()).get("emoji").asText()).isEmpty();
            assertThat(open.ourReaction(item(10))).isNull();
        }

        @Test
        void instagramOffersOnlyAHeartAndAClosedWindowNone() {
            openConversation(instagram(3, ConversationKind.DM, NOW.minus(Duration.ofHours(1))),
                    inbound(30, 3, INSTAGRAM, new MessageContent.Text("Halo"), NOW.minus(Duration.ofHours(1))));
            assertThat(open.reactionChoices()).containsExactly("❤️");

            openConversation(whatsApp(1, NOW.minus(Duration.ofHours(30))),
                    inbound(12, 1, WHATSAPP, new MessageContent.Text("Halo"), NOW.minus(Duration.ofHours(30))));
            assertThat(open.reactionUnavailable()).isEqualTo(MessagingWindow.WHATSAPP_CLOSED);
            open.react(item(12), "👍");
            assertThat(server.received()).isEmpty();
            assertThat(open.noticeProperty().get()).isEqualTo(MessagingWindow.WHATSAPP_CLOSED);
        }

        @Test
        void aModeratorHidesAComment() {
            MessageView comment = inbound(51, 5, INSTAGRAM, new MessageContent.Comment("ig-comment-51", "Jelek!", "media-1",
                    "FEED", null, null, null), NOW.minus(Duration.ofHours(1)));
            openConversation(instagram(5, ConversationKind.COMMENTS, NOW.minus(Duration.ofHours(1))), comment);
            answerWith(new MessageView(51, 5, INSTAGRAM, "wamid.51", null, Direction.INBOUND, comment.content(), null, null,
                    null, comment.statusAt(), null, null, comment.sentAt(), null, null, null, List.of(), NOW));

            open.hideComment(item(51));

            assertThat(server.received()).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/api/v1/messages/51/moderation");
                assertThat(request.body()).isEqualTo("{\"action\":\"hide\"}");
            });
            assertThat(item(51).message().hiddenAt()).isEqualTo(NOW);
            assertThat(open.noticeProperty().get()).isEqualTo("Hidden from the public on Instagram.");
        }
    }
}
