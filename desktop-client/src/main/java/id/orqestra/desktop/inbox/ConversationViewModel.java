package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.desktop.viewmodel.Ticker;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationKind;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.inbox.ReactionView;
import id.orqestra.model.outbound.TemplateView;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.UserView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The open conversation: its messages (with outbox replies as pending bubbles), the contact, notes,
 * the composer and the actions. The composer knows what may be sent now — the messaging window with its
 * countdown, the channel's state, the role — and sends text, files, templates (through
 * {@link TemplatePickerViewModel}) and answers to Instagram comments through the outbox; reactions and
 * comment moderation go straight to the server. Reads the cache off the UI thread and follows the
 * dispatcher's batches; every property changes on the UI thread.
 */
public final class ConversationViewModel {

    static final int FIRST_PAGE = 60;
    static final int EARLIER_PAGE = 50;
    /** The reactions offered on WhatsApp; Instagram lets a business react only with a heart. */
    static final List<String> WHATSAPP_REACTIONS = List.of("👍", "❤️", "😂", "😮", "😢", "🙏");
    static final List<String> INSTAGRAM_REACTIONS = List.of("❤️");
    /** The title of the server's problem when a send falls outside the messaging window. */
    static final String WINDOW_REFUSAL_TITLE = "Outside the messaging window";
    static final int MAX_TEXT = 4096;
    static final int MAX_INSTAGRAM_BYTES = 1000;
    static final int MAX_COMMENT = 2200;
    static final int MAX_CAPTION = 1024;
    static final Duration PRIVATE_REPLY_LIMIT = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(ConversationViewModel.class);

    /** A file waiting in the composer to be sent with its caption. */
    public record StagedFile(Path path, String name, long size, MessageContent.MediaKind kind, String mimeType) {
    }

    /** The Instagram comment the composer answers, publicly or in a private message. */
    public record CommentTarget(MessageItem comment, boolean privately) {
    }

    private final SyncSession session;
    private final InboxStore store;
    private final Set<Permission> permissions;
    private final CannedResponses canned;
    private final Clock clock;
    private final Ticker ticker;

    private final ReadOnlyObjectWrapper<ConversationView> conversation = new ReadOnlyObjectWrapper<>(this, "conversation");
    private final ReadOnlyObjectWrapper<ContactView> contact = new ReadOnlyObjectWrapper<>(this, "contact");
    private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<MessageItem> messagesReadOnly = FXCollections.unmodifiableObservableList(messages);
    private final ObservableList<NoteView> notes = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<NoteView> notesReadOnly = FXCollections.unmodifiableObservableList(notes);
    private final ObservableList<UserView> team = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<UserView> teamReadOnly = FXCollections.unmodifiableObservableList(team);
    private final StringProperty composerText = new SimpleStringProperty(this, "composerText", "");
    private final ObjectProperty<MessageItem> replyingTo = new SimpleObjectProperty<>(this, "replyingTo");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper earlierAvailable = new ReadOnlyBooleanWrapper(this, "earlierAvailable");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");
    private final ReadOnlyObjectWrapper<MessageItem> highlighted = new ReadOnlyObjectWrapper<>(this, "highlighted");
    private final ReadOnlyObjectWrapper<ChannelView> channel = new ReadOnlyObjectWrapper<>(this, "channel");
    private final ReadOnlyObjectWrapper<MessagingWindow> window = new ReadOnlyObjectWrapper<>(this, "window");
    private final ReadOnlyStringWrapper windowCountdown = new ReadOnlyStringWrapper(this, "windowCountdown", "");
    private final ReadOnlyStringWrapper channelProblem = new ReadOnlyStringWrapper(this, "channelProblem", "");
    private final ReadOnlyStringWrapper composerLock = new ReadOnlyStringWrapper(this, "composerLock", "");
    private final ReadOnlyBooleanWrapper templatesOffered = new ReadOnlyBooleanWrapper(this, "templatesOffered");
    private final ReadOnlyStringWrapper attachUnavailable = new ReadOnlyStringWrapper(this, "attachUnavailable", "");
    private final ObjectProperty<StagedFile> stagedFile = new SimpleObjectProperty<>(this, "stagedFile");
    private final ReadOnlyObjectWrapper<CommentTarget> commentTarget = new ReadOnlyObjectWrapper<>(this, "commentTarget");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(this, "canSend");
    private final Map<String, ReadOnlyDoubleWrapper> uploadProgress = new HashMap<>();
    private final Map<Long, List<TemplateView>> templatesByChannel = new HashMap<>();
    private Set<Long> privatelyAnswered = Set.of();
    /** The server's refusal for the window, kept until the customer writes again (their last message then changes). */
    private String windowRefusedByServer;
    private Instant lastInboundWhenRefused;
    private Runnable cancelTick = () -> { };
    private long openId = -1;
    private int generation;

    public ConversationViewModel(SyncSession session, CannedResponses canned) {
        this(session, canned, Clock.systemUTC(), Ticker.daemon());
    }

    /** {@code clock} and {@code ticker} drive the window's countdown (tests pass their own). */
    public ConversationViewModel(SyncSession session, CannedResponses canned, Clock clock, Ticker ticker) {
        this.session = Objects.requireNonNull(session);
        this.store = session.store();
        this.permissions = session.user().permissions() == null ? Set.of() : Set.copyOf(session.user().permissions());
        this.canned = Objects.requireNonNull(canned);
        this.clock = Objects.requireNonNull(clock);
        this.ticker = Objects.requireNonNull(ticker);
        composerText.addListener((obs, old, now) -> updateComposer());
        stagedFile.addListener((obs, old, now) -> updateComposer());
        session.engine().observeUploads((clientId, fraction) -> session.ui().execute(() -> progressOf(clientId).set(fraction)));
    }

    // ---- what the view binds to

    public ReadOnlyObjectProperty<ConversationView> conversationProperty() {
        return conversation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ContactView> contactProperty() {
        return contact.getReadOnlyProperty();
    }

    public ObservableList<MessageItem> messages() {
        return messagesReadOnly;
    }

    public ObservableList<NoteView> notes() {
        return notesReadOnly;
    }

    /** The members a conversation can be assigned to. */
    public ObservableList<UserView> team() {
        return teamReadOnly;
    }

    public StringProperty composerTextProperty() {
        return composerText;
    }

    public ObjectProperty<MessageItem> replyingToProperty() {
        return replyingTo;
    }

    /** A sentence about the last action that did not work (or did, when worth saying); empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty earlierAvailableProperty() {
        return earlierAvailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanProperty openProperty() {
        return open;
    }

    /** The message a search result pointed at, for the view to scroll to. */
    public ReadOnlyObjectProperty<MessageItem> highlightedProperty() {
        return highlighted.getReadOnlyProperty();
    }

    public long openId() {
        return openId;
    }

    /** The open conversation's channel (null until read). */
    public ReadOnlyObjectProperty<ChannelView> channelProperty() {
        return channel.getReadOnlyProperty();
    }

    /** Whether free text may be sent now, and until when. */
    public ReadOnlyObjectProperty<MessagingWindow> windowProperty() {
        return window.getReadOnlyProperty();
    }

    /** "Window closes in 3 h 12 min", "Window closed", or empty where no window applies; kept current by the minute. */
    public ReadOnlyStringProperty windowCountdownProperty() {
        return windowCountdown.getReadOnlyProperty();
    }

    /** Why nothing can be sent on the conversation's channel (token refused, disabled); empty when it can. */
    public ReadOnlyStringProperty channelProblemProperty() {
        return channelProblem.getReadOnlyProperty();
    }

    /** Why the composer takes no text now (window closed, channel, role…); empty when it does. */
    public ReadOnlyStringProperty composerLockProperty() {
        return composerLock.getReadOnlyProperty();
    }

    /** True where a WhatsApp template can be sent (offered instead of free text once the window closed). */
    public ReadOnlyBooleanProperty templatesOfferedProperty() {
        return templatesOffered.getReadOnlyProperty();
    }

    /** Why no file can be attached here; empty when one can. */
    public ReadOnlyStringProperty attachUnavailableProperty() {
        return attachUnavailable.getReadOnlyProperty();
    }

    /** The file attached in the composer, sent with the composer's text as its caption. */
    public ObjectProperty<StagedFile> stagedFileProperty() {
        return stagedFile;
    }

    /** The Instagram comment the composer answers (comment threads only). */
    public ReadOnlyObjectProperty<CommentTarget> commentTargetProperty() {
        return commentTarget.getReadOnlyProperty();
    }

    /** True when Send has something to send and may send it. */
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /** How far the file of an outbox entry has gone up (0 to 1); 0 until its upload starts. */
    public ReadOnlyDoubleProperty uploadProgress(String clientId) {
        return progressOf(clientId).getReadOnlyProperty();
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public long viewerUserId() {
        return session.user().id();
    }

    public List<CannedResponses.Canned> cannedMatches() {
        return canned.matching(composerText.get());
    }

    public String nameOf(Long userId) {
        if (userId == null) {
            return "Nobody";
        }
        if (userId == session.user().id()) {
            return "You";
        }
        return team.stream().filter(u -> u.id() == userId).findFirst()
                .map(u -> u.name() == null || u.name().isBlank() ? u.email() : u.name()).orElse("Member " + userId);
    }

    /** "Unassigned", "Assigned to you" or "Assigned to Lina". */
    public String assignment(Long userId) {
        return userId == null ? "Unassigned"
                : "Assigned to " + (userId == session.user().id() ? "you" : nameOf(userId));
    }

    // ---- commands

    /** Shows conversation {@code id}; {@code highlightMessageId} (may be null) is scrolled to once loaded. */
    public void open(long id, Long highlightMessageId) {
        int loading = ++generation;
        openId = id;
        open.set(true);
        messages.clear();
        notes.clear();
        notice.set("");
        replyingTo.set(null);
        highlighted.set(null);
        stagedFile.set(null);
        commentTarget.set(null);
        windowRefusedByServer = null;
        privatelyAnswered = Set.of();
        background(() -> {
            Optional<ConversationView> view = store.conversation(id);
            Optional<ContactView> person = view.flatMap(v -> store.contact(v.contactId()));
            Optional<ChannelView> where = view.flatMap(v -> channelOf(v.channelId()));
            List<MessageView> latest = store.latestMessages(id, FIRST_PAGE);
            if (latest.isEmpty() && view.map(ConversationView::lastMessageAt).isPresent()) {
                // handed over after this cache was filled (assigned to us later): its history never came with the feed
                latest = fetchLatest(id);
            }
            if (highlightMessageId != null && latest.stream().noneMatch(m -> m.id() == highlightMessageId)) {
                // a search hit further back: load from there on
                latest = new ArrayList<>(latest);
                List<MessageView> more = store.latestMessages(id, 5000);
                int at = indexOfId(more, highlightMessageId);
                latest = at < 0 ? latest : more.subList(Math.max(0, at - 10), more.size());
            }
            List<MessageItem> items = items(latest, store.outbox(id));
            Set<Long> answered = store.privatelyAnswered(commentIds(items));
            List<NoteView> noteList = store.notes(id);
            List<UserView> users = store.users();
            boolean earlier = latest.size() >= FIRST_PAGE || !latest.isEmpty();
            return () -> {
                if (loading != generation) {
                    return;
                }
                conversation.set(view.orElse(null));
                contact.set(person.orElse(null));
                channel.set(where.orElse(null));
                team.setAll(users);
                messages.setAll(items);
                notes.setAll(noteList);
                privatelyAnswered = answered;
                earlierAvailable.set(earlier);
                if (highlightMessageId != null) {
                    items.stream().filter(i -> i.message() != null && i.message().id() == highlightMessageId)
                            .findFirst().ifPresent(highlighted::set);
                }
                noticeServerRefusals(items);
                chooseDefaultCommentTarget();
                refreshWindow();
                view.filter(v -> v.unreadCount() > 0).ifPresent(v -> markRead(v.id()));
            };
        });
    }

    public void close() {
        generation++;
        openId = -1;
        open.set(false);
        conversation.set(null);
        contact.set(null);
        channel.set(null);
        messages.clear();
        notes.clear();
        stagedFile.set(null);
        commentTarget.set(null);
        cancelTick.run();
        refreshWindow();
    }

    /**
     * Sends what the composer holds — text, or an attached file with the text as its caption, or in a
     * comment thread the answer to the chosen comment — or keeps it, with a reason, when it cannot.
     */
    public void send() {
        String text = composerText.get() == null ? "" : composerText.get().strip();
        StagedFile file = stagedFile.get();
        ConversationView current = conversation.get();
        if ((text.isEmpty() && file == null) || openId < 0 || current == null) {
            return;
        }
        String lock = composerLock.get();
        if (!lock.isEmpty()) {
            notice.set(lock);
            return;
        }
        String tooLong = tooLong(current, text, file);
        if (tooLong != null) {
            notice.set(tooLong);
            return;
        }
        long id = openId;
        MessageItem quoted = replyingTo.get();
        Long replyTo = quoted != null && quoted.message() != null ? quoted.message().id() : null;
        CommentTarget target = commentTarget.get();
        composerText.set("");
        replyingTo.set(null);
        stagedFile.set(null);
        notice.set("");
        CompletableFuture<?> stored;
        if (current.kind() == ConversationKind.COMMENTS && target != null) {
            stored = session.engine().sendCommentReply(id, target.comment().message().id(), target.privately(), text);
            if (target.privately()) {
                chooseDefaultCommentTarget();
            }
        } else if (file != null) {
            boolean captioned = file.kind() != MessageContent.MediaKind.AUDIO && file.kind() != MessageContent.MediaKind.STICKER;
            stored = session.engine().sendFile(id, file.path(), file.mimeType(), file.kind(), captioned ? text : null, replyTo);
            if (!captioned && !text.isEmpty()) {
                // WhatsApp shows no caption with audio or stickers: the words follow as their own message
                stored = stored.thenCompose(sent -> session.engine().sendReply(id, text, null));
            }
        } else {
            stored = session.engine().sendReply(id, text, replyTo);
        }
        stored.exceptionally(e -> {
            log.error("Could not put a reply in the outbox", e);
            session.ui().execute(() -> {
                composerText.set(text);
                stagedFile.set(file);
                notice.set("The reply could not be saved on this computer: " + rootMessage(e));
            });
            return null;
        });
    }

    /**
     * Attaches a file to the composer, or says why it cannot go. Reads the file's size off the UI
     * thread; the file itself is copied only when sent.
     */
    public void attach(Path file) {
        ConversationView current = conversation.get();
        if (file == null || current == null) {
            return;
        }
        String unavailable = attachUnavailable.get();
        if (!unavailable.isEmpty()) {
            notice.set(unavailable);
            return;
        }
        int current_ = generation;
        background(() -> {
            long size;
            try {
                size = Files.size(file);
            } catch (java.io.IOException e) {
                return () -> notice.set("The file " + file.getFileName() + " could not be read: " + e.getMessage());
            }
            AttachmentRules.Verdict verdict = AttachmentRules.check(current.platform(), file.getFileName().toString(), size);
            return () -> {
                if (current_ != generation) {
                    return;
                }
                if (verdict.accepted()) {
                    stagedFile.set(new StagedFile(file, file.getFileName().toString(), size, verdict.kind(), verdict.mimeType()));
                    notice.set("");
                } else {
                    notice.set(verdict.refusal());
                }
            };
        });
    }

    /** The template picker for the open conversation (WhatsApp), remembering templates already loaded. */
    public TemplatePickerViewModel templatePicker() {
        ConversationView current = conversation.get();
        if (current == null) {
            throw new IllegalStateException("No conversation is open");
        }
        return new TemplatePickerViewModel(session, current.id(), current.channelId(),
                templatesByChannel.get(current.channelId()), loaded -> templatesByChannel.put(current.channelId(), loaded));
    }

    // ---- reactions

    /** The emoji this conversation's platform lets a business react with. */
    public List<String> reactionChoices() {
        ConversationView current = conversation.get();
        return current != null && current.platform() == Platform.INSTAGRAM ? INSTAGRAM_REACTIONS : WHATSAPP_REACTIONS;
    }

    /** The business's reaction on the message, or null. */
    public String ourReaction(MessageItem item) {
        if (item == null || item.message() == null || item.message().reactions() == null) {
            return null;
        }
        return item.message().reactions().stream()
                .filter(r -> r.reactor() != null && !r.reactor().startsWith("customer"))
                .map(ReactionView::emoji).filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
    }

    /** True when the message can be reacted to or quoted at all (it reached the customer, in a direct conversation). */
    public boolean canAnswer(MessageItem item) {
        ConversationView current = conversation.get();
        return item != null && item.message() != null && current != null && current.kind() == ConversationKind.DM
                && may(Permission.INBOX_REPLY) && reachedMeta(item.message())
                && !(item.message().content() instanceof MessageContent.SystemNotice)
                && item.message().deletedAt() == null;
    }

    /** Why reacting is not possible now (window closed, channel down), or null. */
    public String reactionUnavailable() {
        if (!channelProblem.get().isEmpty()) {
            return channelProblem.get();
        }
        MessagingWindow current = window.get();
        return current != null && current.state() == MessagingWindow.State.CLOSED ? current.refusal() : null;
    }

    /** Puts {@code emoji} on the message as the business, or takes ours off when it is the one already there. */
    public void react(MessageItem item, String emoji) {
        if (!canAnswer(item)) {
            return;
        }
        String unavailable = reactionUnavailable();
        if (unavailable != null) {
            notice.set(unavailable);
            return;
        }
        boolean removing = emoji == null || emoji.equals(ourReaction(item));
        long messageId = item.message().id();
        action(() -> store.applyMessageAnswer(session.api().react(messageId, removing ? "" : emoji)),
                removing ? "Your reaction was taken off." : "");
    }

    public void removeReaction(MessageItem item) {
        react(item, null);
    }

    // ---- Instagram comments

    /** True for a customer's comment in an open comment thread. */
    public boolean isAnswerableComment(MessageItem item) {
        ConversationView current = conversation.get();
        return item != null && item.message() != null && current != null && current.kind() == ConversationKind.COMMENTS
                && item.message().direction() == Direction.INBOUND
                && item.message().content() instanceof MessageContent.Comment
                && item.message().deletedAt() == null;
    }

    /** The composer now answers {@code comment} under the post. */
    public void replyPublicly(MessageItem comment) {
        if (isAnswerableComment(comment) && may(Permission.INBOX_REPLY)) {
            commentTarget.set(new CommentTarget(comment, false));
            updateComposer();
        }
    }

    /** The composer now answers {@code comment} privately, if Instagram still allows it; else says why not. */
    public void replyPrivately(MessageItem comment) {
        if (!isAnswerableComment(comment) || !may(Permission.INBOX_REPLY)) {
            return;
        }
        String blocked = privateReplyBlocked(comment);
        if (blocked != null) {
            notice.set(blocked);
            return;
        }
        commentTarget.set(new CommentTarget(comment, true));
        notice.set("");
        updateComposer();
    }

    /** Why this comment cannot get a private reply (Instagram allows one, within 7 days), or null. */
    public String privateReplyBlocked(MessageItem comment) {
        if (comment == null || comment.message() == null) {
            return null;
        }
        long id = comment.message().id();
        for (MessageItem item : messages) {
            OutboxEntry entry = item.pending();
            if (entry != null && entry.kind() == OutboxEntry.Kind.PRIVATE_REPLY && Objects.equals(entry.targetMessageId(), id)) {
                return entry.state() == OutboxEntry.State.FAILED ? entry.lastError()
                        : "A private reply to this comment is on its way.";
            }
        }
        if (privatelyAnswered.contains(id)) {
            return "You already answered this comment privately; Instagram allows one private reply per comment. "
                    + "Continue in the direct conversation once the customer writes back.";
        }
        Instant commented = comment.message().sentAt();
        if (commented != null && clock.instant().isAfter(commented.plus(PRIVATE_REPLY_LIMIT))) {
            return "This comment is more than 7 days old; Instagram allows a private reply only within 7 days of the comment.";
        }
        return null;
    }

    public void hideComment(MessageItem comment) {
        moderate(comment, "hide", "Hidden from the public on Instagram.");
    }

    public void unhideComment(MessageItem comment) {
        moderate(comment, "unhide", "Shown to everyone again.");
    }

    /** Deletes the comment on Instagram for good (the view asks first). */
    public void deleteComment(MessageItem comment) {
        moderate(comment, "delete", "Deleted on Instagram.");
    }

    private void moderate(MessageItem comment, String action, String done) {
        if (!isAnswerableComment(comment) || !may(Permission.COMMENT_MODERATE)) {
            return;
        }
        long id = comment.message().id();
        action(() -> store.applyMessageAnswer(session.api().moderate(id, action)), done);
    }

    /** Replaces the composer's {@code /shortcut} with the canned answer. */
    public void useCanned(CannedResponses.Canned answer) {
        composerText.set(answer.text());
    }

    public void retry(MessageItem item) {
        if (item.pending() != null) {
            session.engine().retryReply(item.pending().clientId());
        }
    }

    public void discard(MessageItem item) {
        if (item.pending() != null) {
            session.engine().discardReply(item.pending().clientId());
        }
    }

    public void assignToMe() {
        assign(session.user().id());
    }

    public void assign(Long userId) {
        long id = openId;
        action(() -> store.applyAnswer(session.api().assign(id, userId)),
                assignment(userId) + ".");
    }

    /** Resolves an open conversation, or reopens a resolved one. */
    public void toggleResolved() {
        ConversationView current = conversation.get();
        if (current == null) {
            return;
        }
        long id = current.id();
        if (current.status() == ConversationStatus.RESOLVED) {
            action(() -> store.applyAnswer(session.api().reopen(id)), "Reopened.");
        } else {
            action(() -> store.applyAnswer(session.api().resolve(id)), "Resolved.");
        }
    }

    public void addLabel(String label) {
        String clean = label == null ? "" : label.strip().toLowerCase(java.util.Locale.ROOT);
        if (clean.isEmpty()) {
            return;
        }
        long id = openId;
        action(() -> store.applyAnswer(session.api().changeLabels(id, List.of(clean), List.of())), "");
    }

    public void removeLabel(String label) {
        long id = openId;
        action(() -> store.applyAnswer(session.api().changeLabels(id, List.of(), List.of(label))), "");
    }

    /** Adds a private note; {@code onDone} runs (UI thread) when the server has it, to clear the field. */
    public void addNote(String text, Runnable onDone) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            return;
        }
        long id = openId;
        action(() -> store.addNotes(List.of(session.api().addNote(id, clean))), "", onDone);
    }

    /** Loads older messages: from the cache first, then from the server. */
    public void loadEarlier() {
        Optional<MessageView> oldest = messages.stream().map(MessageItem::message).filter(Objects::nonNull).findFirst();
        if (oldest.isEmpty()) {
            earlierAvailable.set(false);
            return;
        }
        int loading = generation;
        long id = openId;
        busy.set(true);
        CompletableFuture.supplyAsync(() -> {
            List<MessageView> older = store.messagesBefore(oldest.get(), EARLIER_PAGE);
            if (older.isEmpty()) {
                try {
                    List<MessageView> fetched = session.api().olderMessages(id, oldest.get().id(), EARLIER_PAGE);
                    session.engine().publish(store.addHistory(fetched));
                    older = store.messagesBefore(oldest.get(), EARLIER_PAGE);
                } catch (ApiException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }
            return items(older, List.of());
        }, session.background()).whenComplete((older, error) -> session.ui().execute(() -> {
            busy.set(false);
            if (loading != generation) {
                return;
            }
            if (error != null) {
                notice.set(sentence(error));
            } else if (older.isEmpty()) {
                earlierAvailable.set(false);
            } else {
                messages.addAll(0, older);
            }
        }));
    }

    /** The message's file on disk, downloaded first when needed. */
    public CompletableFuture<Path> mediaFile(MessageView message) {
        return session.media().fetch(message);
    }

    public boolean mediaCached(MessageView message) {
        return session.media().isCached(message);
    }

    public Path mediaPath(MessageView message) {
        return session.media().fileOf(message);
    }

    // ---- following the cache (UI thread)

    void onChanges(StoreChanges changes) {
        if (openId < 0) {
            return;
        }
        if (changes.removedConversations().contains(openId)) {
            close();
            notice.set("This conversation is no longer visible to you.");
            return;
        }
        if (changes.reloadEverything()) {
            open(openId, null);
            return;
        }
        changes.conversations().stream().filter(row -> row.id() == openId).findFirst()
                .ifPresent(row -> background(() -> {
                    Optional<ConversationView> view = store.conversation(openId);
                    return () -> view.ifPresent(v -> {
                        conversation.set(v);
                        refreshWindow();
                    });
                }));
        if (changes.directoryChanged()) {
            long contactId = conversation.get() == null ? -1 : conversation.get().contactId();
            long channelId = conversation.get() == null ? -1 : conversation.get().channelId();
            background(() -> {
                Optional<ContactView> person = store.contact(contactId);
                Optional<ChannelView> where = channelOf(channelId);
                List<UserView> users = store.users();
                return () -> {
                    person.ifPresent(contact::set);
                    where.ifPresent(channel::set);
                    team.setAll(users);
                    refreshWindow();
                };
            });
        }
        for (MessageView message : changes.messages()) {
            if (message.conversationId() == openId) {
                place(MessageItem.of(message, quotedFor(message)));
            }
        }
        for (NoteView note : changes.notes()) {
            if (note.conversationId() == openId) {
                notes.removeIf(n -> n.id() == note.id());
                notes.add(note);
                notes.sort(Comparator.comparing(NoteView::createdAt).thenComparing(NoteView::id));
            }
        }
        if (changes.outboxChanged().contains(openId)) {
            long id = openId;
            int current = generation;
            Set<Long> comments = commentIds(messages);
            background(() -> {
                List<OutboxEntry> entries = store.outbox(id);
                Set<Long> answered = store.privatelyAnswered(comments);
                return () -> {
                    if (current == generation) {
                        privatelyAnswered = answered;
                        mergeOutbox(entries);
                        noticeServerRefusals(messages);
                    }
                };
            });
        }
        if (commentTarget.get() == null) {
            chooseDefaultCommentTarget();
        }
    }

    // ---- what may be sent now (UI thread)

    /**
     * Works out the window and its countdown, then what the composer may send, and schedules the next
     * refresh for when the countdown's text changes.
     */
    void refreshWindow() {
        cancelTick.run();
        ConversationView current = conversation.get();
        Instant now = clock.instant();
        if (current == null) {
            window.set(null);
            windowCountdown.set("");
        } else {
            if (windowRefusedByServer != null && !Objects.equals(lastInboundWhenRefused, current.lastInboundAt())) {
                windowRefusedByServer = null; // the customer wrote again: the window is what the server now says
            }
            MessagingWindow now_ = windowRefusedByServer != null
                    ? MessagingWindow.refusedByServer(current.platform(), windowRefusedByServer)
                    : MessagingWindow.of(current, now);
            window.set(now_);
            windowCountdown.set(now_.countdown(now));
            Duration next = now_.untilNextChange(now);
            if (next != null) {
                int ticking = generation;
                cancelTick = ticker.schedule(next, () -> session.ui().execute(() -> {
                    if (ticking == generation) {
                        refreshWindow();
                    }
                }));
            }
        }
        channelProblem.set(channelProblemOf(channel.get()));
        updateComposer();
    }

    private void updateComposer() {
        ConversationView current = conversation.get();
        MessagingWindow now = window.get();
        String lock;
        if (current == null) {
            lock = "";
        } else if (!may(Permission.INBOX_REPLY)) {
            lock = "Your role does not allow replying to customers.";
        } else if (!channelProblem.get().isEmpty()) {
            lock = "Nothing can be sent on this channel until it is fixed (see above).";
        } else if (current.kind() == ConversationKind.MENTIONS) {
            lock = "Mentions cannot be answered here; open the post on Instagram to reply.";
        } else if (current.kind() == ConversationKind.COMMENTS) {
            lock = commentTarget.get() == null
                    ? "There is no customer comment here to answer yet." : "";
        } else if (now != null && now.state() == MessagingWindow.State.CLOSED) {
            lock = now.refusal();
        } else {
            lock = "";
        }
        composerLock.set(lock);
        boolean whatsAppDm = current != null && current.platform() == Platform.WHATSAPP
                && current.kind() == ConversationKind.DM;
        templatesOffered.set(whatsAppDm && may(Permission.INBOX_REPLY) && may(Permission.TEMPLATE_VIEW)
                && channelProblem.get().isEmpty());
        String attach;
        if (current == null || !lock.isEmpty()) {
            attach = lock;
        } else if (current.kind() != ConversationKind.DM) {
            attach = "Comments are answered with text.";
        } else if (current.platform() == Platform.INSTAGRAM) {
            attach = AttachmentRules.check(Platform.INSTAGRAM, "", 0).refusal();
        } else {
            attach = "";
        }
        attachUnavailable.set(attach);
        if (!attach.isEmpty() && stagedFile.get() != null && current != null) {
            stagedFile.set(null);
        }
        String text = composerText.get();
        canSend.set(lock.isEmpty() && current != null
                && (text != null && !text.isBlank() || stagedFile.get() != null));
    }

    /** A refusal of a send because the window closed means the composer must offer templates now. */
    private void noticeServerRefusals(List<MessageItem> items) {
        ConversationView current = conversation.get();
        if (current == null) {
            return;
        }
        for (MessageItem item : items) {
            OutboxEntry entry = item.pending();
            if (entry != null && entry.state() == OutboxEntry.State.FAILED
                    && WINDOW_REFUSAL_TITLE.equals(entry.refusalTitle()) && entry.kind() != OutboxEntry.Kind.PRIVATE_REPLY) {
                if (!Objects.equals(windowRefusedByServer, entry.lastError())) {
                    windowRefusedByServer = entry.lastError();
                    lastInboundWhenRefused = current.lastInboundAt();
                    refreshWindow();
                }
                return;
            }
        }
    }

    /** In a comment thread the composer answers the customer's latest comment unless another was chosen. */
    private void chooseDefaultCommentTarget() {
        ConversationView current = conversation.get();
        if (current == null || current.kind() != ConversationKind.COMMENTS) {
            return;
        }
        MessageItem latest = null;
        for (MessageItem item : messages) {
            if (isAnswerableComment(item)) {
                latest = item;
            }
        }
        commentTarget.set(latest == null ? null : new CommentTarget(latest, false));
        updateComposer();
    }

    private static String channelProblemOf(ChannelView channel) {
        if (channel == null) {
            return "";
        }
        String name = InboxFormat.channelName(channel);
        if (channel.tokenInvalidSince() != null) {
            return "Meta stopped accepting the access token of " + name + ", so nothing can be sent from it. "
                    + "Reconnect it with a new token in Admin → Channels.";
        }
        if (!channel.enabled()) {
            return name + " is disabled, so nothing can be sent from it. An admin can enable it in Admin → Channels.";
        }
        return "";
    }

    private String tooLong(ConversationView current, String text, StagedFile file) {
        if (current.kind() == ConversationKind.COMMENTS) {
            return text.length() > MAX_COMMENT ? "An Instagram comment can be at most 2,200 characters; this one has "
                    + String.format(java.util.Locale.ROOT, "%,d", text.length()) + "." : null;
        }
        if (file != null) {
            return text.length() > MAX_CAPTION ? "A caption can be at most 1,024 characters; this one has "
                    + String.format(java.util.Locale.ROOT, "%,d", text.length()) + "." : null;
        }
        if (current.platform() == Platform.INSTAGRAM) {
            int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            return bytes > MAX_INSTAGRAM_BYTES ? "An Instagram message can be at most 1,000 bytes; this one has "
                    + String.format(java.util.Locale.ROOT, "%,d", bytes) + ". Split it in two." : null;
        }
        return text.length() > MAX_TEXT ? "A message can be at most 4,096 characters; this one has "
                + String.format(java.util.Locale.ROOT, "%,d", text.length()) + "." : null;
    }

    private Optional<ChannelView> channelOf(long channelId) {
        return store.channels().stream().filter(c -> c.id() == channelId).findFirst();
    }

    private ReadOnlyDoubleWrapper progressOf(String clientId) {
        return uploadProgress.computeIfAbsent(clientId, id -> new ReadOnlyDoubleWrapper(this, "uploadProgress"));
    }

    /** Meta knows the message (it has Meta's id), so it can be quoted or reacted to. */
    private static boolean reachedMeta(MessageView message) {
        String id = message.providerMessageId();
        return id != null && !id.startsWith("referral:") && !id.startsWith("derived:");
    }

    private static Set<Long> commentIds(List<MessageItem> items) {
        Set<Long> ids = new HashSet<>();
        for (MessageItem item : items) {
            if (item.message() != null && item.message().content() instanceof MessageContent.Comment) {
                ids.add(item.message().id());
            }
        }
        return ids;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private void mergeOutbox(List<OutboxEntry> entries) {
        Map<String, OutboxEntry> byKey = new HashMap<>();
        entries.forEach(e -> byKey.put("c:" + e.clientId(), e));
        // outbox entries gone: either the server's copy is already here, or they were discarded
        messages.removeIf(item -> item.isPending() && !byKey.containsKey(item.key()));
        Set<String> present = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageItem item = messages.get(i);
            present.add(item.key());
            OutboxEntry entry = byKey.get(item.key());
            if (item.isPending() && entry != null && !entry.equals(item.pending())) {
                messages.set(i, MessageItem.pending(entry, item.quoted()));
            }
        }
        for (OutboxEntry entry : entries) {
            if (!present.contains("c:" + entry.clientId())) {
                messages.add(MessageItem.pending(entry, quotedById(entry.replyToMessageId())));
            }
        }
    }

    /** Puts a message where it belongs: replacing its earlier state or its pending bubble, else in time order. */
    private void place(MessageItem item) {
        for (int i = 0; i < messages.size(); i++) {
            MessageItem existing = messages.get(i);
            boolean same = existing.key().equals(item.key())
                    || existing.message() != null && existing.message().id() == item.message().id();
            if (same) {
                if (existing.isPending()) {
                    messages.remove(i);
                    break;
                }
                messages.set(i, item);
                return;
            }
        }
        int at = messages.size();
        while (at > 0 && (messages.get(at - 1).isPending() || isAfter(messages.get(at - 1), item))) {
            at--;
        }
        messages.add(at, item);
    }

    private static boolean isAfter(MessageItem a, MessageItem b) {
        if (a.sortTime() != b.sortTime()) {
            return a.sortTime() > b.sortTime();
        }
        return a.message() != null && b.message() != null && a.message().id() > b.message().id();
    }

    // ---- helpers

    private List<MessageItem> items(List<MessageView> list, List<OutboxEntry> outbox) {
        Map<String, MessageView> byProviderId = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (MessageView m : list) {
            if (m.providerMessageId() != null) {
                byProviderId.put(m.providerMessageId(), m);
            }
        }
        for (MessageView m : list) {
            String quoted = quotedProviderId(m);
            if (quoted != null && !byProviderId.containsKey(quoted)) {
                missing.add(quoted);
            }
        }
        store.messagesByProviderId(missing).forEach(m -> byProviderId.put(m.providerMessageId(), m));
        List<MessageItem> items = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        for (MessageView m : list) {
            items.add(MessageItem.of(m, byProviderId.get(quotedProviderId(m))));
            if (m.clientId() != null) {
                stored.add(m.clientId());
            }
        }
        for (OutboxEntry entry : outbox) {
            if (!stored.contains(entry.clientId())) {
                MessageView quoted = entry.replyToMessageId() == null ? null
                        : list.stream().filter(m -> m.id() == entry.replyToMessageId()).findFirst().orElse(null);
                items.add(MessageItem.pending(entry, quoted));
            }
        }
        return items;
    }

    private MessageView quotedFor(MessageView message) {
        String quoted = quotedProviderId(message);
        if (quoted == null) {
            return null;
        }
        return messages.stream().map(MessageItem::message).filter(Objects::nonNull)
                .filter(m -> quoted.equals(m.providerMessageId())).findFirst().orElse(null);
    }

    private MessageView quotedById(Long id) {
        if (id == null) {
            return null;
        }
        return messages.stream().map(MessageItem::message).filter(Objects::nonNull)
                .filter(m -> m.id() == id).findFirst().orElse(null);
    }

    private static String quotedProviderId(MessageView message) {
        return message.context() == null ? null : message.context().replyToMessageId();
    }

    private static int indexOfId(List<MessageView> list, long id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** The conversation's newest messages from the server, kept in the cache; none when offline. Background thread. */
    private List<MessageView> fetchLatest(long id) {
        try {
            session.engine().publish(store.addHistory(session.api().latestMessages(id, FIRST_PAGE)));
            return store.latestMessages(id, FIRST_PAGE);
        } catch (ApiException e) {
            log.debug("The history of conversation {} could not be fetched now: {}", id, e.getMessage());
            return List.of();
        }
    }

    private void markRead(long id) {
        session.background().execute(() -> {
            try {
                session.engine().publish(store.applyAnswer(session.api().markRead(id)));
            } catch (ApiException e) {
                log.debug("Marking conversation {} read did not work now: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Marking conversation {} read failed", id, e);
            }
        });
    }

    @FunctionalInterface
    interface ApiWork {
        StoreChanges run() throws ApiException;
    }

    private void action(ApiWork work, String doneSentence) {
        action(work, doneSentence, () -> { });
    }

    private void action(ApiWork work, String doneSentence, Runnable onDone) {
        busy.set(true);
        notice.set("");
        session.background().execute(() -> {
            String outcome;
            boolean ok = false;
            try {
                session.engine().publish(work.run());
                outcome = doneSentence;
                ok = true;
            } catch (ApiException e) {
                outcome = e.isConnectionProblem()
                        ? "You're offline, so this can't be done now. Replies still go out: they wait in the outbox."
                        : e.getMessage();
            } catch (RuntimeException e) {
                log.error("An inbox action failed unexpectedly", e);
                outcome = "Something went wrong inside Orqestra: " + e.getMessage();
            }
            String sentence = outcome;
            boolean succeeded = ok;
            session.ui().execute(() -> {
                busy.set(false);
                notice.set(sentence);
                if (succeeded) {
                    onDone.run();
                }
            });
        });
    }

    /** Runs {@code work} off the UI thread; the Runnable it returns is run on the UI thread. */
    private void background(Supplier<Runnable> work) {
        session.background().execute(() -> {
            Runnable apply;
            try {
                apply = work.get();
            } catch (RuntimeException e) {
                log.error("Reading the conversation from the cache failed", e);
                apply = () -> notice.set("This conversation could not be read from the local cache: " + e.getMessage());
            }
            session.ui().execute(apply);
        });
    }

    private static String sentence(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof ApiException api && api.isConnectionProblem()
                ? "Earlier messages can't be loaded while offline." : String.valueOf(cause.getMessage());
    }
}
