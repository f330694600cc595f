package id.orqestra.cloud.platform.db;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports DOWN on /health when the database does not answer a trivial query within two seconds. */
@Singleton
public class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DataSource dataSource;
    private final DatabaseServer server;

    public DatabaseHealthIndicator(DataSource dataSource, DatabaseServer server) {
        this.dataSource = dataSource;
        this.server = server;
    }

    @Override
    protected String getName() {
        return "database";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", server.embedded() ? "embedded" : "external");
        try (Connection c = dataSource.getConnection()) {
            healthStatus = c.isValid(2) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", String.valueOf(e.getMessage()));
        }
        return details;
    }
}
