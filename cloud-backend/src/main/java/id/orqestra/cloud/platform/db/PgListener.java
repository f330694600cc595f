package id.orqestra.cloud.platform.db;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One LISTEN connection per backend instance, shared by everything that wants PostgreSQL
 * notifications (journal workers, the sync fan-out). It reconnects after a failure and then calls
 * every handler with a null payload, since notifications sent while it was away are lost and the
 * handlers must look for themselves.
 */
@Context
public class PgListener {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);

    private final DatabaseServer server;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public PgListener(DatabaseServer server) {
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("pg-listener").unstarted(this::run);
        this.thread.start();
    }

    /** Calls {@code handler} with each notification's payload on {@code channel} (null after a reconnect). */
    public void listen(String channel, Consumer<String> handler) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Channel names are lower-case words: " + channel);
        }
        boolean first = handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).isEmpty();
        handlers.get(channel).add(handler);
        Connection current = connection;
        if (first && current != null) {
            try (Statement s = current.createStatement()) {
                s.execute("LISTEN " + channel);
            } catch (SQLException e) {
                LOG.debug("LISTEN {} failed; it is issued again on reconnect", channel, e);
            }
        }
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
                try (Statement s = c.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                connection = c;
                backoffMillis = 100;
                handlers.values().forEach(list -> list.forEach(h -> h.accept(null)));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        for (Consumer<String> handler : handlers.getOrDefault(n.getName(), List.of())) {
                            try {
                                handler.accept(n.getParameter());
                            } catch (RuntimeException e) {
                                LOG.warn("Handler for notification {} failed", n.getName(), e);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                connection = null;
                if (!running) {
                    return;
                }
                LOG.warn("Lost the database notification connection ({}); reconnecting", e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}
