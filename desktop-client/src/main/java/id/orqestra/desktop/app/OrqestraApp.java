package id.orqestra.desktop.app;

import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.SessionVault;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The JavaFX application: reads the start-up options and opens the window. */
public final class OrqestraApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(OrqestraApp.class);

    private ExecutorService background;
    private ScheduledExecutorService timer;
    private DesktopWindow window;

    @Override
    public void start(Stage stage) {
        // a bug must end in the log, never as a stack trace in someone's face or a silent freeze
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                log.error("Unexpected error on thread {}", thread.getName(), error));
        StartupOptions options = StartupOptions.fromEnvironment();
        log.info("Orqestra desktop starting; settings in {}", options.desktopDirectory());
        background = BackgroundExecutor.create("orqestra-background");
        timer = BackgroundExecutor.scheduler("orqestra-timer");
        DesktopServices services = new DesktopServices(options, new SettingsStore(options.desktopDirectory()),
                new SessionVault(options.desktopDirectory()), new AuthClient(), new ApiTransport(),
                background, timer, Platform::runLater);
        window = new DesktopWindow(stage, services);
        window.show();
    }

    @Override
    public void stop() throws InterruptedException {
        if (window != null) {
            window.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (background != null) {
            // let a settings or token write that is under way finish; the threads are daemons and would just vanish
            background.shutdown();
            background.awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
