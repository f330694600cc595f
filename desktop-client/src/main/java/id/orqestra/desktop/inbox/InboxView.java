package id.orqestra.desktop.inbox;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.store.ConversationFilter;
import id.orqestra.desktop.store.ConversationRow;
import id.orqestra.desktop.store.SearchHit;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.ui.Initials;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.ContactView;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.inbox.Platform;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.UserView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Popup;
import javafx.util.StringConverter;
import org.kordamp.ikonli.fontawesome5.FontAwesomeBrands;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The inbox screen: conversation list (views, filters, search) on the left, the open conversation with
 * its composer in the middle, the contact panel on the right, and a banner while offline. Binds to
 * {@link InboxViewModel}; touches neither SQL nor HTTP.
 */
public final class InboxView {

    static final String SHORTCUTS = """
            Keyboard shortcuts
            Ctrl+K  search messages
            Alt+↑ / Alt+↓  previous / next conversation
            Enter or Ctrl+Enter  send · Shift+Enter  new line
            /  canned responses in the composer
            Ctrl+Shift+R  resolve or reopen
            Ctrl+Shift+A  assign to me
            Ctrl+Shift+N  write a private note
            Ctrl+Shift+T  send a WhatsApp template
            Esc  clear the search""";
    static final List<String> EMOJI = List.of("😀", "😊", "😂", "🥰", "😍", "😉", "🙂", "🤔", "😅", "😢", "😮", "😎",
            "👍", "👎", "🙏", "👏", "🙌", "👋", "💪", "🤝", "❤", "🔥", "✨", "🎉", "✅", "❌", "⭐", "📦", "🚚", "☕", "🍰", "💳");

    private final InboxViewModel model;
    private final ConversationViewModel conversation;
    private final BorderPane layout = new BorderPane();
    private final ModalPane modal = new ModalPane();
    private final StackPane root = new StackPane(layout, modal);
    private final ListView<ConversationRow> list = new ListView<>();
    private final ListView<SearchHit> hits = new ListView<>();
    private final ListView<MessageItem> messages = new ListView<>();
    private final CustomTextField search = new CustomTextField();
    private final TextArea composer = new TextArea();
    private final TextField noteField = new TextField();
    private final VBox contactPanel = new VBox(14);
    /** The contact panel with its close button: docked beside the conversation when the inbox is wide, a drawer over it when narrow. */
    private final VBox contactDock = new VBox();
    /** The messages and the composer, under which the contact drawer opens in a narrow inbox. */
    private final StackPane conversationBody = new StackPane();
    private final ToggleButton contactToggle = new ToggleButton(null, new FontIcon(Feather.SIDEBAR));
    private final ContextMenu cannedMenu = new ContextMenu();
    private boolean selectingFromModel;
    private boolean listPatching;

    public InboxView(InboxViewModel model) {
        this.model = Objects.requireNonNull(model);
        this.conversation = model.conversation();
        root.getStyleClass().add("inbox");
        root.getStylesheets().add(Objects.requireNonNull(InboxView.class.getResource("inbox.css")).toExternalForm());
        modal.setId("inboxModal");
        modal.setPersistent(true); // a click beside a half-filled template must not throw it away
        modal.setInTransitionFactory(null); // as in the admin area: the zoom-in left a copy at the top-left corner
        layout.setTop(offlineBanner());
        layout.setLeft(listPane());
        layout.setCenter(conversationPane());
        contactPane();
        dockContactPanel(true);
        // the shortcuts work wherever the focus is in the window, while the inbox is shown
        javafx.event.EventHandler<KeyEvent> shortcuts = this::shortcuts;
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** Puts the caret in the search box (Ctrl+K). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    // ---------------------------------------------------------------- offline banner

    private Node offlineBanner() {
        FontIcon icon = new FontIcon(Feather.WIFI_OFF);
        Label text = new Label();
        text.setId("offlineBanner");
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            LinkState state = model.linkStateProperty().get();
            String why = model.linkProblemProperty().get();
            return switch (state) {
                case OFFLINE -> "You're offline. Replies wait in the outbox and go out by themselves when the connection returns."
                        + (why == null || why.isBlank() ? "" : "  (" + why + ")");
                case SIGNED_OUT -> "Your sign-in has ended, so the inbox is not being updated. Sign out and in again.";
                default -> "";
            };
        }, model.linkStateProperty(), model.linkProblemProperty()));
        Button tryNow = new Button("Try now");
        tryNow.getStyleClass().addAll(Styles.SMALL);
        tryNow.setOnAction(e -> model.reconnectNow());
        tryNow.visibleProperty().bind(model.linkStateProperty().isEqualTo(LinkState.OFFLINE));
        tryNow.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long reason wraps; the button keeps its words
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(10, icon, text, tryNow);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("offline-banner");
        banner.visibleProperty().bind(model.linkStateProperty().isEqualTo(LinkState.OFFLINE)
                .or(model.linkStateProperty().isEqualTo(LinkState.SIGNED_OUT)));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    // ---------------------------------------------------------------- list pane

    private Node listPane() {
        Label title = new Label("Inbox");
        title.getStyleClass().add(Styles.TITLE_4);
        Label unread = new Label();
        unread.setId("inboxUnreadBadge");
        unread.getStyleClass().add("unread-badge");
        unread.textProperty().bind(model.unreadTotalProperty().asString());
        unread.visibleProperty().bind(model.unreadTotalProperty().greaterThan(0));
        Tooltip.install(unread, new Tooltip("Unread customer messages"));
        Label link = new Label();
        link.setId("linkState");
        link.getStyleClass().add("link-state");
        link.textProperty().bind(model.linkStateProperty().map(InboxView::linkWords));
        link.graphicProperty().bind(model.linkStateProperty().map(state -> {
            FontIcon dot = new FontIcon(state == LinkState.ONLINE ? Feather.CIRCLE : state == LinkState.CONNECTING
                    ? Feather.REFRESH_CW : Feather.WIFI_OFF);
            dot.getStyleClass().add("link-" + state.name().toLowerCase(java.util.Locale.ROOT));
            return dot;
        }));
        Button help = new Button(null, new FontIcon(Feather.HELP_CIRCLE));
        help.setId("shortcutsHelp");
        help.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        Tooltip tip = new Tooltip(SHORTCUTS);
        tip.setShowDelay(javafx.util.Duration.millis(150));
        tip.setShowDuration(javafx.util.Duration.seconds(30));
        help.setTooltip(tip);
        // a click shows the list too, for those who click rather than hover
        help.setOnAction(e -> {
            var below = help.localToScreen(0, help.getHeight() + 4);
            tip.show(help, below.getX(), below.getY());
        });
        HBox header = new HBox(8, title, unread, new Spacer(), link, help);
        header.setAlignment(Pos.CENTER_LEFT);

        search.setId("searchField");
        search.setPromptText("Search messages  (Ctrl+K)");
        search.setLeft(new FontIcon(Feather.SEARCH));
        Button clear = new Button(null, new FontIcon(Feather.X));
        clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "clear-search");
        clear.setOnAction(e -> model.clearSearch());
        clear.visibleProperty().bind(model.searchingProperty());
        search.setRight(clear);
        search.textProperty().bindBidirectional(model.searchTextProperty());

        ToggleGroup views = new ToggleGroup();
        HBox viewBar = new HBox();
        viewBar.getStyleClass().add("view-bar");
        for (ConversationFilter.InboxView v : ConversationFilter.InboxView.values()) {
            ToggleButton button = new ToggleButton(v.label());
            button.setId("view-" + v.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(views);
            button.setUserData(v);
            button.setSelected(model.viewProperty().get() == v);
            button.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(button, Priority.ALWAYS);
            button.getStyleClass().add(v.ordinal() == 0 ? Styles.LEFT_PILL
                    : v.ordinal() == ConversationFilter.InboxView.values().length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            viewBar.getChildren().add(button);
        }
        views.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.viewProperty().set((ConversationFilter.InboxView) now.getUserData());
            }
        });

        HBox filters = new HBox(6, statusBox(), channelBox(), labelBox());
        filters.getStyleClass().add("filters");

        list.setId("conversationList");
        list.getStyleClass().addAll("conversation-list", Styles.DENSE);
        // While the model patches the list, the list's own selection slides to a neighbour of a row that was
        // taken out (the open conversation's row is replaced whenever it changes): that is not the person
        // choosing a conversation. This listener runs before the list's (it is added first); the one below
        // the list's puts the selection back.
        model.conversations().addListener((ListChangeListener<ConversationRow>) change -> listPatching = true);
        list.setItems(model.conversations());
        list.setCellFactory(v -> new ConversationCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !selectingFromModel && !listPatching) {
                model.select(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> {
            selectingFromModel = true;
            try {
                if (row == null) {
                    list.getSelectionModel().clearSelection();
                } else if (list.getSelectionModel().getSelectedItem() != row) {
                    list.getSelectionModel().select(row);
                    int index = list.getSelectionModel().getSelectedIndex();
                    if (index >= 0) {
                        list.scrollTo(Math.max(0, index - 3));
                    }
                }
            } finally {
                selectingFromModel = false;
            }
        });
        // a patched list loses the selection of the replaced row: put it back (or none, while it is out of the list)
        model.conversations().addListener((ListChangeListener<ConversationRow>) change -> {
            listPatching = false;
            ConversationRow selected = model.selectedProperty().get();
            if (list.getSelectionModel().getSelectedItem() != selected) {
                selectingFromModel = true;
                if (selected != null && model.conversations().contains(selected)) {
                    list.getSelectionModel().select(selected);
                } else {
                    list.getSelectionModel().clearSelection();
                }
                selectingFromModel = false;
            }
        });
        Label empty = new Label();
        empty.getStyleClass().add("list-empty");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyTextProperty());
        list.setPlaceholder(empty);

        hits.setId("searchResults");
        hits.getStyleClass().add("search-results");
        hits.setItems(model.searchResults());
        hits.setCellFactory(v -> new SearchHitCell());
        hits.setOnMouseClicked(e -> openHit(hits.getSelectionModel().getSelectedItem()));
        hits.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openHit(hits.getSelectionModel().getSelectedItem());
            }
        });
        Label noHits = new Label();
        noHits.setWrapText(true);
        noHits.getStyleClass().add("list-empty");
        noHits.textProperty().bind(model.searchSummaryProperty());
        hits.setPlaceholder(noHits);
        Label summary = new Label();
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "search-summary");
        summary.textProperty().bind(model.searchSummaryProperty());
        VBox searchBox = new VBox(4, summary, hits);
        VBox.setVgrow(hits, Priority.ALWAYS);
        searchBox.visibleProperty().bind(model.searchingProperty());
        list.visibleProperty().bind(model.searchingProperty().not());
        StackPane lists = new StackPane(list, searchBox);
        VBox.setVgrow(lists, Priority.ALWAYS);

        VBox controls = new VBox(10, header, search, viewBar, filters);
        controls.getStyleClass().add("list-controls");
        VBox pane = new VBox(10, controls, lists);
        pane.getStyleClass().add("list-pane");
        return pane;
    }

    private void openHit(SearchHit hit) {
        if (hit != null) {
            model.openHit(hit);
        }
    }

    private Node statusBox() {
        ComboBox<ConversationStatus> box = new ComboBox<>();
        box.setId("statusFilter");
        box.getItems().add(null);
        box.getItems().addAll(ConversationStatus.values());
        box.setConverter(converter(status -> status == null ? "Any status" : switch (status) {
            case OPEN -> "Open";
            case PENDING -> "Pending";
            case RESOLVED -> "Resolved";
        }));
        box.valueProperty().bindBidirectional(model.statusFilterProperty());
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node channelBox() {
        ComboBox<Long> box = new ComboBox<>();
        box.setId("channelFilter");
        Runnable fill = () -> {
            Long chosen = model.channelFilterProperty().get();
            box.getItems().setAll((Long) null);
            model.channels().forEach(c -> box.getItems().add(c.id()));
            box.setValue(chosen);
        };
        model.channels().addListener((ListChangeListener<ChannelView>) c -> fill.run());
        fill.run();
        box.setConverter(converter(id -> id == null ? "All channels" : model.channelName(id)));
        box.valueProperty().addListener((obs, old, now) -> model.channelFilterProperty().set(now));
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node labelBox() {
        ComboBox<String> box = new ComboBox<>();
        box.setId("labelFilter");
        Runnable fill = () -> {
            String chosen = model.labelFilterProperty().get();
            box.getItems().setAll((String) null);
            box.getItems().addAll(model.labels());
            box.setValue(chosen);
        };
        model.labels().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        box.setConverter(converter(label -> label == null ? "All labels" : label));
        box.valueProperty().addListener((obs, old, now) -> model.labelFilterProperty().set(now));
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return words.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static String linkWords(LinkState state) {
        return switch (state) {
            case ONLINE -> "Live";
            case CONNECTING -> "Connecting…";
            case OFFLINE -> "Offline";
            case SIGNED_OUT -> "Signed out";
            case STOPPED -> "Stopped";
        };
    }

    /** A search result: who, when, and the words around the match. */
    private static final class SearchHitCell extends ListCell<SearchHit> {
        private final Label who = new Label();
        private final Label when = new Label();
        private final Label excerpt = new Label();
        private final VBox box;

        SearchHitCell() {
            who.getStyleClass().add("conversation-name");
            when.getStyleClass().add("conversation-time");
            excerpt.getStyleClass().add("conversation-preview");
            excerpt.setWrapText(true);
            excerpt.setMaxHeight(36);
            who.setMinWidth(0);
            when.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            excerpt.setMinWidth(0);
            HBox top = new HBox(6, who, new Spacer(), when);
            top.setMinWidth(0);
            box = new VBox(2, top, excerpt);
            getStyleClass().add("search-hit");
            ConversationCell.fitToList(this, box);
        }

        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            who.setText(hit.contactName());
            when.setText(InboxFormat.listTime(hit.sentAtMillis(), Instant.now(), ZoneId.systemDefault()));
            excerpt.setText((hit.direction() == id.orqestra.model.inbox.Direction.OUTBOUND ? "You: " : "")
                    + InboxFormat.plainPreview(hit.excerpt()));
            setGraphic(box);
        }
    }

    // ---------------------------------------------------------------- conversation pane

    private Node conversationPane() {
        Label pick = new Label("Pick a conversation on the left to read and reply.");
        pick.getStyleClass().add(Styles.TEXT_MUTED);
        FontIcon icon = new FontIcon(Feather.MESSAGE_SQUARE);
        icon.getStyleClass().add("nothing-open-icon");
        VBox nothing = new VBox(12, icon, pick);
        nothing.setAlignment(Pos.CENTER);
        nothing.getStyleClass().add("nothing-open");

        BorderPane pane = new BorderPane();
        pane.getStyleClass().add("conversation-pane");
        pane.setTop(new VBox(conversationHeader(), channelBanner()));
        BorderPane body = new BorderPane(messageList());
        body.setBottom(composerBar());
        conversationBody.getChildren().add(body);
        pane.setCenter(conversationBody);
        pane.visibleProperty().bind(conversation.openProperty());
        nothing.visibleProperty().bind(conversation.openProperty().not());
        return new StackPane(nothing, pane);
    }

    /** Below this width of the inbox the contact panel steps aside by itself. */
    private static final double CONTACT_PANEL_MIN_WIDTH = 1080;
    /** Below this width the conversation header's buttons show only their icons. */
    private static final double COMPACT_HEADER_WIDTH = 620;
    /** Below this width of the closed-window banner its "Choose a template" button goes under the sentence. */
    private static final double LOCK_BUTTON_BESIDE_WIDTH = 480;

    private Node conversationHeader() {
        Label avatar = new Label();
        avatar.getStyleClass().add("conversation-avatar");
        Label name = new Label();
        name.setId("conversationTitle");
        name.getStyleClass().add(Styles.TITLE_4);
        Label where = new Label();
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label status = new Label();
        status.setId("conversationStatus");
        Label assignee = new Label();
        assignee.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Runnable refresh = () -> {
            ContactView person = conversation.contactProperty().get();
            ConversationView view = conversation.conversationProperty().get();
            String display = person == null ? "" : person.displayName();
            name.setText(display);
            avatar.setText(Initials.of(display.replaceFirst("^[@+]", "")));
            if (view != null) {
                FontIcon mark = new FontIcon(view.platform() == Platform.WHATSAPP ? FontAwesomeBrands.WHATSAPP : FontAwesomeBrands.INSTAGRAM);
                mark.getStyleClass().add(view.platform() == Platform.WHATSAPP ? "whatsapp-mark" : "instagram-mark");
                where.setGraphic(mark);
                String channel = model.channelName(view.channelId());
                String platformName = view.platform() == Platform.WHATSAPP ? "WhatsApp" : "Instagram";
                where.setText(channel.isBlank() ? platformName : channel.startsWith(platformName) ? channel : platformName + " · " + channel);
                status.setText(switch (view.status()) {
                    case OPEN -> "Open";
                    case PENDING -> "Pending";
                    case RESOLVED -> "Resolved";
                });
                status.getStyleClass().setAll("label", "pill", switch (view.status()) {
                    case OPEN -> "pill-success";
                    case PENDING -> "pill-warning";
                    case RESOLVED -> "pill-neutral";
                });
                assignee.setText(conversation.assignment(view.assigneeUserId()));
            }
        };
        conversation.contactProperty().addListener((obs, o, n) -> refresh.run());
        conversation.conversationProperty().addListener((obs, o, n) -> refresh.run());
        conversation.team().addListener((ListChangeListener<UserView>) c -> refresh.run());
        // the channel and the assignment share a line while they fit; the assignment moves under the channel
        // before either is cut short
        FlowPane facts = new FlowPane(8, 1, where, assignee);
        facts.setPrefWrapLength(0);
        VBox who = new VBox(1, new HBox(8, name, status), facts);
        ((HBox) who.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);

        MenuButton assign = new MenuButton("Assign", new FontIcon(Feather.USER_CHECK));
        assign.setId("assignMenu");
        assign.setDisable(!conversation.may(Permission.INBOX_ASSIGN));
        assign.setOnShowing(e -> {
            assign.getItems().clear();
            MenuItem me = new MenuItem("Assign to me  (Ctrl+Shift+A)");
            me.setOnAction(a -> conversation.assignToMe());
            MenuItem nobody = new MenuItem("Unassign");
            nobody.setOnAction(a -> conversation.assign(null));
            assign.getItems().addAll(me, nobody, new SeparatorMenuItem());
            for (UserView user : conversation.team()) {
                if (user.active() && user.id() != conversation.viewerUserId()) {
                    MenuItem item = new MenuItem(user.name() == null || user.name().isBlank() ? user.email() : user.name());
                    item.setOnAction(a -> conversation.assign(user.id()));
                    assign.getItems().add(item);
                }
            }
        });
        assign.getItems().add(new MenuItem("…"));

        Button resolve = new Button();
        resolve.setId("resolveButton");
        resolve.textProperty().bind(conversation.conversationProperty().map(v ->
                v != null && v.status() == ConversationStatus.RESOLVED ? "Reopen" : "Resolve"));
        resolve.graphicProperty().bind(conversation.conversationProperty().map(v ->
                new FontIcon(v != null && v.status() == ConversationStatus.RESOLVED ? Feather.ROTATE_CCW : Feather.CHECK_CIRCLE)));
        resolve.getStyleClass().add(Styles.SUCCESS);
        resolve.setDisable(!conversation.may(Permission.INBOX_RESOLVE));
        resolve.setOnAction(e -> conversation.toggleResolved());

        ToggleButton details = contactToggle;
        details.setId("contactPanelToggle");
        details.getStyleClass().add(Styles.BUTTON_ICON);
        details.setTooltip(new Tooltip("Show or hide the contact panel"));
        details.setSelected(true);
        // a narrow window gives the conversation the room: the panel steps aside, and the toggle opens it as a
        // drawer over the conversation (squeezed in beside it, the conversation's banners wrapped a few letters a
        // line and pushed the header out of the window); it docks again when the window is wide again
        root.widthProperty().addListener((obs, was, now) -> {
            boolean wasWide = was.doubleValue() >= CONTACT_PANEL_MIN_WIDTH;
            boolean isWide = now.doubleValue() >= CONTACT_PANEL_MIN_WIDTH;
            if (wasWide != isWide || was.doubleValue() == 0) {
                dockContactPanel(isWide);
                details.setSelected(isWide);
            }
        });
        contactPanel.visibleProperty().bind(details.selectedProperty().and(conversation.openProperty()));
        contactPanel.managedProperty().bind(contactPanel.visibleProperty());

        for (javafx.scene.control.Control control : List.of(assign, resolve, details)) {
            control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // when the pane is narrow the name and "Assigned to …" give way (ellipsis) and the buttons keep only
        // their icons, so that nothing is drawn over anything
        who.setMinWidth(0);
        who.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(who, Priority.ALWAYS); // all the room the buttons leave, for the lines above to fit in
        facts.setMinWidth(0);
        where.setMinWidth(0);
        assignee.setMinWidth(0);
        name.setMinWidth(0);
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox header = new HBox(12, avatar, who, assign, resolve, details);
        header.setAlignment(Pos.CENTER_LEFT);
        var compact = header.widthProperty().lessThan(COMPACT_HEADER_WIDTH);
        assign.contentDisplayProperty().bind(javafx.beans.binding.Bindings.when(compact)
                .then(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY).otherwise(javafx.scene.control.ContentDisplay.LEFT));
        resolve.contentDisplayProperty().bind(assign.contentDisplayProperty());
        assign.setTooltip(new Tooltip("Assign (Ctrl+Shift+A: to me)"));
        resolve.tooltipProperty().bind(resolve.textProperty().map(text -> new Tooltip(text + "  (Ctrl+Shift+R)")));
        header.getStyleClass().add("conversation-header");
        return header;
    }

    /** The messaging window's countdown beside the conversation's name, coloured as it runs out. */
    private Node windowPill() {
        Label pill = new Label();
        pill.setId("windowCountdown");
        pill.setGraphic(new FontIcon(Feather.CLOCK));
        pill.textProperty().bind(conversation.windowCountdownProperty());
        pill.visibleProperty().bind(conversation.windowCountdownProperty().isNotEmpty());
        pill.managedProperty().bind(pill.visibleProperty());
        pill.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable style = () -> {
            MessagingWindow window = conversation.windowProperty().get();
            String state = window == null || window.state() != MessagingWindow.State.OPEN ? "window-closed"
                    : window.closesAt() != null && window.closesAt().isBefore(Instant.now().plus(java.time.Duration.ofHours(2)))
                    ? "window-closing" : "window-open";
            pill.getStyleClass().setAll("label", "window-pill", state);
            pill.setTooltip(new Tooltip(window == null ? "" : window.platform() == Platform.INSTAGRAM
                    ? "Instagram accepts a person's replies for 7 days after the customer's last message."
                    : window.state() == MessagingWindow.State.OPEN
                    ? "WhatsApp accepts free text for 24 hours after the customer's last message (72 after an ad); "
                    + "after that, only templates."
                    : window.refusal()));
        };
        conversation.windowProperty().addListener((obs, o, n) -> style.run());
        conversation.windowCountdownProperty().addListener((obs, o, n) -> style.run());
        style.run();
        return pill;
    }

    /** Says why nothing can be sent on the conversation's channel (a refused token, a disabled channel). */
    private Node channelBanner() {
        Label text = new Label();
        text.setId("channelBanner");
        text.setWrapText(true);
        text.textProperty().bind(conversation.channelProblemProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(10, new FontIcon(Feather.ALERT_TRIANGLE), text);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("channel-banner");
        banner.visibleProperty().bind(conversation.channelProblemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node messageList() {
        messages.setId("messageList");
        messages.getStyleClass().add("message-list");
        messages.setItems(conversation.messages());
        messages.setCellFactory(v -> new MessageCell(conversation, messages, this::confirm));
        messages.setFocusTraversable(false);
        // follow the conversation: a new message scrolls to the bottom when we were there already
        conversation.messages().addListener((ListChangeListener<MessageItem>) change -> {
            while (change.next()) {
                if (change.wasAdded() && change.getTo() >= conversation.messages().size() - 1 || change.getList().size() <= 1) {
                    // after the cells are laid out, or the list scrolls by estimated heights and stops short
                    javafx.application.Platform.runLater(this::scrollToLatest);
                    return;
                }
            }
        });
        conversation.highlightedProperty().addListener((obs, o, item) -> {
            if (item != null) {
                int at = conversation.messages().indexOf(item);
                if (at >= 0) {
                    messages.scrollTo(Math.max(0, at - 2));
                    messages.getSelectionModel().select(at);
                }
            }
        });
        Button earlier = new Button("Show earlier messages", new FontIcon(Feather.CHEVRONS_UP));
        earlier.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        earlier.setOnAction(e -> conversation.loadEarlier());
        earlier.visibleProperty().bind(conversation.earlierAvailableProperty());
        earlier.managedProperty().bind(earlier.visibleProperty());
        earlier.disableProperty().bind(conversation.busyProperty());
        HBox top = new HBox(earlier);
        top.setAlignment(Pos.CENTER);
        VBox box = new VBox(top, messages);
        VBox.setVgrow(messages, Priority.ALWAYS);
        box.getStyleClass().add("message-area");
        return box;
    }

    /** Shows the newest message whole: scrollTo alone stops short when bubbles differ in height. */
    private void scrollToLatest() {
        int last = conversation.messages().size() - 1;
        if (last < 0) {
            return;
        }
        messages.scrollTo(last);
        javafx.application.Platform.runLater(() -> messages.lookupAll(".scroll-bar").stream()
                .filter(node -> node instanceof javafx.scene.control.ScrollBar bar
                        && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .map(javafx.scene.control.ScrollBar.class::cast)
                .forEach(bar -> bar.setValue(bar.getMax())));
    }

    private Node composerBar() {
        Label replying = new Label();
        replying.getStyleClass().add("replying-to");
        replying.textProperty().bind(conversation.replyingToProperty().map(item -> "Replying to: "
                + (item.message() == null || item.message().content() == null ? "" : InboxFormat.plainPreview(item.message().content().preview()))));
        Button cancelReply = new Button(null, new FontIcon(Feather.X));
        cancelReply.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        cancelReply.setOnAction(e -> conversation.replyingToProperty().set(null));
        HBox replyBar = new HBox(6, new FontIcon(Feather.CORNER_UP_LEFT), replying, new Spacer(), cancelReply);
        replyBar.setAlignment(Pos.CENTER_LEFT);
        replyBar.getStyleClass().add("reply-bar");
        replyBar.visibleProperty().bind(conversation.replyingToProperty().isNotNull());
        replyBar.managedProperty().bind(replyBar.visibleProperty());

        Label answering = new Label();
        answering.setId("commentTarget");
        answering.getStyleClass().add("replying-to");
        answering.textProperty().bind(conversation.commentTargetProperty().map(target ->
                (target.privately() ? "Private reply (their direct messages) to: " : "Public reply to: ")
                        + InboxFormat.plainPreview(target.comment().message().content().preview())));
        HBox commentBar = new HBox(6, new FontIcon(Feather.MESSAGE_CIRCLE), answering);
        commentBar.setAlignment(Pos.CENTER_LEFT);
        commentBar.getStyleClass().add("reply-bar");
        commentBar.visibleProperty().bind(conversation.commentTargetProperty().isNotNull());
        commentBar.managedProperty().bind(commentBar.visibleProperty());

        Label fileName = new Label();
        fileName.setId("stagedFile");
        fileName.getStyleClass().add("chip-title");
        fileName.textProperty().bind(conversation.stagedFileProperty().map(f -> f.name() + " · " + InboxFormat.fileSize(f.size())));
        Label fileHint = new Label();
        fileHint.getStyleClass().add("chip-detail");
        fileHint.textProperty().bind(conversation.stagedFileProperty().map(f ->
                f.kind() == id.orqestra.model.inbox.MessageContent.MediaKind.AUDIO
                        || f.kind() == id.orqestra.model.inbox.MessageContent.MediaKind.STICKER
                        ? "What you write goes as its own message (WhatsApp shows no caption here)"
                        : "What you write goes with it as its caption"));
        Button unstage = new Button(null, new FontIcon(Feather.X));
        unstage.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        unstage.setTooltip(new Tooltip("Remove the file"));
        unstage.setOnAction(e -> conversation.stagedFileProperty().set(null));
        HBox fileBar = new HBox(8, new FontIcon(Feather.PAPERCLIP), new VBox(1, fileName, fileHint), new Spacer(), unstage);
        fileBar.setAlignment(Pos.CENTER_LEFT);
        fileBar.getStyleClass().add("staged-file");
        fileBar.visibleProperty().bind(conversation.stagedFileProperty().isNotNull());
        fileBar.managedProperty().bind(fileBar.visibleProperty());

        Label notice = new Label();
        notice.setId("conversationNotice");
        notice.setWrapText(true);
        notice.getStyleClass().add("conversation-notice");
        notice.textProperty().bind(conversation.noticeProperty());
        notice.visibleProperty().bind(conversation.noticeProperty().isNotEmpty().and(
                conversation.noticeProperty().isNotEqualTo(conversation.composerLockProperty())));
        notice.managedProperty().bind(notice.visibleProperty());

        // free text closed (window, channel, role): say why, and offer templates where WhatsApp takes them
        Label lockText = new Label();
        lockText.setId("composerLock");
        lockText.setWrapText(true);
        lockText.textProperty().bind(conversation.composerLockProperty());
        HBox.setHgrow(lockText, Priority.ALWAYS);
        Button chooseTemplate = new Button("Choose a template", new FontIcon(Feather.FILE_TEXT));
        chooseTemplate.setId("chooseTemplateButton");
        chooseTemplate.getStyleClass().add(Styles.ACCENT);
        chooseTemplate.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chooseTemplate.setOnAction(e -> openTemplatePicker());
        chooseTemplate.visibleProperty().bind(conversation.templatesOfferedProperty().and(
                Bindings.createBooleanBinding(() -> conversation.windowProperty().get() != null
                        && conversation.windowProperty().get().templatesOnly(), conversation.windowProperty())));
        chooseTemplate.managedProperty().bind(chooseTemplate.visibleProperty());
        HBox lockLine = new HBox(10, new FontIcon(Feather.LOCK), lockText, chooseTemplate);
        lockLine.setAlignment(Pos.CENTER_LEFT);
        VBox lockBar = new VBox(8, lockLine);
        lockBar.setAlignment(Pos.TOP_RIGHT);
        // in a narrow conversation the button goes under the sentence instead of squeezing it to a few letters a line
        lockBar.widthProperty().addListener((obs, was, now) -> {
            javafx.scene.layout.Pane home = now.doubleValue() < LOCK_BUTTON_BESIDE_WIDTH ? lockBar : lockLine;
            if (chooseTemplate.getParent() != home) {
                home.getChildren().add(chooseTemplate);
            }
        });
        lockBar.getStyleClass().add("composer-lock");
        lockBar.visibleProperty().bind(conversation.composerLockProperty().isNotEmpty());
        lockBar.managedProperty().bind(lockBar.visibleProperty());

        composer.setId("composer");
        composer.promptTextProperty().bind(Bindings.createStringBinding(() -> {
            ConversationViewModel.CommentTarget target = conversation.commentTargetProperty().get();
            if (!conversation.composerLockProperty().get().isEmpty()) {
                return ""; // the lock above says why
            }
            if (target != null) {
                return target.privately() ? "Write the private reply… (Enter sends; Instagram allows one per comment)"
                        : "Write a public reply under the post… (Enter sends)";
            }
            return "Write a reply… (Enter sends, Shift+Enter for a new line, / for canned responses)";
        }, conversation.commentTargetProperty(), conversation.composerLockProperty()));
        composer.disableProperty().bind(conversation.composerLockProperty().isNotEmpty());
        composer.setWrapText(true);
        composer.setPrefRowCount(2);
        composer.textProperty().bindBidirectional(conversation.composerTextProperty());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKeys);
        // a conversation just opened is there to be answered: the caret goes to the composer (not while searching)
        conversation.conversationProperty().addListener((obs, old, now) -> {
            if (now != null && (old == null || old.id() != now.id())) {
                javafx.application.Platform.runLater(() -> {
                    if (!search.isFocused() && !composer.isDisabled() && composer.getScene() != null) {
                        composer.requestFocus();
                    }
                });
            }
        });
        composer.textProperty().addListener((obs, old, text) -> showCanned());
        HBox.setHgrow(composer, Priority.ALWAYS);

        Button emoji = new Button(null, new FontIcon(Feather.SMILE));
        emoji.setId("emojiButton");
        emoji.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        emoji.setTooltip(new Tooltip("Emoji"));
        emoji.setOnAction(e -> showEmoji(emoji));
        emoji.disableProperty().bind(composer.disableProperty());
        Button attach = new Button(null, new FontIcon(Feather.PAPERCLIP));
        attach.setId("attachButton");
        attach.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        attach.tooltipProperty().bind(conversation.attachUnavailableProperty().map(why ->
                new Tooltip(why.isEmpty() ? "Attach a picture, video, audio or document" : why)));
        attach.setOnAction(e -> chooseFile());
        // greyed out but still pointable: its tooltip says why
        attach.opacityProperty().bind(conversation.attachUnavailableProperty().map(why -> why.isEmpty() ? 1.0 : 0.4));
        Button template = new Button(null, new FontIcon(Feather.FILE_TEXT));
        template.setId("templateButton");
        template.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        template.setTooltip(new Tooltip("Send a WhatsApp template"));
        template.setOnAction(e -> openTemplatePicker());
        template.visibleProperty().bind(conversation.templatesOfferedProperty());
        template.managedProperty().bind(template.visibleProperty());
        Button send = new Button("Send", new FontIcon(Feather.SEND));
        send.setId("sendButton");
        send.getStyleClass().add(Styles.ACCENT);
        send.setDefaultButton(false);
        send.disableProperty().bind(conversation.canSendProperty().not());
        send.setOnAction(e -> {
            conversation.send();
            // the button greys out once the composer is empty: keep the caret where the next words go
            composer.requestFocus();
        });
        send.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(6, emoji, attach, template, composer, send);
        row.setAlignment(Pos.BOTTOM_LEFT);
        // the window's countdown sits where it matters: just above what it limits
        HBox status = new HBox(8, windowPill());
        status.setAlignment(Pos.CENTER_LEFT);
        status.visibleProperty().bind(conversation.windowCountdownProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        VBox bar = new VBox(6, status, lockBar, replyBar, commentBar, fileBar, notice, row);
        bar.getStyleClass().add("composer-bar");
        return bar;
    }

    private void chooseFile() {
        String unavailable = conversation.attachUnavailableProperty().get();
        if (!unavailable.isEmpty()) {
            conversation.attach(null);
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach a file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Files WhatsApp sends",
                        AttachmentRules.EXTENSIONS.stream().map(ext -> "*." + ext).toList()),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        java.io.File picked = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (picked != null) {
            conversation.attach(picked.toPath());
        }
    }

    /** Opens the template picker over the inbox for the open conversation. */
    public void openTemplatePicker() {
        if (conversation.conversationProperty().get() == null || !conversation.templatesOfferedProperty().get()
                || modal.isDisplay()) {
            return; // one card at a time (a key held a moment too long must not stack a second one)
        }
        TemplatePickerViewModel picker = conversation.templatePicker();
        TemplatePickerView view = new TemplatePickerView(picker, () -> modal.hide(true));
        modal.show(view.root());
        picker.load();
        javafx.application.Platform.runLater(() -> view.root().lookupAll("#templateSearch").forEach(Node::requestFocus));
    }

    /** Asks before something that cannot be taken back, in a card over the inbox. */
    private void confirm(String title, String question, String confirmLabel, Runnable onConfirm) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label(question);
        text.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setId("confirmCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> modal.hide(true));
        Button yes = new Button(confirmLabel);
        yes.setId("confirmYes");
        yes.getStyleClass().add(Styles.DANGER);
        yes.setDefaultButton(true);
        yes.setOnAction(e -> {
            modal.hide(true);
            onConfirm.run();
        });
        HBox buttons = new HBox(8, new Spacer(), cancel, yes);
        VBox card = new VBox(16, heading, text, buttons);
        card.getStyleClass().add("dialog-card");
        card.setPrefWidth(440);
        card.setMaxWidth(440);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        modal.show(card);
    }

    private void composerKeys(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            if (cannedMenu.isShowing() && !cannedMenu.getItems().isEmpty()) {
                e.consume();
                List<CannedResponses.Canned> matches = conversation.cannedMatches();
                if (!matches.isEmpty()) {
                    useCanned(matches.getFirst());
                }
                return;
            }
            if (e.isShiftDown()) {
                e.consume();
                composer.insertText(composer.getCaretPosition(), "\n");
                return;
            }
            e.consume();
            conversation.send();
        } else if (e.getCode() == KeyCode.TAB && cannedMenu.isShowing()) {
            e.consume();
            List<CannedResponses.Canned> matches = conversation.cannedMatches();
            if (!matches.isEmpty()) {
                useCanned(matches.getFirst());
            }
        } else if (e.getCode() == KeyCode.ESCAPE && cannedMenu.isShowing()) {
            e.consume();
            cannedMenu.hide();
        }
    }

    private void showCanned() {
        List<CannedResponses.Canned> matches = conversation.cannedMatches();
        if (matches.isEmpty()) {
            cannedMenu.hide();
            return;
        }
        cannedMenu.getItems().clear();
        for (CannedResponses.Canned answer : matches) {
            Label shortcut = new Label("/" + answer.shortcut());
            shortcut.getStyleClass().add("canned-shortcut");
            Label text = new Label(answer.text());
            text.setMaxWidth(420);
            HBox line = new HBox(10, shortcut, text);
            CustomMenuItem item = new CustomMenuItem(line, true);
            item.setOnAction(e -> useCanned(answer));
            cannedMenu.getItems().add(item);
        }
        if (!cannedMenu.isShowing() && composer.getScene() != null) {
            cannedMenu.show(composer, Side.TOP, 0, -4);
        }
    }

    private void useCanned(CannedResponses.Canned answer) {
        cannedMenu.hide();
        conversation.useCanned(answer);
        composer.positionCaret(composer.getLength());
    }

    private void showEmoji(Node anchor) {
        FlowPane grid = new FlowPane(2, 2);
        grid.setPrefWrapLength(8 * 36);
        grid.getStyleClass().add("emoji-grid");
        Popup popup = new Popup();
        popup.setAutoHide(true);
        for (String symbol : EMOJI) {
            Button button = new Button(symbol);
            button.getStyleClass().addAll(Styles.FLAT, "emoji-button");
            button.setOnAction(e -> {
                composer.insertText(composer.getCaretPosition(), symbol);
                popup.hide();
                composer.requestFocus();
            });
            grid.getChildren().add(button);
        }
        StackPane card = new StackPane(grid);
        card.getStyleClass().add("emoji-card");
        card.getStylesheets().addAll(root.getStylesheets());
        popup.getContent().add(card);
        var point = anchor.localToScreen(0, 0);
        popup.show(anchor, point.getX(), point.getY() - 170);
    }

    // ---------------------------------------------------------------- contact panel

    private void contactPane() {
        contactPanel.getStyleClass().add("contact-panel");
        contactPanel.setPrefWidth(280);
        contactPanel.setMinWidth(240);
        Runnable refresh = this::fillContactPanel;
        conversation.contactProperty().addListener((obs, o, n) -> refresh.run());
        conversation.conversationProperty().addListener((obs, o, n) -> refresh.run());
        conversation.notes().addListener((ListChangeListener<NoteView>) c -> refresh.run());
        noteField.setId("noteField");
        noteField.setPromptText("Add a private note (Enter)");
        noteField.setDisable(!conversation.may(Permission.INBOX_NOTE));
        noteField.setOnAction(e -> conversation.addNote(noteField.getText(), noteField::clear));
        ScrollPane scroll = new ScrollPane(contactPanel);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("contact-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // as a drawer over the conversation it also closes from its own corner
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("contactPanelClose");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Close the contact panel"));
        close.setOnAction(e -> contactToggle.setSelected(false));
        HBox closeBar = new HBox(new Spacer(), close);
        closeBar.getStyleClass().add("contact-drawer-bar");
        closeBar.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> contactDock.getStyleClass().contains(CONTACT_DRAWER), contactDock.getStyleClass()));
        closeBar.managedProperty().bind(closeBar.visibleProperty());
        contactDock.setId("contactDock");
        contactDock.getChildren().setAll(closeBar, scroll);
        contactDock.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        contactDock.visibleProperty().bind(contactPanel.visibleProperty());
        contactDock.managedProperty().bind(contactPanel.visibleProperty());
        StackPane.setAlignment(contactDock, Pos.TOP_RIGHT);
    }

    private static final String CONTACT_DRAWER = "contact-drawer";

    /** Puts the contact panel beside the conversation (wide inbox) or over its right edge as a drawer (narrow). */
    private void dockContactPanel(boolean beside) {
        conversationBody.getChildren().remove(contactDock);
        layout.setRight(null);
        if (beside) {
            contactDock.getStyleClass().remove(CONTACT_DRAWER);
            layout.setRight(contactDock);
        } else {
            contactDock.getStyleClass().add(CONTACT_DRAWER);
            conversationBody.getChildren().add(contactDock);
        }
    }

    /** True while the contact panel is shown as a drawer over the conversation. */
    private boolean contactDrawerOpen() {
        return contactDock.isVisible() && contactDock.getStyleClass().contains(CONTACT_DRAWER);
    }

    private void fillContactPanel() {
        contactPanel.getChildren().clear();
        ContactView person = conversation.contactProperty().get();
        ConversationView view = conversation.conversationProperty().get();
        if (person == null || view == null) {
            return;
        }
        Label avatar = new Label(Initials.of(person.displayName().replaceFirst("^[@+]", "")));
        avatar.getStyleClass().addAll("conversation-avatar", "contact-avatar");
        Label name = new Label(person.displayName());
        name.setId("contactName");
        name.getStyleClass().add(Styles.TITLE_4);
        name.setWrapText(true);
        VBox top = new VBox(6, avatar, name);
        top.setAlignment(Pos.CENTER);

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(6);
        facts.getStyleClass().add("contact-facts");
        int row = 0;
        if (person.platform() == Platform.WHATSAPP) {
            row = fact(facts, row, "WhatsApp", person.externalId() == null ? "" : "+" + person.externalId());
        } else {
            row = fact(facts, row, "Instagram", person.username() != null ? "@" + person.username() : person.externalId());
        }
        row = fact(facts, row, "Channel", model.channelName(view.channelId()));
        if (person.attributes() != null) {
            for (Map.Entry<String, String> attribute : new java.util.TreeMap<>(person.attributes()).entrySet()) {
                row = fact(facts, row, attribute.getKey(), attribute.getValue());
            }
        }
        if (person.marketingOptOut()) {
            fact(facts, row, "Marketing", "Opted out");
        }

        Label labelsTitle = section("Labels");
        FlowPane labels = new FlowPane(6, 6);
        labels.setId("contactLabels");
        for (String label : view.labels() == null ? List.<String>of() : view.labels()) {
            Label chip = new Label(label);
            chip.getStyleClass().add("label-chip");
            if (conversation.may(Permission.INBOX_LABEL)) {
                Button remove = new Button(null, new FontIcon(Feather.X));
                remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "label-remove");
                remove.setOnAction(e -> conversation.removeLabel(label));
                chip.setGraphic(remove);
                chip.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            }
            labels.getChildren().add(chip);
        }
        TextField addLabel = new TextField();
        addLabel.setId("addLabelField");
        addLabel.setPromptText("Add a label (Enter)");
        addLabel.setDisable(!conversation.may(Permission.INBOX_LABEL));
        addLabel.setOnAction(e -> {
            conversation.addLabel(addLabel.getText());
            addLabel.clear();
        });

        Label notesTitle = section("Private notes");
        VBox notes = new VBox(8);
        for (NoteView note : conversation.notes()) {
            Label text = new Label(note.text());
            text.setWrapText(true);
            Label by = new Label((note.authorName() == null ? "Someone" : note.authorName()) + " · "
                    + InboxFormat.listTime(note.createdAt() == null ? 0 : note.createdAt().toEpochMilli(), Instant.now(), ZoneId.systemDefault()));
            by.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox card = new VBox(3, text, by);
            card.getStyleClass().add("note-card");
            notes.getChildren().add(card);
        }
        if (conversation.notes().isEmpty()) {
            Label none = new Label("Only your team sees notes.");
            none.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            notes.getChildren().add(none);
        }
        contactPanel.getChildren().addAll(top, facts, labelsTitle, labels, addLabel, notesTitle, notes, noteField);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("panel-section");
        return label;
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label key = new Label(name);
        key.getStyleClass().add("fact-name");
        Label text = new Label(value);
        text.setWrapText(true);
        grid.add(key, 0, row);
        grid.add(text, 1, row);
        return row + 1;
    }

    // ---------------------------------------------------------------- shortcuts

    private static final KeyCombination SEARCH = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RESOLVE = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination ASSIGN_ME = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination NOTE = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination TEMPLATE = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private void shortcuts(KeyEvent e) {
        Consumer<Runnable> handle = action -> {
            e.consume();
            action.run();
        };
        if (SEARCH.match(e)) {
            handle.accept(this::focusSearch);
        } else if (NEXT.match(e)) {
            handle.accept(model::selectNext);
        } else if (PREVIOUS.match(e)) {
            handle.accept(model::selectPrevious);
        } else if (SEND.match(e)) {
            handle.accept(conversation::send);
        } else if (RESOLVE.match(e) && conversation.may(Permission.INBOX_RESOLVE)) {
            handle.accept(conversation::toggleResolved);
        } else if (ASSIGN_ME.match(e) && conversation.may(Permission.INBOX_ASSIGN)) {
            handle.accept(conversation::assignToMe);
        } else if (NOTE.match(e)) {
            handle.accept(noteField::requestFocus);
        } else if (TEMPLATE.match(e) && conversation.templatesOfferedProperty().get()) {
            handle.accept(this::openTemplatePicker);
        } else if (e.getCode() == KeyCode.ESCAPE && model.searchingProperty().get()) {
            handle.accept(model::clearSearch);
        } else if (e.getCode() == KeyCode.ESCAPE && contactDrawerOpen() && !modal.isDisplay()) {
            handle.accept(() -> contactToggle.setSelected(false));
        }
    }
}
