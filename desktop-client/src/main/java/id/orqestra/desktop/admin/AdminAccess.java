package id.orqestra.desktop.admin;

import id.orqestra.model.tenant.Permission;

import java.util.EnumSet;
import java.util.Set;

import static id.orqestra.model.tenant.Permission.CHANNEL_MANAGE;
import static id.orqestra.model.tenant.Permission.CHANNEL_VIEW;
import static id.orqestra.model.tenant.Permission.INBOX_ASSIGN;
import static id.orqestra.model.tenant.Permission.ORG_SETTINGS;
import static id.orqestra.model.tenant.Permission.ROLE_MANAGE;
import static id.orqestra.model.tenant.Permission.TEAM_MANAGE;
import static id.orqestra.model.tenant.Permission.TEAM_VIEW;
import static id.orqestra.model.tenant.Permission.TEMPLATE_VIEW;

/**
 * What of the admin area a person may see and change, from the permissions of their session. The
 * server enforces the same rules; this only keeps people from meeting buttons that would be refused.
 *
 * <p>The area itself opens for those who administer something (team, roles, channels, organization
 * settings) or who lead the team's work ({@code team.view} together with {@code inbox.assign}, as
 * supervisors). Agents also hold {@code team.view} and {@code channel.view}, but only so that the inbox
 * can name colleagues and channels; on their own those do not open the admin area.
 */
public record AdminAccess(
        boolean teamVisible,
        boolean teamEditable,
        boolean rolesVisible,
        boolean rolesEditable,
        boolean channelsVisible,
        boolean channelsEditable,
        boolean noticesVisible,
        boolean auditVisible,
        Set<Permission> held) {

    public AdminAccess {
        held = held.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(held));
    }

    public static AdminAccess of(Set<Permission> permissions) {
        Set<Permission> held = permissions == null ? Set.of() : permissions.stream()
                .filter(p -> p != null)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        boolean administers = held.contains(TEAM_MANAGE) || held.contains(ROLE_MANAGE) || held.contains(CHANNEL_MANAGE)
                || held.contains(ORG_SETTINGS);
        boolean leadsTeam = held.contains(TEAM_VIEW) && held.contains(INBOX_ASSIGN);
        if (!administers && !leadsTeam) {
            return new AdminAccess(false, false, false, false, false, false, false, false, held);
        }
        boolean teamVisible = held.contains(TEAM_VIEW);
        // listing roles needs team.view or role.manage (the server's rule for GET /roles)
        boolean rolesVisible = teamVisible || held.contains(ROLE_MANAGE);
        boolean channelsVisible = held.contains(CHANNEL_VIEW) || held.contains(CHANNEL_MANAGE);
        return new AdminAccess(
                teamVisible,
                teamVisible && held.contains(TEAM_MANAGE),
                rolesVisible,
                held.contains(ROLE_MANAGE),
                channelsVisible,
                channelsVisible && held.contains(CHANNEL_MANAGE),
                held.contains(CHANNEL_VIEW) || held.contains(TEMPLATE_VIEW),
                held.contains(ORG_SETTINGS),
                held);
    }

    /** Whether the shell shows the Admin entry at all. */
    public boolean anyVisible() {
        return teamVisible || rolesVisible || channelsVisible || auditVisible;
    }

    /** Whether this person holds every permission of a role, and so may hand that role to someone. */
    public boolean mayGrant(Set<Permission> rolePermissions) {
        return held.containsAll(rolePermissions);
    }
}
