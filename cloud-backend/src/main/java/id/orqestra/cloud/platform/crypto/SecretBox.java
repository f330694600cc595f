package id.orqestra.cloud.platform.crypto;

import id.orqestra.cloud.platform.config.DataDirectory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Encrypts secrets at rest (Meta access tokens, provider API keys) with AES-256-GCM. The key comes
 * from {@code orqestra.secrets.key} / {@code ORQESTRA_SECRETS_KEY} (base64 of 32 bytes); when unset a
 * key is generated once into the data directory, with a warning, so that a local run needs no setup.
 * Stored form: version byte, 12-byte nonce, ciphertext with tag.
 */
@Singleton
public class SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@Value("${orqestra.secrets.key:}") String configuredKey, DataDirectory dataDirectory) {
        this.key = new SecretKeySpec(KeyMaterial.load(configuredKey, "ORQESTRA_SECRETS_KEY", dataDirectory,
                "secrets.key", "encrypting access tokens and API keys at rest"), "AES");
    }

    public byte[] encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalArgumentException("Not a secret sealed by this installation");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The secret cannot be decrypted with the configured key "
                    + "(was ORQESTRA_SECRETS_KEY changed?)", e);
        }
    }
}
