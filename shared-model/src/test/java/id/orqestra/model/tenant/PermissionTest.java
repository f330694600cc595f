package id.orqestra.model.tenant;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionTest {

    /** The names DESIGN.md publishes; other tools rely on them. */
    static final String[] PUBLISHED = ("inbox.view.all inbox.view.assigned inbox.reply inbox.assign inbox.resolve inbox.note "
            + "inbox.label contact.view contact.edit contact.delete contact.import_export broadcast.view broadcast.manage "
            + "broadcast.send template.view template.manage flow.view flow.edit flow.publish ai.use ai.configure "
            + "knowledge.manage comment.moderate channel.view channel.manage team.view team.manage role.manage "
            + "analytics.view billing.manage org.settings").split(" ");

    @Test
    void thereAreExactlyThePublished31() {
        assertThat(Permission.values()).hasSize(31);
        assertThat(Arrays.stream(Permission.values()).map(Permission::key)).containsExactly(PUBLISHED);
    }

    @Test
    void aNameReadsBackAndAnUnknownOneIsRefusedOrIgnoredOnTheWire() {
        assertThat(Permission.fromKey("inbox.reply")).isEqualTo(Permission.INBOX_REPLY);
        assertThatThrownBy(() -> Permission.fromKey("inbox.everything")).hasMessageContaining("inbox.everything");
        assertThat(Permission.fromWire("a.permission.from.the.future")).isNull();
    }

    @Test
    void builtInRolesAreAsDesigned() {
        assertThat(BuiltInRole.OWNER.permissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(BuiltInRole.ADMIN.permissions()).isEqualTo(EnumSet.complementOf(EnumSet.of(Permission.BILLING_MANAGE)));
        assertThat(BuiltInRole.AGENT.permissions()).contains(Permission.INBOX_VIEW_ASSIGNED, Permission.INBOX_REPLY)
                .doesNotContain(Permission.INBOX_VIEW_ALL, Permission.TEAM_MANAGE);
        assertThat(BuiltInRole.ANALYST.permissions()).contains(Permission.ANALYTICS_VIEW).doesNotContain(Permission.INBOX_REPLY);
    }
}
