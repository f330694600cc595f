package id.orqestra.desktop.inbox;

import id.orqestra.desktop.app.Theme;
import id.orqestra.desktop.app.ThemeController;
import id.orqestra.desktop.sync.Backoff;
import id.orqestra.desktop.sync.SyncEngine;
import id.orqestra.desktop.testing.DemoBackend;
import id.orqestra.desktop.ui.Brand;
import id.orqestra.model.auth.Session;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** The inbox screen of a signed-in user in a window styled as the app styles it, for the live TestFX tests. */
final class LiveInboxWindow {

    /** Reconnects within a second, so that the tests that stop the backend do not wait long. */
    static final SyncEngine.Settings QUICK_RECONNECT = new SyncEngine.Settings(
            Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ofSeconds(15), 500, 100);

    private LiveInboxWindow() {
    }

    static InboxScreen show(Stage stage, DemoBackend backend, Session user, Path desktopDirectory, ExecutorService background) {
        ThemeController.applyToApplication(Theme.LIGHT);
        InboxScreen screen = new InboxScreen(desktopDirectory, backend.client(backend.url(), user), background,
                Platform::runLater, QUICK_RECONNECT);
        // within Monocle's headless screen (1280 × 800): a larger window is not drawn
        Scene scene = new Scene(new StackPane(screen.root()), 1200, 780);
        scene.getStylesheets().add(Brand.stylesheet());
        stage.setScene(scene);
        stage.show();
        return screen;
    }
}
