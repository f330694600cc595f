package id.orqestra.cloud.tenant;

import id.orqestra.cloud.platform.config.StartupFailure;
import id.orqestra.cloud.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform administrator's password from configuration obeys the same minimum length as a team member's. */
class PlatformAdminPasswordTest {

    @Test
    void aShortPlatformAdminPasswordStopsStartupWithOneSentenceNamingTheSetting(@TempDir Path dataDir) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "datasources.default.url", TestPostgres.freshDatabaseUrl(),
                "datasources.default.username", "postgres",
                "orqestra.data-dir", dataDir.toString(),
                "orqestra.ingest.workers", 0,
                "orqestra.platform-admin.email", "ops@platform.test",
                "orqestra.platform-admin.password", "short1")))
                .satisfies(e -> {
                    StartupFailure failure = StartupFailure.findIn(e);
                    assertThat(failure).isNotNull();
                    assertThat(failure.getMessage())
                            .isEqualTo("ORQESTRA_PLATFORM_ADMIN_PASSWORD must be at least 10 characters long (it has 6)");
                });
    }
}
