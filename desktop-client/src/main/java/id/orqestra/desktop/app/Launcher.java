package id.orqestra.desktop.app;

import javafx.application.Application;

import java.util.Optional;

/**
 * Entry point of the desktop app. A plain class on purpose: when the main class itself extends
 * {@link Application} and JavaFX sits on the class path (as with {@code java -jar} and jpackage),
 * the Java launcher refuses to start it ("JavaFX runtime components are missing").
 */
public final class Launcher {

    static final String NEEDS_GTK = "The desktop app needs GTK 3 and a display: install libgtk-3-0 (Debian/Ubuntu) "
            + "and run it in a desktop session, or under xvfb-run.";

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            Application.launch(OrqestraApp.class, args);
        } catch (RuntimeException e) {
            // a machine without GTK or a display gets one sentence saying what to install, not a stack trace
            Optional<String> sentence = explainStartFailure(e);
            if (sentence.isEmpty()) {
                throw e;
            }
            System.err.println("orqestra: " + sentence.get());
            System.exit(1);
        }
    }

    /** The sentence for a JavaFX start-up failure a person can fix (no GTK, no display), if this is one. */
    static Optional<String> explainStartFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof UnsupportedOperationException && (message.contains("GTK library")
                    || message.contains("Unable to open DISPLAY"))) {
                return Optional.of(NEEDS_GTK);
            }
        }
        return Optional.empty();
    }
}
