package dev.latchkey.oauth.crypto;

import dev.latchkey.oauth.config.OAuthConfig;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM under the key-encryption key: private keys at rest are {@code nonce(12) || ciphertext+tag}; the
 * label (a kid, "ca") is authenticated data, so a ciphertext cannot be moved to another row unnoticed.
 */
@Singleton
public class KeyCipher {
    private static final int NONCE = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    KeyCipher(OAuthConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.keyEncryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("latchkey.oauth.key-encryption-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("latchkey.oauth.key-encryption-key must be 32 bytes (base64 of 256 bits)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(String label, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(String label, byte[] stored) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, NONCE));
            c.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(stored, NONCE, stored.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt key " + label + ": wrong key-encryption key?");
        }
    }
}
