package id.orqestra.desktop.app;

import id.orqestra.desktop.admin.AdminAccess;
import id.orqestra.desktop.auth.SignedIn;
import id.orqestra.desktop.ui.Initials;
import id.orqestra.model.auth.Session;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The signed-in main window: who is signed in where, and which section is open. */
public final class ShellViewModel {

    private final Runnable onSignOut;
    private final boolean adminVisible;

    private final ReadOnlyStringWrapper organizationName = new ReadOnlyStringWrapper(this, "organizationName");
    private final ReadOnlyStringWrapper userName = new ReadOnlyStringWrapper(this, "userName");
    private final ReadOnlyStringWrapper userRole = new ReadOnlyStringWrapper(this, "userRole");
    private final ReadOnlyStringWrapper userInitials = new ReadOnlyStringWrapper(this, "userInitials");
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper(this, "connectionSummary");
    // the inbox's link to the server and its unread total, shown in the status bar and on the rail
    private final javafx.beans.property.ReadOnlyBooleanWrapper offline = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "offline");
    private final ReadOnlyStringWrapper linkSummary = new ReadOnlyStringWrapper(this, "linkSummary", "");
    private final javafx.beans.property.ReadOnlyIntegerWrapper inboxUnread = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "inboxUnread");
    private final ReadOnlyObjectWrapper<Section> selectedSection =
            new ReadOnlyObjectWrapper<>(this, "selectedSection", Section.INBOX);
    private final ReadOnlyStringWrapper placeholderTitle = new ReadOnlyStringWrapper(this, "placeholderTitle");
    private final ReadOnlyStringWrapper placeholderText = new ReadOnlyStringWrapper(this, "placeholderText");

    public ShellViewModel(SignedIn signedIn, Runnable onSignOut) {
        this.onSignOut = Objects.requireNonNull(onSignOut);
        Session.UserProfile user = signedIn.session().user();
        adminVisible = AdminAccess.of(user.permissions()).anyVisible();
        String name = user.name() == null || user.name().isBlank() ? signedIn.email() : user.name().strip();
        organizationName.set(user.organizationName() == null ? "" : user.organizationName());
        userName.set(name);
        userRole.set(user.roleName() == null ? "" : user.roleName());
        userInitials.set(initialsOf(name));
        connectionSummary.set("Signed in to " + signedIn.server().display() + " as " + signedIn.email());
        selectedSection.addListener((obs, old, now) -> showPlaceholderOf(now));
        showPlaceholderOf(selectedSection.get());
    }

    /** The sections this person may open: Admin only for those with something to administer or oversee. */
    public List<Section> sections() {
        return Arrays.stream(Section.values()).filter(section -> section != Section.ADMIN || adminVisible).toList();
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

    /** True while the inbox can't reach the server (replies wait in the outbox). */
    public javafx.beans.property.ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** A few words about the live link ("Live", "Offline — replies wait in the outbox"); empty before the inbox opens. */
    public ReadOnlyStringProperty linkSummaryProperty() {
        return linkSummary.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyIntegerProperty inboxUnreadProperty() {
        return inboxUnread.getReadOnlyProperty();
    }

    /** The inbox reports its link: {@code online} false shows the offline indicator. */
    public void showLink(boolean online, String words) {
        offline.set(!online);
        linkSummary.set(words == null ? "" : words);
    }

    public void showInboxUnread(int count) {
        inboxUnread.set(Math.max(0, count));
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
        return Initials.of(name);
    }
}
