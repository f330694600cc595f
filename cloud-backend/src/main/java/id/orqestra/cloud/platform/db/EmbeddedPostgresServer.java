package id.orqestra.cloud.platform.db;

import id.orqestra.cloud.platform.config.StartupFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL run by the backend itself, so that a fresh machine needs no database server. The cluster
 * lives in a folder that survives restarts; only the first start runs initdb.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "orqestra";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean created;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean created) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.created = created;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory) {
        boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // the library turns this off by default; a webhook acknowledged to Meta must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "128MB")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, fresh);
            server.ensureDatabase();
            return server;
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("Cannot start the embedded PostgreSQL in " + dataDirectory
                    + " (is another Orqestra server using this ORQESTRA_DATA_DIR?): " + rootMessage(e), e);
        }
    }

    private void ensureDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new StartupFailure("Cannot create the database '" + DATABASE + "' in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True when this start initialised a new cluster rather than reusing an existing one. */
    public boolean created() {
        return created;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
