package id.orqestra.model.tenant;

import java.util.EnumSet;
import java.util.Set;

import static id.orqestra.model.tenant.Permission.*;

/** The roles every organization starts with. Custom roles are any other set of permissions. */
public enum BuiltInRole {
    OWNER("Owner", EnumSet.allOf(Permission.class)),
    ADMIN("Admin", EnumSet.complementOf(EnumSet.of(BILLING_MANAGE))),
    SUPERVISOR("Supervisor", EnumSet.of(
            INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED, INBOX_REPLY, INBOX_ASSIGN, INBOX_RESOLVE, INBOX_NOTE, INBOX_LABEL,
            CONTACT_VIEW, CONTACT_EDIT, CONTACT_IMPORT_EXPORT, BROADCAST_VIEW, BROADCAST_MANAGE, BROADCAST_SEND,
            TEMPLATE_VIEW, FLOW_VIEW, AI_USE, COMMENT_MODERATE, CHANNEL_VIEW, TEAM_VIEW, ANALYTICS_VIEW)),
    AGENT("Agent", EnumSet.of(
            INBOX_VIEW_ASSIGNED, INBOX_REPLY, INBOX_RESOLVE, INBOX_NOTE, INBOX_LABEL,
            CONTACT_VIEW, CONTACT_EDIT, TEMPLATE_VIEW, AI_USE, CHANNEL_VIEW, TEAM_VIEW)),
    ANALYST("Analyst", EnumSet.of(
            INBOX_VIEW_ALL, CONTACT_VIEW, BROADCAST_VIEW, TEMPLATE_VIEW, FLOW_VIEW, CHANNEL_VIEW, TEAM_VIEW,
            ANALYTICS_VIEW));

    private final String displayName;
    private final Set<Permission> permissions;

    BuiltInRole(String displayName, Set<Permission> permissions) {
        this.displayName = displayName;
        this.permissions = Set.copyOf(permissions);
    }

    public String displayName() {
        return displayName;
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
