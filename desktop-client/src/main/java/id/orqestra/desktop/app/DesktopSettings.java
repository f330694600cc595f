package id.orqestra.desktop.app;

import java.util.Objects;

/**
 * What the desktop app remembers between runs: the last server and email (never the password) and
 * the chosen theme.
 */
public record DesktopSettings(String serverUrl, String email, Theme theme) {

    public static final String DEFAULT_SERVER_URL = "http://localhost:8080";

    public DesktopSettings {
        serverUrl = Objects.requireNonNullElse(serverUrl, "");
        email = Objects.requireNonNullElse(email, "");
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
    }

    /** A first run: nothing remembered yet. */
    public static DesktopSettings defaults() {
        return new DesktopSettings("", "", Theme.LIGHT);
    }

    public DesktopSettings withSignIn(String newServerUrl, String newEmail) {
        return new DesktopSettings(newServerUrl, newEmail, theme);
    }

    public DesktopSettings withTheme(Theme newTheme) {
        return new DesktopSettings(serverUrl, email, newTheme);
    }
}
