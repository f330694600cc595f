package id.orqestra.desktop.app;

import javafx.application.Application;

/**
 * Entry point of the desktop app. A plain class on purpose: when the main class itself extends
 * {@link Application} and JavaFX sits on the class path (as with {@code java -jar} and jpackage),
 * the Java launcher refuses to start it ("JavaFX runtime components are missing").
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(OrqestraApp.class, args);
    }
}
