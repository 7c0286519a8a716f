package io.portal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets (private keys, account keys) with AES-256-GCM under the master key.
 * <p>
 * A sealed value is {@code base64(version | key id | nonce | ciphertext+tag)}. The context
 * (for example {@code certificate:portal}) is bound as additional authenticated data, so a
 * sealed value copied to another row does not decrypt. Thread-safe.
 */
public class SecretCipher {

    private static final byte VERSION = 1;

    private static final int KEY_ID_LENGTH = 8;

    private static final int NONCE_LENGTH = 12;

    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;

    private final byte[] keyId;

    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey masterKey) {
        this.masterKey = masterKey;
        this.keyId = HexFormat.of().parseHex(masterKey.id());
    }

    /**
     * Encrypt a secret.
     * @param context what the secret belongs to, bound to the ciphertext
     * @param plaintext the secret
     * @return the sealed value
     */
    public String seal(String context, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_LENGTH];
        this.random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, this.masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(1 + KEY_ID_LENGTH + NONCE_LENGTH + ciphertext.length);
            out.put(VERSION).put(this.keyId).put(nonce).put(ciphertext);
            return Base64.getEncoder().encodeToString(out.array());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    /**
     * Decrypt a sealed secret.
     * @param context the context it was sealed with
     * @param sealed the sealed value
     * @return the secret
     * @throws SecretUnreadableException if the value was sealed with another master key,
     * for another context, or has been altered
     */
    public byte[] open(String context, String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        }
        catch (IllegalArgumentException ex) {
            throw new SecretUnreadableException(context, "it is not valid base64; the stored value is damaged");
        }
        if (bytes.length < 1 + KEY_ID_LENGTH + NONCE_LENGTH + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new SecretUnreadableException(context, "it is not in a format this portal writes; the stored value is damaged");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        byte[] storedKeyId = new byte[KEY_ID_LENGTH];
        in.get(storedKeyId);
        if (!java.util.Arrays.equals(storedKeyId, this.keyId)) {
            throw new SecretUnreadableException(context, "it was encrypted with master key " + HexFormat.of().formatHex(storedKeyId)
                    + ", but the current master key is " + this.masterKey.id());
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        in.get(nonce);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, this.masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        }
        catch (AEADBadTagException ex) {
            throw new SecretUnreadableException(context, "its authentication tag does not verify; it was altered or belongs to another record");
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM decryption failed", ex);
        }
    }

}
