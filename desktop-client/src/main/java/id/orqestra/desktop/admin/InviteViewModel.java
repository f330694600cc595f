package id.orqestra.desktop.admin;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.auth.JoinLink;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.desktop.viewmodel.FormField;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The invite form: email, name, role. There is no email delivery yet, so on success the form turns
 * into the one-time invitation code and a sentence saying to pass it on.
 */
public final class InviteViewModel {

    /** The server's own rule for invitation addresses. */
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    static final int MAX_NAME = 120;

    private final AdminApi api;
    private final AsyncRunner runner;
    private final Consumer<TeamRequests.Invitation> onInvited;
    private final ZoneId zone;

    private final FormField email = new FormField(InviteViewModel::emailProblem);
    private final FormField name = new FormField(text -> text.length() > MAX_NAME
            ? Optional.of("The name can be at most " + MAX_NAME + " characters.") : Optional.empty());
    private final List<RoleView> roles;
    private final ObjectProperty<RoleView> role = new SimpleObjectProperty<>(this, "role");
    private final ReadOnlyStringWrapper roleError = new ReadOnlyStringWrapper(this, "roleError", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<TeamRequests.Invitation> invitation = new ReadOnlyObjectWrapper<>(this, "invitation");
    private final ReadOnlyStringWrapper invitationMessage = new ReadOnlyStringWrapper(this, "invitationMessage", "");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);

    InviteViewModel(AdminApi api, AsyncRunner runner, List<RoleView> grantableRoles, Consumer<TeamRequests.Invitation> onInvited) {
        this(api, runner, grantableRoles, onInvited, ZoneId.systemDefault());
    }

    InviteViewModel(AdminApi api, AsyncRunner runner, List<RoleView> grantableRoles,
                    Consumer<TeamRequests.Invitation> onInvited, ZoneId zone) {
        this.api = Objects.requireNonNull(api);
        this.runner = Objects.requireNonNull(runner);
        this.onInvited = Objects.requireNonNull(onInvited);
        this.zone = Objects.requireNonNull(zone);
        this.roles = List.copyOf(grantableRoles);
        // most people invited are agents; an admin picks otherwise on purpose
        role.set(grantableRoles.stream().filter(r -> r.builtIn() == BuiltInRole.AGENT).findFirst()
                .orElse(grantableRoles.isEmpty() ? null : grantableRoles.get(grantableRoles.size() - 1)));
        role.addListener((obs, old, now) -> roleError.set(""));
        done.bind(Bindings.isNotNull(invitation));
    }

    public FormField email() {
        return email;
    }

    public FormField name() {
        return name;
    }

    /** The roles this person may hand out. */
    public List<RoleView> roles() {
        return roles;
    }

    public ObjectProperty<RoleView> roleProperty() {
        return role;
    }

    public ReadOnlyStringProperty roleErrorProperty() {
        return roleError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Set once the invitation exists; the form then shows its code. */
    public ReadOnlyObjectProperty<TeamRequests.Invitation> invitationProperty() {
        return invitation.getReadOnlyProperty();
    }

    /** What to do with the code, as a sentence. */
    public ReadOnlyStringProperty invitationMessageProperty() {
        return invitationMessage.getReadOnlyProperty();
    }

    /** The code to copy; empty until the invitation exists. */
    public String invitationCode() {
        return invitation.get() == null ? "" : invitation.get().token();
    }

    /** True once the invitation exists. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public void submit() {
        if (busy.get() || invitation.get() != null) {
            return;
        }
        boolean fine = email.check() & name.check();
        if (role.get() == null) {
            roleError.set("Choose a role for the person you invite.");
            fine = false;
        }
        if (!fine) {
            return;
        }
        TeamRequests.InviteRequest request = new TeamRequests.InviteRequest(email.text(),
                name.text().isEmpty() ? null : name.text(), role.get().id());
        busy.set(true);
        error.set("");
        runner.run(() -> api.invite(request), created -> {
            busy.set(false);
            String who = name.text().isEmpty() ? created.email() : name.text() + " (" + created.email() + ")";
            invitationMessage.set("Send this one-time invitation code to " + who + " yourself: Orqestra does not "
                    + "email invitations yet. On the sign-in screen they choose \"" + JoinLink.TEXT + "\". "
                    + "The code works once and expires on "
                    + DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                            .withZone(zone).format(created.expiresAt()) + ".");
            invitation.set(created);
            onInvited.accept(created);
        }, failure -> {
            busy.set(false);
            boolean aboutTheAddress = failure.kind() == ApiException.Kind.CONFLICT
                    || (failure.kind() == ApiException.Kind.INVALID && failure.getMessage().contains("email"));
            if (aboutTheAddress) {
                email.reject(failure.getMessage());
            } else {
                error.set(failure.getMessage());
            }
        });
    }

    static Optional<String> emailProblem(String text) {
        if (text.isEmpty()) {
            return Optional.of("Enter the email address of the person you invite.");
        }
        if (text.length() > 254 || !EMAIL.matcher(text).matches()) {
            return Optional.of("Enter an email address like name@company.com.");
        }
        return Optional.empty();
    }
}
