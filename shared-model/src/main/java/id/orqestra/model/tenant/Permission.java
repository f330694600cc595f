package id.orqestra.model.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 31 permissions a role can grant. Their dotted names are the stable form on the wire and in the database. */
public enum Permission {
    INBOX_VIEW_ALL("inbox.view.all", "See every conversation"),
    INBOX_VIEW_ASSIGNED("inbox.view.assigned", "See conversations assigned to me"),
    INBOX_REPLY("inbox.reply", "Reply to customers"),
    INBOX_ASSIGN("inbox.assign", "Assign conversations"),
    INBOX_RESOLVE("inbox.resolve", "Resolve and reopen conversations"),
    INBOX_NOTE("inbox.note", "Write private notes"),
    INBOX_LABEL("inbox.label", "Label conversations"),
    CONTACT_VIEW("contact.view", "See contacts"),
    CONTACT_EDIT("contact.edit", "Edit contacts"),
    CONTACT_DELETE("contact.delete", "Delete contacts"),
    CONTACT_IMPORT_EXPORT("contact.import_export", "Import and export contacts"),
    BROADCAST_VIEW("broadcast.view", "See broadcasts"),
    BROADCAST_MANAGE("broadcast.manage", "Create and edit broadcasts"),
    BROADCAST_SEND("broadcast.send", "Send broadcasts"),
    TEMPLATE_VIEW("template.view", "See message templates"),
    TEMPLATE_MANAGE("template.manage", "Manage message templates"),
    FLOW_VIEW("flow.view", "See conversation flows"),
    FLOW_EDIT("flow.edit", "Edit conversation flows"),
    FLOW_PUBLISH("flow.publish", "Publish conversation flows"),
    AI_USE("ai.use", "Use AI replies"),
    AI_CONFIGURE("ai.configure", "Configure AI providers"),
    KNOWLEDGE_MANAGE("knowledge.manage", "Manage the knowledge base"),
    COMMENT_MODERATE("comment.moderate", "Moderate Instagram comments"),
    CHANNEL_VIEW("channel.view", "See channels"),
    CHANNEL_MANAGE("channel.manage", "Connect and configure channels"),
    TEAM_VIEW("team.view", "See the team"),
    TEAM_MANAGE("team.manage", "Invite and manage team members"),
    ROLE_MANAGE("role.manage", "Manage roles"),
    ANALYTICS_VIEW("analytics.view", "See analytics"),
    BILLING_MANAGE("billing.manage", "Manage plan, credits and payments"),
    ORG_SETTINGS("org.settings", "Change organization settings and read the audit log");

    private static final Map<String, Permission> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::key, Function.identity()));

    private final String key;
    private final String description;

    Permission(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The dotted name, e.g. {@code inbox.reply}. */
    @JsonValue
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /**
     * Reading from the wire: an unknown name (say, a permission a newer server introduced) becomes
     * null, so an older client keeps working and simply does not offer what it does not know.
     */
    @JsonCreator
    public static Permission fromWire(String key) {
        return BY_NAME.get(key);
    }

    /** The permission with this dotted name; a clear error for any other string. */
    public static Permission fromKey(String key) {
        Permission permission = BY_NAME.get(key);
        if (permission == null) {
            throw new IllegalArgumentException("Unknown permission '" + key + "'");
        }
        return permission;
    }
}
