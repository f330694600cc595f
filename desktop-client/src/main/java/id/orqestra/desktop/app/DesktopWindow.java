package id.orqestra.desktop.app;

import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.SignInView;
import id.orqestra.desktop.auth.SignInViewModel;
import id.orqestra.desktop.auth.SignedIn;
import id.orqestra.desktop.ui.Brand;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The app's one window and what it shows: the sign-in screen, then the main shell. Wires view models
 * to their collaborators and keeps the remembered settings up to date.
 */
public final class DesktopWindow {

    static final double DEFAULT_WIDTH = 1120;
    static final double DEFAULT_HEIGHT = 720;
    static final double MIN_WIDTH = 720;
    static final double MIN_HEIGHT = 560;

    private final Stage stage;
    private final StartupOptions options;
    private final SettingsStore settingsStore;
    private final AuthClient authClient;
    private final Executor background;
    private final Executor ui;
    private final ThemeController themes;
    private final StackPane content = new StackPane();
    private DesktopSettings settings;

    public DesktopWindow(Stage stage, StartupOptions options, SettingsStore settingsStore, AuthClient authClient,
                         Executor background, Executor ui) {
        this.stage = Objects.requireNonNull(stage);
        this.options = Objects.requireNonNull(options);
        this.settingsStore = Objects.requireNonNull(settingsStore);
        this.authClient = Objects.requireNonNull(authClient);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.settings = settingsStore.load();
        this.themes = new ThemeController(settings.theme(), theme -> {
            ThemeController.applyToApplication(theme);
            remember(settings.withTheme(theme));
        });
    }

    /** Shows the window with the sign-in screen. Call on the FX thread. */
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
        showSignIn();
        stage.show();
    }

    public ThemeController themes() {
        return themes;
    }

    void showSignIn() {
        SignInViewModel model = new SignInViewModel(authClient, background, ui, this::showShell);
        model.prefill(options.initialServerUrl(settings), settings.email());
        SignInView view = new SignInView(model, ThemeToggle.create(themes));
        display(view.root());
        // focus once the new nodes are in the scene graph and laid out
        Platform.runLater(view::focusFirstEmptyField);
    }

    private void showShell(SignedIn signedIn) {
        remember(settings.withSignIn(signedIn.server().display(), signedIn.email()));
        ShellViewModel model = new ShellViewModel(signedIn, this::showSignIn);
        display(new ShellView(model, ThemeToggle.create(themes)).root());
    }

    private void display(Parent view) {
        content.getChildren().setAll(view);
    }

    private void remember(DesktopSettings newSettings) {
        settings = newSettings;
        background.execute(() -> settingsStore.save(newSettings));
    }
}
