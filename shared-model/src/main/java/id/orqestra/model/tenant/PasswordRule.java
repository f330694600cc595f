package id.orqestra.model.tenant;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a new password must be, one copy for the server (which enforces it) and the desktop (which says
 * it at the field). The upper bound is bcrypt's: it reads only the first 72 bytes of a password, and
 * the hasher refuses longer ones rather than silently ignoring the rest.
 */
public final class PasswordRule {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private PasswordRule() {
    }

    /** Why {@code password} cannot be used, or empty; {@code email} (may be null) must not be the password. */
    public static Optional<String> problem(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Choose a shorter password: at most " + MAX_BYTES + " plain letters, digits or signs "
                    + "(accented letters and emoji count as two to four).");
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            return Optional.of("Choose a password that is not your email address.");
        }
        return Optional.empty();
    }
}
