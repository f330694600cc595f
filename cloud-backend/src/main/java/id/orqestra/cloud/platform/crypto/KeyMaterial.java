package id.orqestra.cloud.platform.crypto;

import id.orqestra.cloud.platform.config.DataDirectory;
import id.orqestra.cloud.platform.config.StartupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 32-byte key from configuration (base64), or — so that a local run needs no setup — generated once
 * into a file of the data directory, with a warning to set it properly in production.
 */
public final class KeyMaterial {

    private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);
    public static final int KEY_BYTES = 32;

    private KeyMaterial() {
    }

    public static byte[] load(String configured, String setting, DataDirectory dataDirectory, String fileName, String purpose) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), setting);
        }
        Path file = dataDirectory.root().resolve(fileName);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            byte[] generated = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the folder's own permissions apply
            }
            LOG.warn("No {} set: generated a key for {} in {}. Back it up, and set {} in production.",
                    setting, purpose, file, setting);
            return generated;
        } catch (IOException e) {
            throw new StartupFailure("Cannot read or create the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("The key in " + source + " is not base64: " + e.getMessage(), e);
        }
        if (key.length != KEY_BYTES) {
            throw new StartupFailure("The key in " + source + " must be 32 bytes (base64 of 32 random bytes, e.g. "
                    + "`openssl rand -base64 32`), but it is " + key.length + " bytes");
        }
        return key;
    }
}
