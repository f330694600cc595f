package id.orqestra.desktop.app;

/** Placeholder entry point; the JavaFX application replaces it. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("Orqestra desktop");
    }
}
