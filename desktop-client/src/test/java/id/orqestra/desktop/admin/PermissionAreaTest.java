package id.orqestra.desktop.admin;

import id.orqestra.model.tenant.Permission;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionAreaTest {

    @Test
    void everyPermissionIsInTheGridOnceUnderItsArea() {
        List<Permission> inGrid = RolesViewModel.GRID_ROWS.stream()
                .filter(row -> row instanceof RolesViewModel.PermissionRow)
                .map(row -> ((RolesViewModel.PermissionRow) row).permission())
                .toList();

        assertThat(inGrid).hasSize(31).containsExactlyInAnyOrder(Permission.values());
        assertThat(RolesViewModel.GRID_ROWS).hasSize(31 + PermissionArea.values().length);
    }

    @Test
    void theAreasComeInTheAgreedOrder() {
        assertThat(Arrays.stream(PermissionArea.values()).map(PermissionArea::label)).containsExactly(
                "Inbox", "Contacts", "Broadcasts", "Templates", "Flows", "AI", "Comments", "Channels", "Team",
                "Analytics", "Billing", "Organization");
    }

    @Test
    void permissionsLandInTheAreaTheirNameSuggests() {
        assertThat(PermissionArea.INBOX.permissions()).hasSize(7).allMatch(p -> p.key().startsWith("inbox."));
        assertThat(PermissionArea.AI.permissions()).containsExactly(Permission.AI_USE, Permission.AI_CONFIGURE,
                Permission.KNOWLEDGE_MANAGE);
        assertThat(PermissionArea.TEAM.permissions()).containsExactly(Permission.TEAM_VIEW, Permission.TEAM_MANAGE,
                Permission.ROLE_MANAGE);
        assertThat(PermissionArea.ORGANIZATION.permissions()).containsExactly(Permission.ORG_SETTINGS);
    }
}
