package id.orqestra.desktop.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.api.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the one thing needed to sign in again without a password, the refresh token, encrypted on
 * disk. {@value #TOKEN_FILE} holds it sealed with AES-256-GCM under a random key kept apart in
 * {@value #KEY_FILE}, which only the owner may read. Passwords are never stored.
 *
 * <p>Why a key file and not the OS keychain: Java has no portable keychain API; each of the Linux
 * Secret Service, macOS Keychain and Windows Credential Manager needs native code or a running
 * desktop keyring daemon (absent on many Linux set-ups and in CI). The split still means that the
 * token file alone (a backup, a synced folder, a support bundle) reveals nothing, and that other
 * users of the machine can read neither file. Like any scheme without a hardware or OS secret, it
 * does not stop malware running as the same user.
 *
 * <p>Anything unreadable (a damaged file, a lost key) counts as "nothing stored": the person signs in
 * with their password again. All methods do file I/O: call them off the FX thread.
 */
public final class SessionVault {

    /** What is needed to resume: where, as whom, and the refresh token. */
    public record StoredSession(String serverUrl, String email, String refreshToken) {
        public StoredSession {
            Objects.requireNonNull(serverUrl);
            Objects.requireNonNull(email);
            Objects.requireNonNull(refreshToken);
        }

        @Override
        public String toString() {
            return "StoredSession[" + serverUrl + ", " + email + ", refresh token hidden]";
        }
    }

    static final String TOKEN_FILE = "session.token";
    static final String KEY_FILE = "session.key";
    private static final byte[] MAGIC = "ORQS1".getBytes(StandardCharsets.US_ASCII);
    /** Binds the ciphertext to its purpose, so no other file sealed with the same key can pass for it. */
    private static final byte[] ASSOCIATED_DATA = "orqestra desktop refresh token v1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static final Logger log = LoggerFactory.getLogger(SessionVault.class);

    private final Path directory;
    private final Path tokenFile;
    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = Json.mapper();

    public SessionVault(Path desktopDirectory) {
        this.directory = desktopDirectory;
        this.tokenFile = desktopDirectory.resolve(TOKEN_FILE);
        this.keyFile = desktopDirectory.resolve(KEY_FILE);
    }

    public Path tokenFile() {
        return tokenFile;
    }

    public Path keyFile() {
        return keyFile;
    }

    /** True when a session is stored (a cheap check; it may still turn out unreadable). */
    public boolean hasStoredSession() {
        return Files.isRegularFile(tokenFile);
    }

    /** The stored session, or empty when there is none or it cannot be read (it is then removed). */
    public synchronized Optional<StoredSession> load() {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(tokenFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Could not read the stored sign-in in {}", tokenFile, e);
            return Optional.empty();
        }
        try {
            byte[] key = readKey().orElseThrow(() -> new GeneralSecurityException("the key file is missing"));
            return Optional.of(json.readValue(open(sealed, key), StoredSession.class));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            log.warn("The stored sign-in in {} could not be opened ({}); it is removed and a password sign-in is needed",
                    tokenFile, e instanceof AEADBadTagException ? "wrong key or altered file" : e.getMessage());
            clear();
            return Optional.empty();
        }
    }

    /** Stores {@code session}, replacing what was there. A failure is logged: the app works on without it. */
    public synchronized void save(StoredSession session) {
        try {
            Files.createDirectories(directory);
            byte[] key = readKey().orElseGet(this::createKey);
            byte[] sealed = seal(json.writeValueAsBytes(session), key);
            Path temporary = Files.createTempFile(directory, TOKEN_FILE, ".tmp", ownerOnlyAttributes());
            try {
                restrictToOwner(temporary);
                Files.write(temporary, sealed, StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.move(temporary, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, tokenFile, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("Could not store the sign-in in {}; the next start will ask for the password", tokenFile, e);
        }
    }

    /** Forgets the stored session (the key stays, for the next one). */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            log.warn("Could not remove the stored sign-in {}", tokenFile, e);
        }
    }

    // ---- sealing: MAGIC | nonce | AES-GCM(ciphertext + tag)

    private byte[] seal(byte[] plaintext, byte[] key) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(ASSOCIATED_DATA);
        byte[] ciphertext = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(MAGIC.length + nonce.length + ciphertext.length)
                .put(MAGIC).put(nonce).put(ciphertext).array();
    }

    private static byte[] open(byte[] sealed, byte[] key) throws GeneralSecurityException {
        if (sealed.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
            throw new GeneralSecurityException("not a sealed session file");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE_BYTES));
        cipher.updateAAD(ASSOCIATED_DATA);
        int offset = MAGIC.length + NONCE_BYTES;
        return cipher.doFinal(sealed, offset, sealed.length - offset);
    }

    // ---- the key file

    private Optional<byte[]> readKey() throws IOException {
        byte[] key;
        try {
            key = Files.readAllBytes(keyFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (key.length != KEY_BYTES) {
            throw new IOException("the key file " + keyFile + " has " + key.length + " bytes instead of " + KEY_BYTES);
        }
        tightenIfLoose(keyFile);
        return Optional.of(key);
    }

    private byte[] createKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            // created with owner-only permissions from the first byte, never readable by others even briefly
            Files.createFile(keyFile, ownerOnlyAttributes());
            restrictToOwner(keyFile);
            Files.write(keyFile, key, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return key;
        } catch (FileAlreadyExistsException e) {
            // another window of the app won the race: use its key
            try {
                return readKey().orElseThrow(() -> new IOException("the key file vanished"));
            } catch (IOException again) {
                throw new IllegalStateException("Could not read the key file " + keyFile, again);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the key file " + keyFile, e);
        }
    }

    private FileAttribute<?>[] ownerOnlyAttributes() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private boolean isPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Owner-only: rw------- on POSIX systems; on Windows an ACL naming only the owner. */
    private void restrictToOwner(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(OWNER_ONLY);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = acl.getOwner();
            acl.setAcl(List.of(AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(owner)
                    .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                            AclEntryPermission.APPEND_DATA, AclEntryPermission.READ_ATTRIBUTES,
                            AclEntryPermission.WRITE_ATTRIBUTES, AclEntryPermission.READ_ACL,
                            AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE, AclEntryPermission.SYNCHRONIZE))
                    .build()));
        }
    }

    private void tightenIfLoose(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("{} could be read by others ({}); making it owner-only again", file,
                        PosixFilePermissions.toString(permissions));
                posix.setPermissions(OWNER_ONLY);
            }
        } catch (IOException e) {
            log.warn("Could not check the permissions of {}", file, e);
        }
    }
}
