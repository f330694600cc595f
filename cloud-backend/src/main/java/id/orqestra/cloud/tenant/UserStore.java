package id.orqestra.cloud.tenant;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Locale;
import java.util.Optional;

/** Users of an organization. Passwords are stored only as bcrypt hashes. */
@Singleton
public class UserStore {

    private final PasswordHasher hasher;

    public UserStore(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    public Optional<Long> findByEmail(Handle h, String email) {
        return h.createQuery("SELECT id FROM users WHERE email = :email")
                .bind("email", normaliseEmail(email)).mapTo(Long.class).findOne();
    }

    public long create(Handle h, long orgId, String email, String name, String password, long roleId) {
        return h.createQuery("""
                        INSERT INTO users (org_id, email, name, password_hash, role_id)
                        VALUES (:org, :email, :name, :hash, :role) RETURNING id
                        """)
                .bind("org", orgId)
                .bind("email", normaliseEmail(email))
                .bind("name", name)
                .bind("hash", password == null ? null : hasher.hash(password))
                .bind("role", roleId)
                .mapTo(Long.class)
                .one();
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
