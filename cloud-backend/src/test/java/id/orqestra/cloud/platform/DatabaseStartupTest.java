package id.orqestra.cloud.platform;

import id.orqestra.cloud.platform.config.StartupFailure;
import io.micronaut.context.ApplicationContext;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no datasource the backend runs its own PostgreSQL in the data directory; a wrong one stops it with one sentence. */
class DatabaseStartupTest {

    @Test
    void theEmbeddedDatabaseKeepsItsDataBetweenStarts(@TempDir Path dataDir) {
        Map<String, Object> settings = Map.of("orqestra.data-dir", dataDir.toString(), "micronaut.server.port", -1,
                "orqestra.ingest.workers", 0);
        try (ApplicationContext first = ApplicationContext.run(settings)) {
            first.getBean(Jdbi.class).useHandle(h -> h.execute("INSERT INTO organizations (name, slug) VALUES ('Kept', 'kept')"));
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        try (ApplicationContext second = ApplicationContext.run(settings)) {
            String name = second.getBean(Jdbi.class).withHandle(h -> h.createQuery(
                    "SELECT name FROM organizations WHERE slug = 'kept'").mapTo(String.class).one());
            assertThat(name).isEqualTo("Kept");
        }
    }

    @Test
    void aWrongDatasourceStopsStartupWithOneSentenceNamingTheSetting(@TempDir Path dataDir) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("orqestra.data-dir", dataDir.toString(),
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/nowhere")))
                .satisfies(e -> {
                    StartupFailure failure = StartupFailure.findIn(e);
                    assertThat(failure).isNotNull();
                    assertThat(failure.getMessage())
                            .contains("DATASOURCES_DEFAULT_URL")
                            .contains("jdbc:postgresql://127.0.0.1:1/nowhere")
                            .doesNotContain("\n");
                });
    }

    @Test
    void aPasswordInTheDatasourceUrlIsNotRepeatedInTheError(@TempDir Path dataDir) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("orqestra.data-dir", dataDir.toString(),
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=S3cretPW&ssl=false")))
                .satisfies(e -> assertThat(StartupFailure.findIn(e).getMessage())
                        .contains("jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=***&ssl=false")
                        .doesNotContain("S3cretPW"));
    }
}
