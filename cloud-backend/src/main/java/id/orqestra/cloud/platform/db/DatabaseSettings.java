package id.orqestra.cloud.platform.db;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The datasource as configured ({@code datasources.default.*}, or the environment variables
 * {@code DATASOURCES_DEFAULT_URL}, {@code _USERNAME}, {@code _PASSWORD}). With no URL the backend
 * runs its own embedded PostgreSQL.
 */
@Singleton
public record DatabaseSettings(
        @Value("${datasources.default.url:}") String url,
        @Value("${datasources.default.username:}") String username,
        @Value("${datasources.default.password:}") String password,
        @Value("${datasources.default.maximum-pool-size:20}") int maximumPoolSize) {

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
