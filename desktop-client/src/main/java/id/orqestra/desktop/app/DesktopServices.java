package id.orqestra.desktop.app;

import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.auth.AuthClient;
import id.orqestra.desktop.auth.SessionVault;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the window needs from outside: start-up options, the places it keeps things, the ways it talks
 * to the server, and where work runs ({@code background} for blocking work, {@code timer} for
 * scheduled work, {@code ui} for the FX thread).
 */
public record DesktopServices(
        StartupOptions options,
        SettingsStore settings,
        SessionVault vault,
        AuthClient auth,
        ApiTransport transport,
        Executor background,
        ScheduledExecutorService timer,
        Executor ui) {

    public DesktopServices {
        Objects.requireNonNull(options);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(vault);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(background);
        Objects.requireNonNull(timer);
        Objects.requireNonNull(ui);
    }
}
