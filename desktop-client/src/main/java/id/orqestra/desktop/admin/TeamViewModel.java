package id.orqestra.desktop.admin;

import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.tenant.RoleView;
import id.orqestra.model.tenant.TeamRequests;
import id.orqestra.model.tenant.UserView;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;

/**
 * The Team tab: who is in the organization, with what role and in what state, and the commands an
 * admin has on them. Works on the UI thread; every request runs through the {@link AsyncRunner}.
 */
public final class TeamViewModel extends AdminTabModel {

    /** Where a member stands. */
    public enum Status {
        ACTIVE("Active"), DEACTIVATED("Deactivated"), INVITATION_PENDING("Invitation pending");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A row of the team table. */
    public record Member(long id, String name, String email, long roleId, String roleName, Status status, boolean you) {

        static Member of(UserView user, long myUserId) {
            Status status = user.invitationPending() ? Status.INVITATION_PENDING
                    : user.active() ? Status.ACTIVE : Status.DEACTIVATED;
            String name = user.name() == null || user.name().isBlank() ? user.email() : user.name().strip();
            return new Member(user.id(), name, user.email(), user.roleId(), user.roleName(), status, user.id() == myUserId);
        }
    }

    private final AdminApi api;
    private final AdminAccess access;
    private final long myUserId;

    private final ObservableList<Member> members = FXCollections.observableArrayList();
    /** Read-only view kept in a field: JavaFX holds listeners of such views weakly. */
    private final ObservableList<Member> membersView = FXCollections.unmodifiableObservableList(members);
    private final ObservableList<RoleView> roles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    public TeamViewModel(AdminApi api, AsyncRunner runner, AdminAccess access, long myUserId) {
        super(runner);
        this.api = Objects.requireNonNull(api);
        this.access = Objects.requireNonNull(access);
        this.myUserId = myUserId;
    }

    public ObservableList<Member> members() {
        return membersView;
    }

    /** E.g. "4 members · 1 invitation pending". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public boolean canManage() {
        return access.teamEditable();
    }

    public boolean canChangeRole(Member member) {
        return canManage() && member.status() != Status.DEACTIVATED;
    }

    /**
     * Pending invitations are not offered: deactivating one would not stop the invitation from being
     * accepted (see the report), and you cannot deactivate yourself.
     */
    public boolean canDeactivate(Member member) {
        return canManage() && !member.you() && member.status() == Status.ACTIVE;
    }

    public boolean canReactivate(Member member) {
        return canManage() && member.status() == Status.DEACTIVATED;
    }

    /** The roles this person may hand out: those whose permissions they hold themselves. */
    public List<RoleView> grantableRoles() {
        return roles.stream().filter(role -> access.mayGrant(RolesViewModel.permissionsOf(role))).toList();
    }

    public String deactivateQuestion(Member member) {
        return "Deactivate " + member.name() + "? They are signed out everywhere at once and cannot sign in "
                + "until someone reactivates them. Their conversations and history stay.";
    }

    @Override
    public void load() {
        fetch(() -> new Loaded(api.users(), api.roles()), loaded -> {
            roles.setAll(loaded.roles());
            members.setAll(loaded.users().stream().map(user -> Member.of(user, myUserId)).toList());
            refreshSummary();
        });
    }

    /** A form for inviting someone; the list reloads when it succeeds. */
    public InviteViewModel newInvitation() {
        return new InviteViewModel(api, runner, grantableRoles(), invitation -> load());
    }

    public void changeRole(Member member, RoleView role) {
        if (role == null || role.id() == member.roleId()) {
            return;
        }
        update(member, new TeamRequests.UpdateUserRequest(role.id(), null));
    }

    public void deactivate(Member member) {
        update(member, new TeamRequests.UpdateUserRequest(null, Boolean.FALSE));
    }

    public void reactivate(Member member) {
        update(member, new TeamRequests.UpdateUserRequest(null, Boolean.TRUE));
    }

    private void update(Member member, TeamRequests.UpdateUserRequest request) {
        change(() -> api.updateUser(member.id(), request), updated -> replace(Member.of(updated, myUserId)),
                this::reloadIfGone);
    }

    private void replace(Member updated) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() == updated.id()) {
                members.set(i, updated);
                refreshSummary();
                return;
            }
        }
        members.add(updated);
        refreshSummary();
    }

    private void refreshSummary() {
        long pending = members.stream().filter(m -> m.status() == Status.INVITATION_PENDING).count();
        long deactivated = members.stream().filter(m -> m.status() == Status.DEACTIVATED).count();
        long joined = members.size() - pending;
        StringBuilder text = new StringBuilder(joined + (joined == 1 ? " member" : " members"));
        if (pending > 0) {
            text.append(" · ").append(pending).append(pending == 1 ? " invitation pending" : " invitations pending");
        }
        if (deactivated > 0) {
            text.append(" · ").append(deactivated).append(" deactivated");
        }
        summary.set(text.toString());
    }

    private record Loaded(List<UserView> users, List<RoleView> roles) {
    }
}
