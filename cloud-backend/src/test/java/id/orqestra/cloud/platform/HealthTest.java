package id.orqestra.cloud.platform;

import id.orqestra.cloud.testing.TestPostgres;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("datasources.default.url", TestPostgres.freshDatabaseUrl(),
                "datasources.default.username", "postgres");
    }

    @Test
    void healthIsUpWithTheDatabaseReachable() {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = client.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
        assertThat(body).containsEntry("status", "UP");
        assertThat(body.toString()).contains("database");
    }
}
