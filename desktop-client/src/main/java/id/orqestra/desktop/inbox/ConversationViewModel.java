package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.UserView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

import java.nio.file.Path;
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
 * the composer and the actions. Reads the cache off the UI thread and follows the dispatcher's batches;
 * every property changes on the UI thread.
 */
public final class ConversationViewModel {

    static final int FIRST_PAGE = 60;
    static final int EARLIER_PAGE = 50;
    private static final Logger log = LoggerFactory.getLogger(ConversationViewModel.class);

    private final SyncSession session;
    private final InboxStore store;
    private final Set<Permission> permissions;
    private final CannedResponses canned;

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
    private long openId = -1;
    private int generation;

    public ConversationViewModel(SyncSession session, CannedResponses canned) {
        this.session = Objects.requireNonNull(session);
        this.store = session.store();
        this.permissions = session.user().permissions() == null ? Set.of() : Set.copyOf(session.user().permissions());
        this.canned = Objects.requireNonNull(canned);
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
        background(() -> {
            Optional<ConversationView> view = store.conversation(id);
            Optional<ContactView> person = view.flatMap(v -> store.contact(v.contactId()));
            List<MessageView> latest = store.latestMessages(id, FIRST_PAGE);
            if (highlightMessageId != null && latest.stream().noneMatch(m -> m.id() == highlightMessageId)) {
                // a search hit further back: load from there on
                latest = new ArrayList<>(latest);
                List<MessageView> more = store.latestMessages(id, 5000);
                int at = indexOfId(more, highlightMessageId);
                latest = at < 0 ? latest : more.subList(Math.max(0, at - 10), more.size());
            }
            List<MessageItem> items = items(latest, store.outbox(id));
            List<NoteView> noteList = store.notes(id);
            List<UserView> users = store.users();
            boolean earlier = latest.size() >= FIRST_PAGE || !latest.isEmpty();
            return () -> {
                if (loading != generation) {
                    return;
                }
                conversation.set(view.orElse(null));
                contact.set(person.orElse(null));
                team.setAll(users);
                messages.setAll(items);
                notes.setAll(noteList);
                earlierAvailable.set(earlier);
                if (highlightMessageId != null) {
                    items.stream().filter(i -> i.message() != null && i.message().id() == highlightMessageId)
                            .findFirst().ifPresent(highlighted::set);
                }
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
        messages.clear();
        notes.clear();
    }

    /** Sends what the composer holds (or keeps it, with a reason, when it cannot). */
    public void send() {
        String text = composerText.get() == null ? "" : composerText.get().strip();
        if (text.isEmpty() || openId < 0) {
            return;
        }
        if (!may(Permission.INBOX_REPLY)) {
            notice.set("Your role does not allow replying to customers.");
            return;
        }
        if (text.length() > 4096) {
            notice.set("A message can be at most 4,096 characters; this one has " + text.length() + ".");
            return;
        }
        MessageItem quoted = replyingTo.get();
        Long replyTo = quoted != null && quoted.message() != null ? quoted.message().id() : null;
        composerText.set("");
        replyingTo.set(null);
        notice.set("");
        session.engine().sendReply(openId, text, replyTo).exceptionally(e -> {
            log.error("Could not put a reply in the outbox", e);
            session.ui().execute(() -> {
                composerText.set(text);
                notice.set("The reply could not be saved on this computer: " + e.getMessage());
            });
            return null;
        });
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
                userId == null ? "Unassigned." : "Assigned to " + nameOf(userId) + ".");
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
                    return () -> view.ifPresent(conversation::set);
                }));
        if (changes.directoryChanged()) {
            long contactId = conversation.get() == null ? -1 : conversation.get().contactId();
            background(() -> {
                Optional<ContactView> person = store.contact(contactId);
                List<UserView> users = store.users();
                return () -> {
                    person.ifPresent(contact::set);
                    team.setAll(users);
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
            background(() -> {
                List<OutboxEntry> entries = store.outbox(id);
                return () -> {
                    if (current == generation) {
                        mergeOutbox(entries);
                    }
                };
            });
        }
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
