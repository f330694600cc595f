package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.sync.SyncEngine;
import id.orqestra.desktop.sync.SyncSession;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The inbox of one signed-in user, from opening the local cache to closing it at sign-out: shows
 * "Opening your inbox…" while the cache opens (off the FX thread), then the inbox, and starts the sync
 * engine. Tells the shell the unread total and the link state, and shows a desktop notification for
 * new customer messages that are not in front of the agent.
 */
public final class InboxScreen implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxScreen.class);

    private final StackPane root = new StackPane();
    private final ReadOnlyIntegerWrapper unreadTotal = new ReadOnlyIntegerWrapper(this, "unreadTotal");
    private final ReadOnlyObjectWrapper<LinkState> linkState = new ReadOnlyObjectWrapper<>(this, "linkState", LinkState.CONNECTING);
    private final ReadOnlyStringWrapper linkProblem = new ReadOnlyStringWrapper(this, "linkProblem", "");
    private final Executor ui;
    private volatile SyncSession session;
    private volatile boolean closed;
    private InboxViewModel model;
    private InboxView view;

    /** Starts opening the cache of the user of {@code client} under {@code desktopDirectory}; returns at once. */
    public InboxScreen(Path desktopDirectory, ApiClient client, Executor background, Executor ui) {
        this(desktopDirectory, client, background, ui, SyncEngine.Settings.defaults());
    }

    public InboxScreen(Path desktopDirectory, ApiClient client, Executor background, Executor ui, SyncEngine.Settings settings) {
        this.ui = Objects.requireNonNull(ui);
        root.getStyleClass().add("inbox-screen");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(28, 28);
        Label text = new Label("Opening your inbox…");
        VBox opening = new VBox(12, spinner, text);
        opening.setAlignment(Pos.CENTER);
        root.getChildren().setAll(opening);
        background.execute(() -> {
            try {
                SyncSession opened = SyncSession.open(desktopDirectory, client, background, ui, settings);
                ui.execute(() -> show(opened));
            } catch (RuntimeException e) {
                log.error("Could not open the local inbox cache", e);
                ui.execute(() -> {
                    Label failed = new Label("The inbox could not be opened: " + e.getMessage());
                    failed.setWrapText(true);
                    root.getChildren().setAll(failed);
                });
            }
        });
    }

    private void show(SyncSession opened) {
        if (closed) {
            opened.close();
            return;
        }
        session = opened;
        model = new InboxViewModel(opened, CannedResponses.defaults());
        view = new InboxView(model);
        unreadTotal.bind(model.unreadTotalProperty());
        linkState.bind(model.linkStateProperty());
        linkProblem.bind(model.linkProblemProperty());
        model.setOnNewMessages(this::notify);
        root.getChildren().setAll(view.root());
        model.load();
        opened.start();
    }

    public Node root() {
        return root;
    }

    /** The inbox's model once the cache is open (null before); for tests and the shell. */
    public InboxViewModel model() {
        return model;
    }

    public SyncSession session() {
        return session;
    }

    public ReadOnlyIntegerProperty unreadTotalProperty() {
        return unreadTotal.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LinkState> linkStateProperty() {
        return linkState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linkProblemProperty() {
        return linkProblem.getReadOnlyProperty();
    }

    private void notify(InboxViewModel.NewMessages news) {
        Window window = root.getScene() == null ? null : root.getScene().getWindow();
        boolean inFront = window != null && window.isFocused() && root.isVisible() && root.getParent() != null
                && model.conversation().openId() == news.conversationId();
        if (inFront || window == null || !window.isShowing()) {
            return;
        }
        try {
            Notifications.create()
                    .owner(window)
                    .title(news.contactName() + (news.count() > 1 ? " · " + news.count() + " new messages" : ""))
                    .text(news.preview().length() > 140 ? news.preview().substring(0, 140) + "…" : news.preview())
                    // top right: at the bottom it would cover the Send buttons of the composer and the template picker
                    .position(Pos.TOP_RIGHT)
                    .hideAfter(javafx.util.Duration.seconds(6))
                    .onAction(e -> model.openConversation(news.conversationId()))
                    .showInformation();
        } catch (RuntimeException e) {
            log.debug("Could not show a desktop notification", e);
        }
    }

    /** Stops syncing and closes the cache (off the FX thread, as closing waits for the sync thread). */
    @Override
    public void close() {
        closed = true;
        if (model != null) {
            model.close();
        }
        SyncSession current = session;
        session = null;
        if (current != null) {
            Thread.ofVirtual().name("inbox-close").start(current::close);
        }
        ui.execute(() -> {
            unreadTotal.unbind();
            linkState.unbind();
            linkProblem.unbind();
            linkState.set(LinkState.STOPPED);
        });
    }
}
