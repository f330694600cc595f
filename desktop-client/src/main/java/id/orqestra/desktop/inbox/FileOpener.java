package id.orqestra.desktop.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a downloaded file or a link with whatever the operating system uses for it. Call off the FX thread. */
final class FileOpener {

    private static final Logger log = LoggerFactory.getLogger(FileOpener.class);

    private FileOpener() {
    }

    static void open(Path file) {
        launch(file.toAbsolutePath().toString(), () -> Desktop.getDesktop().open(file.toFile()), Desktop.Action.OPEN);
    }

    static void browse(URI uri) {
        launch(uri.toString(), () -> Desktop.getDesktop().browse(uri), Desktop.Action.BROWSE);
    }

    private interface Opening {
        void run() throws IOException;
    }

    private static void launch(String target, Opening viaDesktop, Desktop.Action action) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(action)) {
                viaDesktop.run();
                return;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String[] command = os.contains("mac") ? new String[] {"open", target}
                    : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", target}
                    : new String[] {"xdg-open", target};
            new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not open {}: {}", target, e.getMessage());
        }
    }
}
