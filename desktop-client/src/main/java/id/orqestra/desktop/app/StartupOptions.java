package id.orqestra.desktop.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How this run was configured from outside: where the desktop keeps its files and, optionally, the
 * server address to offer on the sign-in screen. Each is read from a system property first, then
 * from the environment variable of the same name.
 *
 * @param desktopDirectory  {@code ORQESTRA_DESKTOP_DIR}, default {@code ~/.orqestra/desktop}
 * @param serverUrlOverride {@code ORQESTRA_SERVER_URL}; when set it wins over the remembered address,
 *                          so a launcher (the demo) can point the app at its own server
 */
public record StartupOptions(Path desktopDirectory, Optional<String> serverUrlOverride) {

    public static final String DESKTOP_DIR = "ORQESTRA_DESKTOP_DIR";
    public static final String SERVER_URL = "ORQESTRA_SERVER_URL";

    public static StartupOptions fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    public static StartupOptions from(Map<String, String> environment, Properties systemProperties) {
        Path directory = setting(DESKTOP_DIR, environment, systemProperties)
                .map(Path::of)
                .orElseGet(() -> Path.of(systemProperties.getProperty("user.home"), ".orqestra", "desktop"));
        return new StartupOptions(directory.toAbsolutePath(), setting(SERVER_URL, environment, systemProperties));
    }

    /** The server address the sign-in screen starts with. */
    public String initialServerUrl(DesktopSettings remembered) {
        return serverUrlOverride.orElse(remembered.serverUrl().isBlank()
                ? DesktopSettings.DEFAULT_SERVER_URL
                : remembered.serverUrl());
    }

    private static Optional<String> setting(String name, Map<String, String> environment, Properties systemProperties) {
        return Optional.ofNullable(systemProperties.getProperty(name))
                .or(() -> Optional.ofNullable(environment.get(name)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
