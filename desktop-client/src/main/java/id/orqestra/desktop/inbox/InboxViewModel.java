package id.orqestra.desktop.inbox;

import id.orqestra.desktop.store.ConversationFilter;
import id.orqestra.desktop.store.ConversationFilter.InboxView;
import id.orqestra.desktop.store.ConversationRow;
import id.orqestra.desktop.store.InboxStore;
import id.orqestra.desktop.store.SearchHit;
import id.orqestra.desktop.store.StoreChanges;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.tenant.Permission;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The inbox screen: the conversation list for the chosen view and filters, instant local search, the
 * unread total, the link state, and the open conversation. The list is read from the cache once and
 * then patched from each dispatched batch (a full reload only when a batch is too large to patch).
 * Every property changes on the UI thread; the cache is read on the background executor.
 */
public final class InboxViewModel {

    /** A batch touching more rows than this reloads the list instead of patching it. */
    static final int PATCH_LIMIT = 2000;
    static final int SEARCH_LIMIT = 100;
    /** Rows shown before the rest of a long list is read: a screenful and then some. */
    public static final int FIRST_PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(InboxViewModel.class);
    private static final Comparator<ConversationRow> LIST_ORDER = ConversationRow::compareInList;

    /** New customer messages, for a desktop notification. */
    public record NewMessages(long conversationId, String contactName, String preview, int count) {
    }

    private final SyncSession session;
    private final InboxStore store;
    private final ConversationViewModel conversation;
    private final ObservableList<ConversationRow> conversations = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<ConversationRow> conversationsReadOnly = FXCollections.unmodifiableObservableList(conversations);
    private final Map<Long, ConversationRow> rowsById = new HashMap<>();
    private final ObservableList<SearchHit> searchResults = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<SearchHit> searchResultsReadOnly = FXCollections.unmodifiableObservableList(searchResults);
    private final ObservableList<ChannelView> channels = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<ChannelView> channelsReadOnly = FXCollections.unmodifiableObservableList(channels);
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<String> labelsReadOnly = FXCollections.unmodifiableObservableList(labels);
    private final ObjectProperty<InboxView> view = new SimpleObjectProperty<>(this, "view", InboxView.ALL);
    private final ObjectProperty<ConversationStatus> statusFilter = new SimpleObjectProperty<>(this, "statusFilter", ConversationStatus.OPEN);
    private final ObjectProperty<Long> channelFilter = new SimpleObjectProperty<>(this, "channelFilter");
    private final ObjectProperty<String> labelFilter = new SimpleObjectProperty<>(this, "labelFilter");
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final ReadOnlyStringWrapper searchSummary = new ReadOnlyStringWrapper(this, "searchSummary", "");
    private final ReadOnlyObjectWrapper<ConversationRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyIntegerWrapper unreadTotal = new ReadOnlyIntegerWrapper(this, "unreadTotal");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "");
    private final AtomicInteger listGeneration = new AtomicInteger();
    private final AtomicInteger searchGeneration = new AtomicInteger();
    private Consumer<NewMessages> onNewMessages = news -> { };
    private ConversationFilter filter;
    private boolean reloading;
    private final Consumer<StoreChanges> changeListener = this::onChanges;
    private final java.util.Set<Long> changedDuringReload = new java.util.HashSet<>();

    public InboxViewModel(SyncSession session, CannedResponses canned) {
        this(session, canned, java.time.Clock.systemUTC(), id.orqestra.desktop.viewmodel.Ticker.daemon());
    }

    /** {@code clock} and {@code ticker} drive the open conversation's window countdown (tests pass their own). */
    public InboxViewModel(SyncSession session, CannedResponses canned, java.time.Clock clock,
                          id.orqestra.desktop.viewmodel.Ticker ticker) {
        this.session = Objects.requireNonNull(session);
        this.store = session.store();
        this.conversation = new ConversationViewModel(session, canned, clock, ticker);
        this.filter = new ConversationFilter(view.get(), session.user().id(), null, null, statusFilter.get());
        view.addListener((obs, old, now) -> filterChanged());
        statusFilter.addListener((obs, old, now) -> filterChanged());
        channelFilter.addListener((obs, old, now) -> filterChanged());
        labelFilter.addListener((obs, old, now) -> filterChanged());
        searchText.addListener((obs, old, now) -> search(now));
        session.dispatcher().subscribe(changeListener);
    }

    /** Stops following the cache when the inbox closes, so that a hand-over still queued changes nothing. */
    public void close() {
        session.dispatcher().unsubscribe(changeListener);
    }

    // ---- what the view binds to

    public ObservableList<ConversationRow> conversations() {
        return conversationsReadOnly;
    }

    public ObservableList<SearchHit> searchResults() {
        return searchResultsReadOnly;
    }

    public ObservableList<ChannelView> channels() {
        return channelsReadOnly;
    }

    public ObservableList<String> labels() {
        return labelsReadOnly;
    }

    public ObjectProperty<InboxView> viewProperty() {
        return view;
    }

    /** Null shows every status. */
    public ObjectProperty<ConversationStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<Long> channelFilterProperty() {
        return channelFilter;
    }

    public ObjectProperty<String> labelFilterProperty() {
        return labelFilter;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty searchSummaryProperty() {
        return searchSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConversationRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty unreadTotalProperty() {
        return unreadTotal.getReadOnlyProperty();
    }

    /** True once the list was read from the cache the first time (the screen is interactive). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LinkState> linkStateProperty() {
        return session.engine().stateProperty();
    }

    public ReadOnlyStringProperty linkProblemProperty() {
        return session.engine().problemProperty();
    }

    public ConversationViewModel conversation() {
        return conversation;
    }

    public String channelName(long channelId) {
        return channels.stream().filter(c -> c.id() == channelId).findFirst().map(InboxFormat::channelName).orElse("");
    }

    /** Who hears about new customer messages (the view shows a desktop notification). */
    public void setOnNewMessages(Consumer<NewMessages> listener) {
        onNewMessages = Objects.requireNonNull(listener);
    }

    // ---- commands

    /** Reads the list, channels and labels from the cache. */
    public void load() {
        reload();
        reloadDirectory();
    }

    public void select(ConversationRow row) {
        if (row == null) {
            return;
        }
        selected.set(row);
        if (conversation.openId() != row.id()) {
            conversation.open(row.id(), null);
        }
    }

    public void selectNext() {
        move(1);
    }

    public void selectPrevious() {
        move(-1);
    }

    /** Opens the conversation of a search hit, scrolled to the message. */
    public void openHit(SearchHit hit) {
        ConversationRow row = rowsById.get(hit.conversationId());
        selected.set(row);
        conversation.open(hit.conversationId(), hit.messageId());
    }

    /** Opens a conversation by id (from a notification, say). */
    public void openConversation(long conversationId) {
        selected.set(rowsById.get(conversationId));
        conversation.open(conversationId, null);
    }

    public void clearSearch() {
        searchText.set("");
    }

    public void reconnectNow() {
        session.engine().reconnectNow();
    }

    // ---- internals (UI thread unless said otherwise)

    private void move(int step) {
        if (conversations.isEmpty()) {
            return;
        }
        ConversationRow current = selected.get();
        int index = current == null ? -1 : Collections.binarySearch(conversations, current, LIST_ORDER);
        int next = index < 0 ? (step > 0 ? 0 : conversations.size() - 1) : Math.floorMod(index + step, conversations.size());
        select(conversations.get(next));
    }

    private void filterChanged() {
        filter = new ConversationFilter(view.get(), session.user().id(), channelFilter.get(), labelFilter.get(), statusFilter.get());
        reload();
    }

    private void reload() {
        ConversationFilter wanted = filter;
        int generation = listGeneration.incrementAndGet();
        reloading = true;
        changedDuringReload.clear();
        session.background().execute(() -> {
            try {
                // the first screenful at once (interactive), then the whole list
                List<ConversationRow> first = store.conversations(wanted, FIRST_PAGE);
                int unread = store.unreadTotal();
                session.ui().execute(() -> {
                    if (generation == listGeneration.get()) {
                        showList(first);
                        unreadTotal.set(unread);
                        loaded.set(true);
                    }
                });
                if (first.size() < FIRST_PAGE) {
                    session.ui().execute(() -> finishReload(generation));
                    return;
                }
                if (generation != listGeneration.get()) {
                    return; // a newer filter is being read already
                }
                List<ConversationRow> all = store.conversations(wanted);
                session.ui().execute(() -> {
                    if (generation == listGeneration.get()) {
                        showList(all);
                        finishReload(generation);
                    }
                });
            } catch (RuntimeException e) {
                log.error("Reading the conversation list from the cache failed", e);
                session.ui().execute(() -> emptyText.set("The local cache could not be read: " + e.getMessage()));
            }
        });
    }

    private void showList(List<ConversationRow> rows) {
        rowsById.clear();
        rows.forEach(row -> rowsById.put(row.id(), row));
        conversations.setAll(rows);
        refreshSelection();
        updateEmptyText();
    }

    /** Rows that changed while the list was being read may be missing from it: read those again. */
    private void finishReload(int generation) {
        if (generation != listGeneration.get()) {
            return;
        }
        reloading = false;
        if (changedDuringReload.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(changedDuringReload);
        changedDuringReload.clear();
        session.background().execute(() -> {
            Map<Long, ConversationRow> fresh = new HashMap<>();
            for (long id : ids) {
                store.conversationRow(id).ifPresent(row -> fresh.put(id, row));
            }
            session.ui().execute(() -> {
                if (generation != listGeneration.get()) {
                    return;
                }
                for (long id : ids) {
                    remove(id);
                    ConversationRow row = fresh.get(id);
                    if (row != null && filter.matches(row)) {
                        insert(row);
                    }
                }
                refreshSelection();
                updateEmptyText();
            });
        });
    }

    private void insert(ConversationRow row) {
        int at = Collections.binarySearch(conversations, row, LIST_ORDER);
        conversations.add(at < 0 ? -at - 1 : at, row);
        rowsById.put(row.id(), row);
    }

    private void reloadDirectory() {
        session.background().execute(() -> {
            try {
                List<ChannelView> channelList = store.channels();
                List<String> labelList = store.labels();
                session.ui().execute(() -> {
                    channels.setAll(channelList);
                    if (!labels.equals(labelList)) {
                        labels.setAll(labelList);
                    }
                });
            } catch (RuntimeException e) {
                log.error("Reading channels and labels from the cache failed", e);
            }
        });
    }

    void onChanges(StoreChanges changes) {
        unreadTotal.set(changes.unreadTotal());
        if (reloading) {
            changes.conversations().forEach(row -> changedDuringReload.add(row.id()));
            changedDuringReload.addAll(changes.removedConversations());
        }
        if (changes.reloadEverything() || changes.conversations().size() + changes.removedConversations().size() > PATCH_LIMIT) {
            reload();
            reloadDirectory();
        } else {
            for (long removed : changes.removedConversations()) {
                remove(removed);
            }
            boolean labelsMayHaveChanged = false;
            for (ConversationRow row : changes.conversations()) {
                ConversationRow old = remove(row.id());
                labelsMayHaveChanged |= old == null || !old.labels().equals(row.labels());
                if (filter.matches(row)) {
                    insert(row);
                }
            }
            if (changes.directoryChanged() || labelsMayHaveChanged) {
                reloadDirectory();
            }
            refreshSelection();
            updateEmptyText();
        }
        conversation.onChanges(changes);
        notifyNewMessages(changes.newInbound());
        if (searching.get() && !changes.messages().isEmpty()) {
            search(searchText.get());
        }
    }

    private ConversationRow remove(long id) {
        ConversationRow old = rowsById.remove(id);
        if (old != null) {
            int at = Collections.binarySearch(conversations, old, LIST_ORDER);
            if (at >= 0) {
                conversations.remove(at);
            } else {
                conversations.removeIf(row -> row.id() == id);
            }
        }
        return old;
    }

    private void refreshSelection() {
        ConversationRow current = selected.get();
        if (current != null) {
            ConversationRow now = rowsById.get(current.id());
            if (now != null && !now.equals(current)) {
                selected.set(now);
            }
        }
    }

    static final String ONLY_ASSIGNED_TO_YOU = "Your role shows you only the conversations assigned to you; "
            + "unassigned ones are handled by your supervisors.";

    private void updateEmptyText() {
        if (!conversations.isEmpty()) {
            emptyText.set("");
            return;
        }
        if (view.get() == InboxView.UNASSIGNED && !conversation.may(Permission.INBOX_VIEW_ALL)) {
            // the server sends such a role only its own conversations: "everyone is on it" would not be true
            emptyText.set(ONLY_ASSIGNED_TO_YOU);
            return;
        }
        String what = switch (view.get()) {
            case MINE -> "No conversations are assigned to you";
            case UNASSIGNED -> "Every conversation has someone on it";
            case ALL -> "No conversations yet";
        };
        boolean filtered = statusFilter.get() != null || channelFilter.get() != null || labelFilter.get() != null;
        emptyText.set(what + (filtered ? " with these filters." : "."));
    }

    private void notifyNewMessages(List<MessageView> inbound) {
        if (inbound.isEmpty()) {
            return;
        }
        Map<Long, List<MessageView>> byConversation = new HashMap<>();
        for (MessageView message : inbound) {
            if (message.direction() == Direction.INBOUND) {
                byConversation.computeIfAbsent(message.conversationId(), id -> new ArrayList<>()).add(message);
            }
        }
        byConversation.forEach((id, messages) -> {
            ConversationRow row = rowsById.get(id);
            MessageView last = messages.getLast();
            String preview = last.content() == null ? "New message" : InboxFormat.plainPreview(last.content().preview());
            onNewMessages.accept(new NewMessages(id, row == null ? "New message" : row.contactName(), preview, messages.size()));
        });
    }

    private void search(String text) {
        String query = text == null ? "" : text.strip();
        int generation = searchGeneration.incrementAndGet();
        if (query.isEmpty()) {
            searching.set(false);
            searchResults.clear();
            searchSummary.set("");
            return;
        }
        searching.set(true);
        session.background().execute(() -> {
            long started = System.nanoTime();
            List<SearchHit> hits;
            try {
                hits = store.search(query, SEARCH_LIMIT);
            } catch (RuntimeException e) {
                log.error("Local search failed", e);
                hits = List.of();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<SearchHit> found = hits;
            session.ui().execute(() -> {
                if (generation != searchGeneration.get()) {
                    return;
                }
                searchResults.setAll(found);
                searchSummary.set(found.isEmpty() ? "No cached message matches \"" + query + "\"."
                        : (found.size() >= SEARCH_LIMIT ? "The latest " + found.size() : found.size())
                        + (found.size() == 1 ? " message" : " messages") + " · " + millis + " ms");
            });
        });
    }
}
