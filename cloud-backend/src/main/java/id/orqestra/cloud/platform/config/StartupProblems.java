package id.orqestra.cloud.platform.config;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;

import java.net.BindException;
import java.util.Optional;

/**
 * Recognises the startup errors an operator causes and can fix (a setting, a busy port) and says each in
 * one line naming the setting. Anything else is a bug, and then the stack trace is what helps.
 */
public final class StartupProblems {

    static final String PORT_PROPERTY = "micronaut.server.port";
    static final String PORT_SETTING = "MICRONAUT_SERVER_PORT";

    private StartupProblems() {
    }

    /**
     * The port setting as written, or null. Read it before starting the HTTP server: a server that fails
     * to bind stops the context, and its settings with it.
     */
    @Nullable
    public static String configuredPort(PropertyResolver settings) {
        return settings.getProperty(PORT_PROPERTY, String.class).orElse(null);
    }

    /**
     * The sentence for this startup error, or null when it is not one an operator can fix.
     *
     * @param configuredPort {@link #configuredPort} of the configuration the server started with
     */
    @Nullable
    public static String describe(Throwable error, @Nullable String configuredPort) {
        StartupFailure failure = StartupFailure.findIn(error);
        if (failure != null) {
            return failure.getMessage();
        }
        Optional<String> port = Optional.ofNullable(configuredPort);
        String portProblem = portSettingProblem(configuredPort);
        if (portProblem != null) {
            // the framework reports this as a failed bean with a conversion error several causes down
            return portProblem;
        }
        if (find(error, BindException.class) != null) {
            return "port " + port.orElse("8080") + " is already in use; stop that server or set " + PORT_SETTING;
        }
        return null;
    }

    /**
     * Why this port setting cannot work, or null when it can (or is unset). Application checks the
     * environment's and system properties' value with it before anything starts, so that a port out of
     * range costs neither a database start nor a stack trace from the HTTP server.
     */
    @Nullable
    public static String portSettingProblem(@Nullable String value) {
        return value == null || isPortNumber(value) ? null
                : PORT_SETTING + " must be a port number (1-65535, or -1 for any free port), not \"" + value + "\"";
    }

    /** The port as the environment or a system property sets it (the property wins, as in Micronaut). */
    @Nullable
    public static String portFromEnvironment() {
        String property = System.getProperty(PORT_PROPERTY);
        return property != null ? property : System.getenv(PORT_SETTING);
    }

    private static boolean isPortNumber(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            return port == -1 || (port >= 0 && port <= 65535);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
