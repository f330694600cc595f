package id.orqestra.model.auth;

/** Body of {@code POST /api/v1/auth/login}. */
public record LoginRequest(String email, String password) {
    public static LoginRequest example() {
        return new LoginRequest("nobody@example.com", "not the password");
    }
}
