package id.orqestra.cloud.platform.db;

import id.orqestra.cloud.platform.config.DataDirectory;
import id.orqestra.cloud.platform.config.StartupFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server this backend talks to: the one named in {@code datasources.default.url}, or
 * else an embedded one started here. Checked at startup so that a wrong setting stops the server with
 * one sentence naming it.
 */
@Singleton
public class DatabaseServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final String URL_SETTING = "datasources.default.url (DATASOURCES_DEFAULT_URL)";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private EmbeddedPostgresServer embedded;

    public DatabaseServer(DatabaseSettings settings, DataDirectory dataDirectory) {
        if (settings.external()) {
            jdbcUrl = settings.url();
            username = blankToNull(settings.username());
            password = blankToNull(settings.password());
            checkReachable();
            LOG.info("Database: PostgreSQL at {} (from datasources.default.url)", withoutPassword(jdbcUrl));
        } else {
            embedded = EmbeddedPostgresServer.start(dataDirectory.folder("postgres"));
            jdbcUrl = embedded.jdbcUrl();
            username = "postgres";
            password = null;
            LOG.info("Database: embedded PostgreSQL on port {}, data in {} ({}); set DATASOURCES_DEFAULT_URL to use another server",
                    embedded.port(), embedded.dataDirectory(), embedded.created() ? "new cluster" : "existing data reused");
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean embedded() {
        return embedded != null;
    }

    private void checkReachable() {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, username, password)) {
            // reachable, and the credentials work
        } catch (SQLException e) {
            throw new StartupFailure("Cannot connect to the database set in " + URL_SETTING + " = " + withoutPassword(jdbcUrl)
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The URL as it may be logged: a password given in it ({@code ?password=…}) is masked. */
    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @PreDestroy
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
