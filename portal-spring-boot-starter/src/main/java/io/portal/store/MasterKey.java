package io.portal.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key that encrypts secrets at rest, and its identifier. The identifier is
 * a key check value (an HMAC of a fixed label), so it tells keys apart without revealing
 * them.
 */
public final class MasterKey {

    /**
     * Length of a master key in bytes.
     */
    public static final int LENGTH = 32;

    private final SecretKey key;

    private final String id;

    public MasterKey(byte[] material) {
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("A master key has " + LENGTH + " bytes, not " + material.length);
        }
        this.key = new SecretKeySpec(material.clone(), "AES");
        this.id = checkValue(material);
    }

    SecretKey secretKey() {
        return this.key;
    }

    /**
     * Identifier of this key: 16 hexadecimal digits.
     * @return the identifier
     */
    public String id() {
        return this.id;
    }

    private static String checkValue(byte[] material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] check = mac.doFinal("portal master key check".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(check, 8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + this.id + "]";
    }

}
