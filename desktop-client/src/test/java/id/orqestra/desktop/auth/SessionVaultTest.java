package id.orqestra.desktop.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SessionVaultTest {

    private static final String REFRESH_TOKEN = "BOts_DFucfs1WBAGja2RhRLtdPABiToWkcNvhVwOtvw";
    private static final SessionVault.StoredSession STORED =
            new SessionVault.StoredSession("https://orqestra.example.com", "dewi@kopisenja.test", REFRESH_TOKEN);

    @TempDir
    Path directory;

    @Test
    void whatIsStoredComesBack() {
        SessionVault vault = new SessionVault(directory);

        vault.save(STORED);

        assertThat(vault.hasStoredSession()).isTrue();
        assertThat(new SessionVault(directory).load()).contains(STORED);
    }

    @Test
    void theTokenFileDoesNotContainTheTokenOrTheAddressAsText() throws IOException {
        new SessionVault(directory).save(STORED);

        byte[] file = Files.readAllBytes(directory.resolve(SessionVault.TOKEN_FILE));
        String asText = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(REFRESH_TOKEN).doesNotContain("dewi@kopisenja.test").doesNotContain("orqestra.example");
        assertThat(asText).doesNotContain(REFRESH_TOKEN.substring(0, 12));
    }

    @Test
    void onlyTheOwnerMayReadTheKeyAndTheTokenFile() throws IOException {
        new SessionVault(directory).save(STORED);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(SessionVault.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(SessionVault.TOKEN_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void theTokenFileAloneOpensNothing(@TempDir Path elsewhere) throws IOException {
        new SessionVault(directory).save(STORED);
        // the other folder has a key of its own
        new SessionVault(elsewhere).save(new SessionVault.StoredSession("https://x.test", "x@x.test", "other-token"));
        Files.copy(directory.resolve(SessionVault.TOKEN_FILE), elsewhere.resolve(SessionVault.TOKEN_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        SessionVault other = new SessionVault(elsewhere);

        assertThat(other.load()).isEmpty();
        assertThat(other.hasStoredSession()).as("an unreadable file is removed").isFalse();
    }

    @Test
    void anAlteredFileCountsAsNothingStored() throws IOException {
        SessionVault vault = new SessionVault(directory);
        vault.save(STORED);
        Path file = directory.resolve(SessionVault.TOKEN_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x01;
        Files.write(file, bytes);

        assertThat(vault.load()).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aLostKeyCountsAsNothingStored() throws IOException {
        SessionVault vault = new SessionVault(directory);
        vault.save(STORED);
        Files.delete(directory.resolve(SessionVault.KEY_FILE));

        assertThat(vault.load()).isEmpty();
    }

    @Test
    void aKeyFileOthersCouldReadIsMadeOwnerOnlyAgain() throws IOException {
        SessionVault vault = new SessionVault(directory);
        vault.save(STORED);
        Path key = directory.resolve(SessionVault.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(vault.load()).contains(STORED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void savingAgainReplacesTheTokenAndKeepsTheKey() throws IOException {
        SessionVault vault = new SessionVault(directory);
        vault.save(STORED);
        byte[] key = Files.readAllBytes(directory.resolve(SessionVault.KEY_FILE));
        SessionVault.StoredSession rotated = new SessionVault.StoredSession(STORED.serverUrl(), STORED.email(), "rotated-token");

        vault.save(rotated);

        assertThat(vault.load()).contains(rotated);
        assertThat(Files.readAllBytes(directory.resolve(SessionVault.KEY_FILE))).isEqualTo(key);
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary files are left behind")
                    .containsExactlyInAnyOrder(SessionVault.TOKEN_FILE, SessionVault.KEY_FILE);
        }
    }

    @Test
    void clearingForgetsTheSession() {
        SessionVault vault = new SessionVault(directory);
        vault.save(STORED);

        vault.clear();

        assertThat(vault.hasStoredSession()).isFalse();
        assertThat(vault.load()).isEmpty();
    }

    @Test
    void theStoredSessionNeverPrintsItsToken() {
        assertThat(STORED.toString()).doesNotContain(REFRESH_TOKEN);
    }
}
