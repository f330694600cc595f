package id.orqestra.cloud.inbox;

import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.model.tenant.Permission;

/**
 * Which conversations a member may see: all of them with {@code inbox.view.all}, only those assigned
 * to them with {@code inbox.view.assigned}, none otherwise. One rule for lists, reads, actions and the
 * sync feed.
 */
public record Visibility(long orgId, long userId, boolean all, boolean assigned) {

    public static Visibility of(Principal.Member member) {
        return new Visibility(member.orgId(), member.userId(), member.has(Permission.INBOX_VIEW_ALL),
                member.has(Permission.INBOX_VIEW_ASSIGNED));
    }

    public boolean seesAny() {
        return all || assigned;
    }

    public boolean sees(Long assigneeUserId) {
        return all || (assigned && assigneeUserId != null && assigneeUserId == userId);
    }

    /** SQL condition on a conversations row aliased {@code c}; bind {@code :viewer}. */
    public String condition() {
        if (all) {
            return "TRUE";
        }
        return assigned ? "c.assignee_user_id = :viewer" : "FALSE";
    }
}
