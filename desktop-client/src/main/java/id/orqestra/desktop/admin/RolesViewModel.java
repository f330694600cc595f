package id.orqestra.desktop.admin;

import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Roles tab: a grid of the 31 permissions (rows, grouped by area) against the organization's
 * roles (columns). Built-in roles are read-only; custom roles can be created, changed cell by cell or
 * in the editor, and deleted when nobody holds them.
 */
public final class RolesViewModel extends AdminTabModel {

    /** A row of the grid: an area heading or one permission. */
    public sealed interface GridRow permits AreaRow, PermissionRow {
    }

    public record AreaRow(PermissionArea area) implements GridRow {
    }

    public record PermissionRow(Permission permission) implements GridRow {
    }

    /** Every row of the grid, areas in order, each followed by its permissions. */
    public static final List<GridRow> GRID_ROWS = gridRows();

    private final AdminApi api;
    private final AdminAccess access;

    private final ObservableList<RoleView> roles = FXCollections.observableArrayList();
    /** Read-only view kept in a field: JavaFX holds listeners of such views weakly. */
    private final ObservableList<RoleView> rolesView = FXCollections.unmodifiableObservableList(roles);

    public RolesViewModel(AdminApi api, AsyncRunner runner, AdminAccess access) {
        super(runner);
        this.api = Objects.requireNonNull(api);
        this.access = Objects.requireNonNull(access);
    }

    /** The columns: built-in roles first, then custom ones by name (the server's order). */
    public ObservableList<RoleView> roles() {
        return rolesView;
    }

    public boolean canManage() {
        return access.rolesEditable();
    }

    public boolean isEditable(RoleView role) {
        return canManage() && role.builtIn() == null;
    }

    /** Whether this person may switch {@code permission} on in a role: only what they hold themselves. */
    public boolean mayGrant(Permission permission) {
        return access.held().contains(permission);
    }

    public boolean isGranted(RoleView role, Permission permission) {
        return permissionsOf(role).contains(permission);
    }

    public boolean canDelete(RoleView role) {
        return isEditable(role) && role.userCount() == 0;
    }

    /** Why a custom role cannot be deleted now, or empty. */
    public String deleteBlockedReason(RoleView role) {
        if (role.builtIn() != null) {
            return "Built-in roles cannot be deleted.";
        }
        if (role.userCount() > 0) {
            return "Held by " + role.userCount() + (role.userCount() == 1 ? " person" : " people")
                    + ". Give them another role first.";
        }
        return "";
    }

    public String deleteQuestion(RoleView role) {
        return "Delete the role \"" + role.name() + "\"? Nobody holds it, and this cannot be undone.";
    }

    @Override
    public void load() {
        fetch(api::roles, roles::setAll);
    }

    /** Switches one permission of a custom role on or off, saving at once. */
    public void setGranted(RoleView role, Permission permission, boolean granted) {
        if (!isEditable(role) || isBusy() || isGranted(role, permission) == granted) {
            return;
        }
        if (granted && !mayGrant(permission)) {
            refuse("You can only grant permissions that your own role includes.");
            return;
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(permissionsOf(role));
        if (granted) {
            permissions.add(permission);
        } else {
            permissions.remove(permission);
        }
        if (permissions.isEmpty()) {
            refuse("A role needs at least one permission. Delete the role instead if nobody needs it.");
            roles.set(indexOf(role.id()), role); // puts the unticked box back
            return;
        }
        change(() -> api.updateRole(role.id(), new TeamRequests.RoleRequest(role.name(), permissions)), this::replace,
                failure -> {
                    int index = indexOf(role.id());
                    if (index >= 0) {
                        roles.set(index, roles.get(index)); // redraws the column as it really is
                    }
                    reloadIfGone(failure);
                });
    }

    public RoleEditorViewModel newRole() {
        return new RoleEditorViewModel(api, runner, null, otherNames(null), access.held(), this::replace);
    }

    public RoleEditorViewModel edit(RoleView role) {
        return new RoleEditorViewModel(api, runner, role, otherNames(role), access.held(), this::replace);
    }

    public void delete(RoleView role) {
        if (!canDelete(role) || isBusy()) {
            return;
        }
        change(() -> {
            api.deleteRole(role.id());
            return role;
        }, deleted -> {
            int index = indexOf(deleted.id());
            if (index >= 0) {
                roles.remove(index);
            }
        }, failure -> load()); // the count of holders may have changed meanwhile
    }

    /** The known permissions of a role; names this app does not know (a newer server's) are left out. */
    public static Set<Permission> permissionsOf(RoleView role) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (role.permissions() != null) {
            role.permissions().stream().filter(Objects::nonNull).forEach(permissions::add);
        }
        return permissions;
    }

    private List<String> otherNames(RoleView except) {
        return roles.stream().filter(r -> except == null || r.id() != except.id()).map(RoleView::name).toList();
    }

    private void replace(RoleView saved) {
        int index = indexOf(saved.id());
        if (index >= 0) {
            roles.set(index, saved);
        } else {
            roles.add(saved);
        }
    }

    private int indexOf(long roleId) {
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i).id() == roleId) {
                return i;
            }
        }
        return -1;
    }

    private static List<GridRow> gridRows() {
        List<GridRow> rows = new ArrayList<>();
        for (PermissionArea area : PermissionArea.values()) {
            rows.add(new AreaRow(area));
            area.permissions().forEach(permission -> rows.add(new PermissionRow(permission)));
        }
        return List.copyOf(rows);
    }
}
