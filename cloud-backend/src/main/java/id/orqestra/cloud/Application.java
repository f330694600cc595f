package id.orqestra.cloud;

import id.orqestra.cloud.platform.config.StartupProblems;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the backend. Startup is driven here rather than through {@code Micronaut.run} so that a
 * configuration mistake (an unreachable database, a busy port, a wrong setting) ends the process with
 * one sentence naming the setting instead of a page of stack trace.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            exit(2, e.getMessage());
            return;
        }
        // checked here, before the database starts, so a typo costs nothing and reads as one line
        String portProblem = StartupProblems.portSettingProblem(StartupProblems.portFromEnvironment());
        if (portProblem != null) {
            exit(2, portProblem);
            return;
        }
        for (String folder : options.fixtureDirs()) {
            if (!Files.isDirectory(Path.of(folder))) {
                exit(2, "--fixtures " + folder + ": no such folder");
                return;
            }
        }
        ApplicationContext context = ApplicationContext.builder(Application.class)
                .environments(options.environments())
                .properties(options.properties())
                .banner(false)
                .build();
        String port = null;
        try {
            context.start();
            port = StartupProblems.configuredPort(context.getEnvironment());
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
            String problem = StartupProblems.describe(e,
                    port != null ? port : StartupProblems.configuredPort(context.getEnvironment()));
            if (problem == null) {
                throw e;
            }
            stopQuietly(context); // the embedded PostgreSQL may already be running
            exit(1, problem);
        }
    }

    private static void stopQuietly(ApplicationContext context) {
        try {
            if (context.isRunning()) {
                context.close();
            }
        } catch (RuntimeException ignored) {
            // the one-line reason is what matters; a second failure while stopping would only bury it
        }
    }

    private static void exit(int status, String problem) {
        System.err.println("orqestra server: " + problem);
        System.exit(status);
    }
}
