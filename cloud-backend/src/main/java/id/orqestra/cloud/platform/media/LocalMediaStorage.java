package id.orqestra.cloud.platform.media;

import id.orqestra.cloud.platform.config.DataDirectory;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Media files under {@code <data dir>/media}. Keys are relative paths made by our own code; anything
 * that would leave the folder is refused. Writes go to a temporary file first and are moved into place,
 * so a crash never leaves half a file under a real key.
 */
@Singleton
public class LocalMediaStorage implements MediaStorage {

    private final Path root;

    public LocalMediaStorage(DataDirectory dataDirectory) {
        this.root = dataDirectory.folder("media");
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".part");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Media key leaves the media folder: " + key);
        }
        return file;
    }
}
