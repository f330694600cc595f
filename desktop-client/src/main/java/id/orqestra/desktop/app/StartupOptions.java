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
 * @param automaticSignIn   {@code ORQESTRA_SIGN_IN_EMAIL} and {@code ORQESTRA_SIGN_IN_PASSWORD} together: sign in
 *                          with them at start (what {@code ./orqestra demo} uses for the demo agent)
 */
public record StartupOptions(Path desktopDirectory, Optional<String> serverUrlOverride,
                             Optional<Credentials> automaticSignIn) {

    public static final String DESKTOP_DIR = "ORQESTRA_DESKTOP_DIR";
    public static final String SERVER_URL = "ORQESTRA_SERVER_URL";
    public static final String SIGN_IN_EMAIL = "ORQESTRA_SIGN_IN_EMAIL";
    public static final String SIGN_IN_PASSWORD = "ORQESTRA_SIGN_IN_PASSWORD";

    /** An email and password to sign in with, given by the launcher. */
    public record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[" + email + ", password hidden]";
        }
    }

    public StartupOptions(Path desktopDirectory, Optional<String> serverUrlOverride) {
        this(desktopDirectory, serverUrlOverride, Optional.empty());
    }

    public static StartupOptions fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    public static StartupOptions from(Map<String, String> environment, Properties systemProperties) {
        Path directory = setting(DESKTOP_DIR, environment, systemProperties)
                .map(Path::of)
                .orElseGet(() -> Path.of(systemProperties.getProperty("user.home"), ".orqestra", "desktop"));
        Optional<String> email = setting(SIGN_IN_EMAIL, environment, systemProperties);
        Optional<String> password = Optional.ofNullable(systemProperties.getProperty(SIGN_IN_PASSWORD))
                .or(() -> Optional.ofNullable(environment.get(SIGN_IN_PASSWORD)))
                .filter(value -> !value.isEmpty());
        Optional<Credentials> credentials = email.isPresent() && password.isPresent()
                ? Optional.of(new Credentials(email.get(), password.get())) : Optional.empty();
        return new StartupOptions(directory.toAbsolutePath(), setting(SERVER_URL, environment, systemProperties),
                credentials);
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
