package id.orqestra.desktop.app;

import id.orqestra.desktop.auth.SignedIn;
import id.orqestra.model.auth.Session;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The signed-in main window: who is signed in where, and which section is open. */
public final class ShellViewModel {

    private final Runnable onSignOut;

    private final ReadOnlyStringWrapper organizationName = new ReadOnlyStringWrapper(this, "organizationName");
    private final ReadOnlyStringWrapper userName = new ReadOnlyStringWrapper(this, "userName");
    private final ReadOnlyStringWrapper userRole = new ReadOnlyStringWrapper(this, "userRole");
    private final ReadOnlyStringWrapper userInitials = new ReadOnlyStringWrapper(this, "userInitials");
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper(this, "connectionSummary");
    private final ReadOnlyObjectWrapper<Section> selectedSection =
            new ReadOnlyObjectWrapper<>(this, "selectedSection", Section.INBOX);
    private final ReadOnlyStringWrapper placeholderTitle = new ReadOnlyStringWrapper(this, "placeholderTitle");
    private final ReadOnlyStringWrapper placeholderText = new ReadOnlyStringWrapper(this, "placeholderText");

    public ShellViewModel(SignedIn signedIn, Runnable onSignOut) {
        this.onSignOut = Objects.requireNonNull(onSignOut);
        Session.UserProfile user = signedIn.session().user();
        String name = user.name() == null || user.name().isBlank() ? signedIn.email() : user.name().strip();
        organizationName.set(user.organizationName() == null ? "" : user.organizationName());
        userName.set(name);
        userRole.set(user.roleName() == null ? "" : user.roleName());
        userInitials.set(initialsOf(name));
        connectionSummary.set("Signed in to " + signedIn.server().display() + " as " + signedIn.email());
        selectedSection.addListener((obs, old, now) -> showPlaceholderOf(now));
        showPlaceholderOf(selectedSection.get());
    }

    public List<Section> sections() {
        return Arrays.asList(Section.values());
    }

    public ReadOnlyStringProperty organizationNameProperty() {
        return organizationName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userNameProperty() {
        return userName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userRoleProperty() {
        return userRole.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userInitialsProperty() {
        return userInitials.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionSummaryProperty() {
        return connectionSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Section> selectedSectionProperty() {
        return selectedSection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderTitleProperty() {
        return placeholderTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderTextProperty() {
        return placeholderText.getReadOnlyProperty();
    }

    public void select(Section section) {
        selectedSection.set(Objects.requireNonNull(section));
    }

    public void signOut() {
        onSignOut.run();
    }

    private void showPlaceholderOf(Section section) {
        placeholderTitle.set(section.placeholderTitle());
        placeholderText.set(section.placeholderText());
    }

    /** "Siti Rahma Putri" → "SR", "budi" → "B", "agent@demo.test" → "A", "" → "?". */
    static String initialsOf(String name) {
        String stripped = name.strip();
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
