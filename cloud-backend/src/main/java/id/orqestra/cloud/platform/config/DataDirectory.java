package id.orqestra.cloud.platform.config;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this installation keeps its files: the embedded database, media, generated keys.
 * {@code ORQESTRA_DATA_DIR} (or {@code orqestra.data-dir}), default {@code ~/.orqestra}.
 */
@Singleton
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${orqestra.data-dir:}") String configured) {
        this.root = resolve(configured);
    }

    static Path resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".orqestra").toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** A sub-folder of the data directory, created when missing. */
    public Path folder(String name) {
        Path folder = root.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StartupFailure("Cannot create " + folder + " (set ORQESTRA_DATA_DIR to a writable folder): "
                    + e.getMessage(), e);
        }
        return folder;
    }
}
