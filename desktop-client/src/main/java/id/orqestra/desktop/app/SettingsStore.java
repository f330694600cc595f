package id.orqestra.desktop.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Keeps {@link DesktopSettings} in {@code settings.properties} inside the desktop data folder. A file
 * that is missing or unreadable means defaults: settings are a convenience and must never stop the
 * app from starting.
 */
public final class SettingsStore {

    static final String FILE_NAME = "settings.properties";
    static final String SERVER_URL = "server.url";
    static final String EMAIL = "email";
    static final String THEME = "theme";

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;

    public SettingsStore(Path desktopDirectory) {
        this.file = desktopDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public synchronized DesktopSettings load() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return DesktopSettings.defaults();
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Could not read the settings in {}; starting with defaults", file, e);
            return DesktopSettings.defaults();
        }
        return new DesktopSettings(
                properties.getProperty(SERVER_URL, "").strip(),
                properties.getProperty(EMAIL, "").strip(),
                Theme.fromSettingValue(properties.getProperty(THEME)));
    }

    /** Writes the settings; a failure is logged, not thrown, as the app works on without them. */
    public synchronized void save(DesktopSettings settings) {
        Properties properties = new Properties();
        properties.setProperty(SERVER_URL, settings.serverUrl());
        properties.setProperty(EMAIL, settings.email());
        properties.setProperty(THEME, settings.theme().settingValue());
        try {
            Files.createDirectories(file.getParent());
            // write beside the file, then swap: a crash mid-write leaves the old settings, not half a file
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Orqestra desktop settings (no passwords are kept here)");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Could not save the settings to {}", file, e);
        }
    }
}
