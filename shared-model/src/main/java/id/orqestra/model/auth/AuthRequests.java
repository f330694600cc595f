package id.orqestra.model.auth;

/** Bodies of the session endpoints besides sign-in. */
public final class AuthRequests {

    private AuthRequests() {
    }

    /** {@code POST /api/v1/auth/refresh} and {@code /logout}: the refresh token is rotated on every use. */
    public record RefreshRequest(String refreshToken) {
        public static RefreshRequest example() {
            return new RefreshRequest("not-a-real-refresh-token");
        }
    }

    /** {@code POST /api/v1/auth/password}. */
    public record PasswordChangeRequest(String currentPassword, String newPassword) {
        public static PasswordChangeRequest example() {
            return new PasswordChangeRequest("wrong current password", "a brand new password");
        }
    }
}
