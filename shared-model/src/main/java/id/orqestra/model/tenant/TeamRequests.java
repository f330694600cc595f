package id.orqestra.model.tenant;

import java.time.Instant;
import java.util.Set;

/** Bodies and answers of the team, role and invitation endpoints. */
public final class TeamRequests {

    private TeamRequests() {
    }

    /** {@code POST /api/v1/team/invitations}. */
    public record InviteRequest(String email, String name, long roleId) {
        public static InviteRequest example() {
            return new InviteRequest("new.agent@example.com", "New Agent", 1);
        }
    }

    /**
     * The answer to an invitation: until email delivery exists the inviting admin receives the one-time
     * token and passes it on.
     */
    public record Invitation(long userId, String email, String token, Instant expiresAt) {
    }

    /** {@code POST /api/v1/auth/invitations/accept}. */
    public record AcceptInvitationRequest(String token, String name, String password) {
        public static AcceptInvitationRequest example() {
            return new AcceptInvitationRequest("not-a-real-token", "Agent", "a long enough password");
        }
    }

    /** {@code PATCH /api/v1/team/users/{id}}: either or both. */
    public record UpdateUserRequest(Long roleId, Boolean active) {
        public static UpdateUserRequest example() {
            return new UpdateUserRequest(null, Boolean.TRUE);
        }
    }

    /** {@code POST /api/v1/roles} and {@code PUT /api/v1/roles/{id}}. */
    public record RoleRequest(String name, Set<Permission> permissions) {
        public static RoleRequest example() {
            return new RoleRequest("Night shift", Set.of(Permission.INBOX_VIEW_ASSIGNED, Permission.INBOX_REPLY));
        }
    }
}
