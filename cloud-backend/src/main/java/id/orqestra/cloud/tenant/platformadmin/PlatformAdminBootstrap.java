package id.orqestra.cloud.tenant.platformadmin;

import id.orqestra.cloud.platform.config.StartupFailure;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.tenant.PasswordHasher;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.model.tenant.PasswordRule;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform administrator named in configuration ({@code ORQESTRA_PLATFORM_ADMIN_EMAIL}
 * and {@code ORQESTRA_PLATFORM_ADMIN_PASSWORD}) at startup, or updates their password when it changed.
 */
@Context
public class PlatformAdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAdminBootstrap.class);

    public PlatformAdminBootstrap(Tx tx, PasswordHasher hasher,
                                  @Value("${orqestra.platform-admin.email:}") String email,
                                  @Value("${orqestra.platform-admin.password:}") String password) {
        if (email.isBlank() || password.isBlank()) {
            return;
        }
        // the operator can do more than any team member, so their password obeys at least the same rule
        if (password.length() < PasswordRule.MIN_LENGTH) {
            throw new StartupFailure("ORQESTRA_PLATFORM_ADMIN_PASSWORD must be at least "
                    + PasswordRule.MIN_LENGTH + " characters long (it has " + password.length() + ")");
        }
        int bytes = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > PasswordRule.MAX_BYTES) {
            throw new StartupFailure("ORQESTRA_PLATFORM_ADMIN_PASSWORD must be at most " + PasswordRule.MAX_BYTES
                    + " bytes long (it has " + bytes + ")");
        }
        String normalised = UserStore.normaliseEmail(email);
        tx.system(h -> {
            String existing = h.createQuery("SELECT password_hash FROM platform_admins WHERE email = :email")
                    .bind("email", normalised).mapTo(String.class).findOne().orElse(null);
            if (existing == null) {
                h.createUpdate("INSERT INTO platform_admins (email, password_hash) VALUES (:email, :hash)")
                        .bind("email", normalised).bind("hash", hasher.hash(password)).execute();
                LOG.info("Platform administrator {} created", normalised);
            } else if (!hasher.matches(password, existing)) {
                h.createUpdate("UPDATE platform_admins SET password_hash = :hash WHERE email = :email")
                        .bind("email", normalised).bind("hash", hasher.hash(password)).execute();
                LOG.info("Platform administrator {}: password updated from configuration", normalised);
            }
            return null;
        });
    }
}
