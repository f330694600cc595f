package id.orqestra.desktop.ui;

import java.util.Locale;

/** The one or two letters shown in a person's round avatar. */
public final class Initials {

    private Initials() {
    }

    /** "Siti Rahma Putri" → "SR", "budi" → "B", "agent.smith@demo.test" → "AS", "" → "?". */
    public static String of(String name) {
        String stripped = name == null ? "" : name.strip();
        String person = stripped.contains("@") ? stripped.substring(0, stripped.indexOf('@')) : stripped;
        String[] words = person.split("[\\s._-]+");
        StringBuilder initials = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && initials.length() < 2) {
                initials.appendCodePoint(word.codePointAt(0));
            }
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }
}
