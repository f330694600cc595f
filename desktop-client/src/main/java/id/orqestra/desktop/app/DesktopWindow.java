package id.orqestra.desktop.app;

import id.orqestra.desktop.admin.AdminAccess;
import id.orqestra.desktop.admin.AdminApi;
import id.orqestra.desktop.admin.AdminView;
import id.orqestra.desktop.admin.AdminViewModel;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.auth.JoinView;
import id.orqestra.desktop.auth.JoinViewModel;
import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.desktop.auth.SessionVault;
import id.orqestra.desktop.auth.SignInView;
import id.orqestra.desktop.auth.SignInViewModel;
import id.orqestra.desktop.auth.SignedIn;
import id.orqestra.desktop.inbox.InboxScreen;
import id.orqestra.desktop.sync.LinkState;
import id.orqestra.desktop.ui.Brand;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's one window and what it shows: the sign-in screen, a short "signing you in" screen while a
 * stored sign-in is resumed, then the main shell. Wires view models to their collaborators, keeps the
 * remembered settings and the stored refresh token up to date.
 */
public final class DesktopWindow {

    /** What the window shows. */
    public enum Screen { SIGN_IN, JOIN, RESUMING, MAIN }

    static final double DEFAULT_WIDTH = 1120;
    static final double DEFAULT_HEIGHT = 720;
    static final double MIN_WIDTH = 720;
    static final double MIN_HEIGHT = 560;

    static final String RESUME_UNREADABLE = "Sign in to continue.";
    static final String RESUME_UNREACHABLE = "Couldn't reach %s to sign you in again. Check your connection, "
            + "or sign in below once the server is back.";

    private static final Logger log = LoggerFactory.getLogger(DesktopWindow.class);

    private final Stage stage;
    private final DesktopServices services;
    private final ThemeController themes;
    private final StackPane content = new StackPane();
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen");
    private DesktopSettings settings;
    /** The signed-in session shown in the main shell; null on the other screens. FX thread only. */
    private ApiSession activeSession;
    /** The signed-in user's inbox (cache and sync); closed at sign-out. FX thread only. */
    private InboxScreen inbox;

    public DesktopWindow(Stage stage, DesktopServices services) {
        this.stage = Objects.requireNonNull(stage);
        this.services = Objects.requireNonNull(services);
        this.settings = services.settings().load();
        this.themes = new ThemeController(settings.theme(), theme -> {
            ThemeController.applyToApplication(theme);
            remember(settings.withTheme(theme));
        });
    }

    /**
     * Shows the window: the main shell straight away when a stored sign-in can be resumed (with a
     * "signing you in" screen meanwhile, never the sign-in form), else the sign-in screen. FX thread.
     */
    public void show() {
        ThemeController.applyToApplication(themes.theme());
        Brand.loadFonts();
        Scene scene = new Scene(content, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(Brand.stylesheet());
        stage.setScene(scene);
        stage.setTitle(Brand.PRODUCT_NAME);
        stage.getIcons().setAll(Brand.windowIcons());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        if (services.options().automaticSignIn().isPresent()) {
            showSignIn("");
            signInAutomatically(services.options().automaticSignIn().get());
        } else if (services.vault().hasStoredSession()) {
            showResuming();
            services.background().execute(this::resume);
        } else {
            showSignIn("");
        }
        stage.show();
    }

    /**
     * The app is closing: stops what runs for the signed-in person (the inbox's sync, renewing the
     * session). The stored sign-in stays, so the next start resumes it. FX thread; never waits.
     */
    public void close() {
        closeInbox();
        if (activeSession != null) {
            activeSession.stopRenewing();
            activeSession = null;
        }
    }

    public ThemeController themes() {
        return themes;
    }

    /** What the window shows now; for tests and for whoever needs to follow the app's state. */
    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    // ---- resuming a stored sign-in (background thread)

    private void resume() {
        Optional<SessionVault.StoredSession> stored = services.vault().load();
        if (stored.isEmpty()) {
            services.ui().execute(() -> showSignIn(RESUME_UNREADABLE));
            return;
        }
        String serverUrl = stored.get().serverUrl();
        String expectedServer = services.options().initialServerUrl(settings);
        if (ServerAddress.problemWith(serverUrl).isPresent() || ServerAddress.problemWith(expectedServer).isPresent()
                || !ServerAddress.parse(serverUrl).equals(ServerAddress.parse(expectedServer))) {
            // the app was pointed at another server (ORQESTRA_SERVER_URL): the stored sign-in is not for it
            log.info("Not resuming the sign-in at {}: this run is for {}", serverUrl, expectedServer);
            services.ui().execute(() -> showSignIn(""));
            return;
        }
        ServerAddress server = ServerAddress.parse(serverUrl);
        try {
            ApiSession session = ApiSession.resume(services.transport(), server, stored.get().email(),
                    stored.get().refreshToken());
            store(session);
            services.ui().execute(() -> showMain(session));
        } catch (ApiException e) {
            String notice;
            if (e.isConnectionProblem()) {
                // the stored token is still good; the next start (or a password sign-in) takes over
                notice = RESUME_UNREACHABLE.formatted(server.display());
            } else {
                services.vault().clear();
                notice = e.kind() == ApiException.Kind.SIGNED_OUT ? e.getMessage() : RESUME_UNREADABLE;
            }
            log.info("Resuming the sign-in at {} did not work: {}", server, e.getMessage());
            services.ui().execute(() -> showSignIn(notice));
        } catch (RuntimeException e) {
            log.error("Resuming the sign-in at {} failed unexpectedly", server, e);
            services.ui().execute(() -> showSignIn(RESUME_UNREADABLE));
        }
    }

    /** Keeps the newest refresh token on disk from now on. Background thread. */
    private void store(ApiSession session) {
        session.followRenewals(renewed -> services.vault().save(new SessionVault.StoredSession(
                session.server().display(), session.email(), renewed.refreshToken())));
    }

    // ---- screens (FX thread)

    private SignInViewModel signInModel;

    /** Fills the sign-in form with the launcher's credentials and submits it, as a person would. */
    private void signInAutomatically(StartupOptions.Credentials credentials) {
        signInModel.emailProperty().set(credentials.email());
        signInModel.passwordProperty().set(credentials.password());
        signInModel.signIn();
    }

    void showSignIn(String notice) {
        SignInViewModel model = new SignInViewModel(services.auth(), services.background(), services.ui(),
                this::signedIn);
        model.prefill(services.options().initialServerUrl(settings), settings.email());
        model.showNotice(notice);
        signInModel = model;
        SignInView view = new SignInView(model, ThemeToggle.create(themes), () -> showJoin(model.serverUrlProperty().get()));
        display(view.root(), Screen.SIGN_IN);
        // focus once the new nodes are in the scene graph and laid out
        Platform.runLater(view::focusFirstEmptyField);
    }

    private void showJoin(String serverUrl) {
        JoinViewModel model = new JoinViewModel(services.auth(), services.background(), services.ui(), this::signedIn);
        model.serverUrlProperty().set(serverUrl);
        JoinView view = new JoinView(model, ThemeToggle.create(themes), () -> showSignIn(""));
        display(view.root(), Screen.JOIN);
        Platform.runLater(view::focusFirstEmptyField);
    }

    private void showResuming() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(28, 28);
        Label text = new Label("Signing you in…");
        text.setId("resumingText");
        text.getStyleClass().add("resuming-text");
        VBox box = new VBox(18, Brand.logoMark(56), spinner, text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("resuming");
        display(box, Screen.RESUMING);
    }

    private void signedIn(SignedIn signedIn) {
        ApiSession session = new ApiSession(services.transport(), signedIn.server(), signedIn.email(), signedIn.session());
        services.background().execute(() -> store(session));
        showMain(session);
    }

    private void showMain(ApiSession session) {
        activeSession = session;
        session.onEnded(sentence -> {
            services.vault().clear();
            services.ui().execute(() -> {
                if (activeSession == session) {
                    activeSession = null;
                    closeInbox();
                    showSignIn(sentence);
                }
            });
        });
        // keepFresh takes the session's lock, which a renewal in flight may hold: never on the FX thread
        services.background().execute(() -> session.keepFresh(services.timer()));
        remember(settings.withSignIn(session.server().display(), session.email()));

        SignedIn signedIn = new SignedIn(session.server(), session.email(), session.current());
        ShellViewModel model = new ShellViewModel(signedIn, this::signOut);
        AsyncRunner runner = new AsyncRunner(services.background(), services.ui());
        AdminApi adminApi = new AdminApi(new ApiClient(services.transport(), session));
        closeInbox();
        InboxScreen openedInbox = new InboxScreen(services.options().desktopDirectory(),
                new ApiClient(services.transport(), session), services.background(), services.ui());
        inbox = openedInbox;
        model.showInboxUnread(0);
        openedInbox.unreadTotalProperty().addListener((obs, old, count) -> model.showInboxUnread(count.intValue()));
        javafx.beans.InvalidationListener link = obs -> model.showLink(
                openedInbox.linkStateProperty().get() != LinkState.OFFLINE && openedInbox.linkStateProperty().get() != LinkState.SIGNED_OUT,
                switch (openedInbox.linkStateProperty().get()) {
                    case ONLINE -> "Live";
                    case CONNECTING -> "Connecting…";
                    case OFFLINE -> "Offline: replies wait in the outbox";
                    case SIGNED_OUT -> "Not syncing: sign in again";
                    case STOPPED -> "";
                });
        openedInbox.linkStateProperty().addListener(link);
        link.invalidated(null);
        Map<Section, Supplier<Node>> sectionViews = Map.of(Section.ADMIN, () -> new AdminView(new AdminViewModel(
                AdminAccess.of(session.current().user().permissions()), adminApi, runner,
                session.current().user().id())).root(),
                Section.INBOX, openedInbox::root);
        display(new ShellView(model, ThemeToggle.create(themes), sectionViews).root(), Screen.MAIN);
    }

    private void closeInbox() {
        if (inbox != null) {
            inbox.close();
            inbox = null;
        }
    }

    private void signOut() {
        closeInbox();
        ApiSession session = activeSession;
        activeSession = null;
        if (session != null) {
            services.background().execute(() -> session.signOut(services.vault()::clear));
        }
        showSignIn("");
    }

    private void display(Parent view, Screen shown) {
        content.getChildren().setAll(view);
        screen.set(shown);
    }

    private void remember(DesktopSettings newSettings) {
        settings = newSettings;
        services.background().execute(() -> services.settings().save(newSettings));
    }
}
