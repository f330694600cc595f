package id.orqestra.desktop.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsStoreTest {

    @TempDir
    Path directory;

    @Test
    void aFirstRunHasDefaults() {
        assertThat(new SettingsStore(directory).load()).isEqualTo(DesktopSettings.defaults());
    }

    @Test
    void remembersServerEmailAndThemeAcrossRuns() {
        Path nested = directory.resolve("not-yet-created");
        DesktopSettings saved = new DesktopSettings("https://orqestra.example.com", "dewi@kopisenja.test", Theme.DARK);

        new SettingsStore(nested).save(saved);

        assertThat(new SettingsStore(nested).load()).isEqualTo(saved);
        assertThat(nested.resolve("settings.properties")).exists();
        assertThat(nested).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aDamagedFileMeansDefaultsNotACrash() throws Exception {
        // a broken \\u escape makes java.util.Properties throw
        Files.writeString(directory.resolve("settings.properties"), "server.url=\\u12\n", StandardCharsets.ISO_8859_1);

        assertThat(new SettingsStore(directory).load()).isEqualTo(DesktopSettings.defaults());
    }

    @Test
    void anUnknownThemeIsLight() throws Exception {
        Files.writeString(directory.resolve("settings.properties"), "theme=purple\nemail=a@b.test\n");

        DesktopSettings loaded = new SettingsStore(directory).load();

        assertThat(loaded.theme()).isEqualTo(Theme.LIGHT);
        assertThat(loaded.email()).isEqualTo("a@b.test");
    }
}
