package id.orqestra.desktop.admin;

import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAccessTest {

    @Test
    void anOwnerSeesAndChangesEverything() {
        AdminAccess owner = AdminAccess.of(BuiltInRole.OWNER.permissions());

        assertThat(owner.anyVisible()).isTrue();
        assertThat(owner).extracting(AdminAccess::teamEditable, AdminAccess::rolesEditable, AdminAccess::channelsEditable,
                AdminAccess::auditVisible, AdminAccess::noticesVisible).containsOnly(true);
    }

    @Test
    void anAdminCannotHandOutBillingWhichTheyDoNotHold() {
        AdminAccess admin = AdminAccess.of(BuiltInRole.ADMIN.permissions());

        assertThat(admin.teamEditable()).isTrue();
        assertThat(admin.mayGrant(BuiltInRole.ADMIN.permissions())).isTrue();
        assertThat(admin.mayGrant(BuiltInRole.OWNER.permissions())).isFalse();
    }

    @Test
    void aSupervisorSeesTheTeamRolesAndChannelsReadOnlyAndNoAuditLog() {
        AdminAccess supervisor = AdminAccess.of(BuiltInRole.SUPERVISOR.permissions());

        assertThat(supervisor.anyVisible()).isTrue();
        assertThat(supervisor.teamVisible()).isTrue();
        assertThat(supervisor.teamEditable()).isFalse();
        assertThat(supervisor.rolesVisible()).isTrue();
        assertThat(supervisor.rolesEditable()).isFalse();
        assertThat(supervisor.channelsVisible()).isTrue();
        assertThat(supervisor.channelsEditable()).isFalse();
        assertThat(supervisor.auditVisible()).isFalse();
    }

    @Test
    void agentsAndAnalystsHaveNoAdminArea() {
        assertThat(AdminAccess.of(BuiltInRole.AGENT.permissions()).anyVisible()).isFalse();
        assertThat(AdminAccess.of(BuiltInRole.ANALYST.permissions()).anyVisible()).isFalse();
        assertThat(AdminAccess.of(Set.of()).anyVisible()).isFalse();
    }

    @Test
    void aCustomRoleWithOnlyChannelManagementSeesOnlyChannels() {
        AdminAccess access = AdminAccess.of(EnumSet.of(Permission.CHANNEL_MANAGE));

        assertThat(access.channelsVisible()).isTrue();
        assertThat(access.channelsEditable()).isTrue();
        assertThat(access.teamVisible()).isFalse();
        assertThat(access.rolesVisible()).isFalse();
        assertThat(access.auditVisible()).isFalse();
    }

    @Test
    void aRoleManagerWithoutTeamViewStillSeesTheRoles() {
        AdminAccess access = AdminAccess.of(EnumSet.of(Permission.ROLE_MANAGE));

        assertThat(access.rolesVisible()).isTrue();
        assertThat(access.rolesEditable()).isTrue();
        assertThat(access.teamVisible()).isFalse();
    }

    @Test
    void permissionsUnknownToThisAppAreIgnored() {
        Set<Permission> fromANewerServer = new HashSet<>(BuiltInRole.SUPERVISOR.permissions());
        fromANewerServer.add(null);

        assertThat(AdminAccess.of(fromANewerServer).teamVisible()).isTrue();
    }
}
