package id.orqestra.cloud.tenant;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** bcrypt, cost 12 (about a quarter of a second here): slow enough to hurt guessing, quick enough for sign-in. */
@Singleton
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder;

    public PasswordHasher(@io.micronaut.context.annotation.Value("${orqestra.auth.bcrypt-cost:12}") int cost) {
        this.encoder = new BCryptPasswordEncoder(cost);
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && encoder.matches(password, hash);
    }
}
