package id.orqestra.cloud.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import id.orqestra.cloud.platform.config.StartupFailure;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The one connection pool of the backend, created eagerly at startup and migrated with Flyway before
 * anything else can use it.
 */
@Factory
public class DatabaseFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);

    @Context
    @Bean(preDestroy = "close")
    public HikariDataSource dataSource(DatabaseServer server, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orqestra");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    @Bean
    @jakarta.inject.Singleton
    public Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    }

    private static void migrate(DataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Database schema migrated to version {} ({} migrations applied)",
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
        } catch (FlywayException e) {
            throw new StartupFailure("Database migration failed: " + e.getMessage(), e);
        }
    }
}
