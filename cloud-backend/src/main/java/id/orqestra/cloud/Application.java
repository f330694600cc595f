package id.orqestra.cloud;

import id.orqestra.cloud.platform.config.StartupFailure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * Starts the backend. Startup is driven here rather than through {@code Micronaut.run} so that a
 * configuration mistake (an unreachable database, say) ends the process with one sentence naming the
 * setting instead of a page of stack trace.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("orqestra server: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            ApplicationContext context = ApplicationContext.builder(Application.class)
                    .environments(options.environments())
                    .properties(options.properties())
                    .banner(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (context.isRunning()) {
                    context.close();
                }
            }, "orqestra-shutdown"));
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            org.slf4j.LoggerFactory.getLogger(Application.class)
                    .info("Orqestra backend listening on {}", server.getURL());
        } catch (RuntimeException e) {
            StartupFailure failure = StartupFailure.findIn(e);
            if (failure == null) {
                throw e;
            }
            System.err.println("orqestra server: " + failure.getMessage());
            System.exit(1);
        }
    }
}
