package id.orqestra.desktop.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StartupOptionsTest {

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/dewi");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void withNothingSetTheFilesLiveInTheHomeFolder() {
        StartupOptions options = StartupOptions.from(Map.of(), properties());

        assertThat(options.desktopDirectory()).isEqualTo(Path.of("/home/dewi/.orqestra/desktop"));
        assertThat(options.serverUrlOverride()).isEmpty();
    }

    @Test
    void theEnvironmentChoosesTheFolderAndServer() {
        StartupOptions options = StartupOptions.from(
                Map.of("ORQESTRA_DESKTOP_DIR", "/srv/orqestra-desktop", "ORQESTRA_SERVER_URL", " http://demo:8080 "),
                properties());

        assertThat(options.desktopDirectory()).isEqualTo(Path.of("/srv/orqestra-desktop"));
        assertThat(options.serverUrlOverride()).contains("http://demo:8080");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        StartupOptions options = StartupOptions.from(
                Map.of("ORQESTRA_SERVER_URL", "http://from-env:8080"),
                properties("ORQESTRA_SERVER_URL", "http://from-property:8080"));

        assertThat(options.serverUrlOverride()).contains("http://from-property:8080");
    }

    @Test
    void theServerOfferedIsConfiguredThenRememberedThenTheLocalDefault() {
        DesktopSettings remembered = new DesktopSettings("https://remembered.example.com", "", Theme.LIGHT);
        StartupOptions configured = new StartupOptions(Path.of("/tmp"), Optional.of("http://demo:8080"));
        StartupOptions plain = new StartupOptions(Path.of("/tmp"), Optional.empty());

        assertThat(configured.initialServerUrl(remembered)).isEqualTo("http://demo:8080");
        assertThat(plain.initialServerUrl(remembered)).isEqualTo("https://remembered.example.com");
        assertThat(plain.initialServerUrl(DesktopSettings.defaults())).isEqualTo("http://localhost:8080");
    }
}
