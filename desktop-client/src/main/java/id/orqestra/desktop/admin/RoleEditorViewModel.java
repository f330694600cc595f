package id.orqestra.desktop.admin;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.desktop.viewmodel.FormField;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The form that creates a custom role or changes one: a name and a box per permission. */
public final class RoleEditorViewModel {

    static final int MAX_NAME = 80;

    private final AdminApi api;
    private final AsyncRunner runner;
    private final RoleView editing;
    private final Set<Permission> grantable;
    private final Consumer<RoleView> onSaved;

    private final FormField name;
    private final Map<Permission, BooleanProperty> granted = new EnumMap<>(Permission.class);
    private final ReadOnlyStringWrapper permissionsError = new ReadOnlyStringWrapper(this, "permissionsError", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(this, "saved", false);

    RoleEditorViewModel(AdminApi api, AsyncRunner runner, RoleView editing, List<String> otherRoleNames,
                        Set<Permission> grantable, Consumer<RoleView> onSaved) {
        this.api = Objects.requireNonNull(api);
        this.runner = Objects.requireNonNull(runner);
        this.editing = editing;
        this.grantable = Set.copyOf(grantable);
        this.onSaved = Objects.requireNonNull(onSaved);
        Set<String> taken = otherRoleNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.name = new FormField(text -> nameProblem(text, taken));
        Set<Permission> current = editing == null ? Set.of() : RolesViewModel.permissionsOf(editing);
        for (Permission permission : Permission.values()) {
            BooleanProperty box = new SimpleBooleanProperty(this, permission.key(), current.contains(permission));
            box.addListener((obs, old, now) -> permissionsError.set(""));
            granted.put(permission, box);
        }
        if (editing != null) {
            name.set(editing.name());
        }
    }

    public String title() {
        return editing == null ? "New role" : "Edit \"" + editing.name() + "\"";
    }

    public String submitLabel() {
        return editing == null ? "Create role" : "Save changes";
    }

    public FormField name() {
        return name;
    }

    /** The box of {@code permission}, bound bidirectionally by the view. */
    public BooleanProperty grantedProperty(Permission permission) {
        return granted.get(permission);
    }

    /** Boxes of permissions this person does not hold cannot be switched on. */
    public boolean mayGrant(Permission permission) {
        return grantable.contains(permission) || granted.get(permission).get();
    }

    public ReadOnlyStringProperty permissionsErrorProperty() {
        return permissionsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True once the server has the role; the dialog closes. */
    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public Set<Permission> chosenPermissions() {
        Set<Permission> chosen = EnumSet.noneOf(Permission.class);
        granted.forEach((permission, box) -> {
            if (box.get()) {
                chosen.add(permission);
            }
        });
        return chosen;
    }

    public void submit() {
        if (busy.get() || saved.get()) {
            return;
        }
        boolean fine = name.check();
        Set<Permission> chosen = chosenPermissions();
        if (chosen.isEmpty()) {
            permissionsError.set("Choose at least one permission for the role.");
            fine = false;
        }
        if (!fine) {
            return;
        }
        TeamRequests.RoleRequest request = new TeamRequests.RoleRequest(name.text(), chosen);
        busy.set(true);
        error.set("");
        runner.run(() -> editing == null ? api.createRole(request) : api.updateRole(editing.id(), request), role -> {
            busy.set(false);
            saved.set(true);
            onSaved.accept(role);
        }, failure -> {
            busy.set(false);
            if (failure.kind() == ApiException.Kind.CONFLICT) {
                name.reject(failure.getMessage());
            } else {
                error.set(failure.getMessage());
            }
        });
    }

    static Optional<String> nameProblem(String text, Set<String> takenLowerCase) {
        if (text.isEmpty()) {
            return Optional.of("Give the role a name.");
        }
        if (text.length() > MAX_NAME) {
            return Optional.of("Role names can be at most " + MAX_NAME + " characters.");
        }
        if (takenLowerCase.contains(text.toLowerCase(Locale.ROOT))) {
            return Optional.of("There is already a role called '" + text + "'.");
        }
        return Optional.empty();
    }
}
