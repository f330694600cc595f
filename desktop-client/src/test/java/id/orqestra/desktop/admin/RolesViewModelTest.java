package id.orqestra.desktop.admin;

import id.orqestra.desktop.testing.RealBackend;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import id.orqestra.model.tenant.RoleView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class RolesViewModelTest {

    private static final AsyncRunner SAME_THREAD = new AsyncRunner(Runnable::run, Runnable::run);

    private static RealBackend backend;
    private static RealBackend.Member owner;

    @BeforeAll
    static void start() {
        backend = RealBackend.shared();
        owner = backend.newOrganization("Roles view model test");
    }

    private static RolesViewModel modelFor(Session session) {
        RolesViewModel model = new RolesViewModel(new AdminApi(backend.client(session)), SAME_THREAD,
                AdminAccess.of(session.user().permissions()));
        model.load();
        return model;
    }

    private static RoleView role(RolesViewModel model, String name) {
        return model.roles().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static RoleView create(RolesViewModel model, String name, Permission... permissions) {
        RoleEditorViewModel editor = model.newRole();
        editor.name().set(name);
        Arrays.stream(permissions).forEach(p -> editor.grantedProperty(p).set(true));
        editor.submit();
        assertThat(editor.errorProperty().get()).isEmpty();
        assertThat(editor.savedProperty().get()).isTrue();
        return role(model, name);
    }

    @Test
    void theBuiltInRolesComeFirstAndAreReadOnly() {
        RolesViewModel model = modelFor(owner.session());

        assertThat(model.roles()).extracting(RoleView::name)
                .startsWith("Owner", "Admin", "Supervisor", "Agent", "Analyst");
        RoleView agent = role(model, "Agent");
        assertThat(model.isEditable(agent)).isFalse();
        assertThat(model.isGranted(agent, Permission.INBOX_REPLY)).isTrue();
        assertThat(model.isGranted(agent, Permission.TEAM_MANAGE)).isFalse();
        assertThat(model.deleteBlockedReason(agent)).isEqualTo("Built-in roles cannot be deleted.");
    }

    @Test
    void aNewRoleWithTwoPermissionsBecomesAColumn() {
        RolesViewModel model = modelFor(owner.session());
        String name = RealBackend.unique("Night shift");

        RoleView created = create(model, name, Permission.INBOX_VIEW_ASSIGNED, Permission.INBOX_REPLY);

        assertThat(created.permissions()).containsExactlyInAnyOrder(Permission.INBOX_VIEW_ASSIGNED, Permission.INBOX_REPLY);
        assertThat(model.isEditable(created)).isTrue();
        assertThat(model.canDelete(created)).isTrue();
        assertThat(modelFor(owner.session()).roles()).extracting(RoleView::name).contains(name);
    }

    @Test
    void aRoleNeedsANameThatIsFreeAndAtLeastOnePermission() {
        RolesViewModel model = modelFor(owner.session());
        RoleEditorViewModel editor = model.newRole();

        editor.submit();
        assertThat(editor.name().errorProperty().get()).isEqualTo("Give the role a name.");
        assertThat(editor.permissionsErrorProperty().get()).isEqualTo("Choose at least one permission for the role.");

        editor.name().set("agent");
        assertThat(editor.name().errorProperty().get()).isEqualTo("There is already a role called 'agent'.");
        assertThat(editor.savedProperty().get()).isFalse();
    }

    @Test
    void tickingABoxInTheGridSavesTheRole() {
        RolesViewModel model = modelFor(owner.session());
        RoleView role = create(model, RealBackend.unique("Moderators"), Permission.COMMENT_MODERATE);

        model.setGranted(role, Permission.CONTACT_VIEW, true);
        assertThat(role(model, role.name()).permissions()).containsExactlyInAnyOrder(Permission.COMMENT_MODERATE,
                Permission.CONTACT_VIEW);

        model.setGranted(role(model, role.name()), Permission.COMMENT_MODERATE, false);
        assertThat(modelFor(owner.session()).roles()).filteredOn(r -> r.id() == role.id())
                .singleElement().extracting(RoleView::permissions).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.collection(Permission.class))
                .containsExactly(Permission.CONTACT_VIEW);
    }

    @Test
    void theLastPermissionCannotBeUntickedInTheGrid() {
        RolesViewModel model = modelFor(owner.session());
        RoleView role = create(model, RealBackend.unique("Viewers"), Permission.ANALYTICS_VIEW);

        model.setGranted(role, Permission.ANALYTICS_VIEW, false);

        assertThat(model.errorProperty().get()).startsWith("A role needs at least one permission.");
        assertThat(role(model, role.name()).permissions()).containsExactly(Permission.ANALYTICS_VIEW);
    }

    @Test
    void builtInRolesAreNotChangedFromTheGrid() {
        RolesViewModel model = modelFor(owner.session());
        RoleView agent = role(model, "Agent");

        model.setGranted(agent, Permission.BILLING_MANAGE, true);

        assertThat(role(modelFor(owner.session()), "Agent").permissions()).doesNotContain(Permission.BILLING_MANAGE);
    }

    @Test
    void editingRenamesAndChangesPermissions() {
        RolesViewModel model = modelFor(owner.session());
        RoleView role = create(model, RealBackend.unique("Temps"), Permission.INBOX_REPLY);
        String renamed = RealBackend.unique("Temporary staff");

        RoleEditorViewModel editor = model.edit(role);
        assertThat(editor.name().text()).isEqualTo(role.name());
        assertThat(editor.grantedProperty(Permission.INBOX_REPLY).get()).isTrue();
        editor.name().set(renamed);
        editor.grantedProperty(Permission.INBOX_NOTE).set(true);
        editor.submit();

        assertThat(editor.savedProperty().get()).isTrue();
        RoleView saved = role(model, renamed);
        assertThat(saved.id()).isEqualTo(role.id());
        assertThat(saved.permissions()).containsExactlyInAnyOrder(Permission.INBOX_REPLY, Permission.INBOX_NOTE);
    }

    @Test
    void aRoleSomeoneHoldsCannotBeDeletedAndAFreeOneCan() {
        RolesViewModel model = modelFor(owner.session());
        RoleView free = create(model, RealBackend.unique("Unused"), Permission.FLOW_VIEW);

        model.delete(free);
        assertThat(model.roles()).extracting(RoleView::id).doesNotContain(free.id());

        RoleView held = role(model, "Owner");
        assertThat(model.canDelete(held)).isFalse();
    }

    @Test
    void theServerRefusesDeletingARoleThatIsInUseWithASentence() {
        RolesViewModel model = modelFor(owner.session());
        RoleView role = create(model, RealBackend.unique("Busy role"), Permission.FLOW_VIEW);
        // someone gets the role after this screen loaded
        TeamViewModel team = new TeamViewModel(new AdminApi(backend.client(owner.session())), SAME_THREAD,
                AdminAccess.of(owner.session().user().permissions()), owner.session().user().id());
        team.load();
        InviteViewModel invite = team.newInvitation();
        invite.email().set(RealBackend.unique("holder") + "@x.test");
        invite.roleProperty().set(invite.roles().stream().filter(r -> r.id() == role.id()).findFirst().orElseThrow());
        invite.submit();

        model.delete(role);

        assertThat(model.errorProperty().get()).isEqualTo("This role is held by 1 person. Give them another role first.");
        assertThat(model.roles()).extracting(RoleView::id).contains(role.id());
    }

    @Test
    void anAdminCannotGrantBillingWhichTheirRoleLacks() {
        RealBackend.Member admin = backend.addMember(owner, BuiltInRole.ADMIN, "Admin Ayu");
        RolesViewModel model = modelFor(admin.session());

        RoleEditorViewModel editor = model.newRole();

        assertThat(editor.mayGrant(Permission.BILLING_MANAGE)).isFalse();
        assertThat(editor.mayGrant(Permission.TEAM_MANAGE)).isTrue();
        assertThat(EnumSet.allOf(Permission.class).stream().filter(editor::mayGrant)).hasSize(30);
    }

    @Test
    void aSupervisorReadsTheGridButChangesNothing() {
        RealBackend.Member supervisor = backend.addMember(owner, BuiltInRole.SUPERVISOR, "Supervisor Sari");
        RolesViewModel model = modelFor(supervisor.session());

        assertThat(model.roles()).isNotEmpty();
        assertThat(model.canManage()).isFalse();
        assertThat(model.roles()).noneMatch(model::isEditable);
    }
}
