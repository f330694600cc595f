package id.orqestra.cloud.platform;

import id.orqestra.cloud.platform.config.StartupProblems;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A busy port or a port that is not a number stops the server with one line naming the setting. */
class ServerStartupTest {

    @Test
    void aPortInUseIsNamedWithTheSettingThatMovesIt(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            String problem = startupProblem(settings(dataDir, String.valueOf(port)));
            assertThat(problem).isEqualTo("port " + port + " is already in use; stop that server or set MICRONAUT_SERVER_PORT");
        }
    }

    @Test
    void aPortThatIsNotANumberIsNamedWithTheSetting(@TempDir Path dataDir) {
        String problem = startupProblem(settings(dataDir, "abc"));
        assertThat(problem).startsWith("MICRONAUT_SERVER_PORT must be a port number").endsWith("not \"abc\"")
                .doesNotContain("\n");
    }

    @Test
    void aPortOutOfRangeIsRefusedBeforeAnythingStarts() {
        assertThat(StartupProblems.portSettingProblem("99999"))
                .isEqualTo("MICRONAUT_SERVER_PORT must be a port number (1-65535, or -1 for any free port), not \"99999\"");
        assertThat(StartupProblems.portSettingProblem("-5")).endsWith("not \"-5\"");
        assertThat(StartupProblems.portSettingProblem(" 8080 ")).isNull();
        assertThat(StartupProblems.portSettingProblem("-1")).isNull();
        assertThat(StartupProblems.portSettingProblem(null)).isNull();
    }

    private static Map<String, Object> settings(Path dataDir, String port) {
        return Map.of("orqestra.data-dir", dataDir.toString(), "micronaut.server.port", port,
                "orqestra.ingest.workers", 0);
    }

    /** Starts the way Application does and returns the one line it would print. */
    private static String startupProblem(Map<String, Object> settings) {
        ApplicationContext context = ApplicationContext.builder().properties(settings).build();
        String port = null;
        try {
            context.start();
            port = StartupProblems.configuredPort(context.getEnvironment());
            context.getBean(EmbeddedServer.class).start();
            return fail("the server started");
        } catch (RuntimeException e) {
            return StartupProblems.describe(e, port != null ? port : StartupProblems.configuredPort(context.getEnvironment()));
        } finally {
            if (context.isRunning()) {
                context.close();
            }
        }
    }
}
