package id.orqestra.desktop.admin;

import id.orqestra.model.tenant.Permission;

import java.util.Arrays;
import java.util.List;

/** The areas the 31 permissions fall into, in the order the roles grid shows them. */
public enum PermissionArea {
    INBOX("Inbox"),
    CONTACTS("Contacts"),
    BROADCASTS("Broadcasts"),
    TEMPLATES("Templates"),
    FLOWS("Flows"),
    AI("AI"),
    COMMENTS("Comments"),
    CHANNELS("Channels"),
    TEAM("Team"),
    ANALYTICS("Analytics"),
    BILLING("Billing"),
    ORGANIZATION("Organization");

    private final String label;

    PermissionArea(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The permissions of this area, in their declared order. */
    public List<Permission> permissions() {
        return Arrays.stream(Permission.values()).filter(p -> of(p) == this).toList();
    }

    public static PermissionArea of(Permission permission) {
        return switch (permission) {
            case INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED, INBOX_REPLY, INBOX_ASSIGN, INBOX_RESOLVE, INBOX_NOTE, INBOX_LABEL -> INBOX;
            case CONTACT_VIEW, CONTACT_EDIT, CONTACT_DELETE, CONTACT_IMPORT_EXPORT -> CONTACTS;
            case BROADCAST_VIEW, BROADCAST_MANAGE, BROADCAST_SEND -> BROADCASTS;
            case TEMPLATE_VIEW, TEMPLATE_MANAGE -> TEMPLATES;
            case FLOW_VIEW, FLOW_EDIT, FLOW_PUBLISH -> FLOWS;
            case AI_USE, AI_CONFIGURE, KNOWLEDGE_MANAGE -> AI;
            case COMMENT_MODERATE -> COMMENTS;
            case CHANNEL_VIEW, CHANNEL_MANAGE -> CHANNELS;
            case TEAM_VIEW, TEAM_MANAGE, ROLE_MANAGE -> TEAM;
            case ANALYTICS_VIEW -> ANALYTICS;
            case BILLING_MANAGE -> BILLING;
            case ORG_SETTINGS -> ORGANIZATION;
        };
    }
}
