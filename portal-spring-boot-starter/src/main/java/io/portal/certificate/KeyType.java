package io.portal.certificate;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Key types for certificates the portal creates.
 */
public enum KeyType {

    /**
     * ECDSA on NIST P-256: small, fast, and accepted everywhere that matters.
     */
    EC_P256("ec-p256", "SHA256withECDSA"),

    /**
     * RSA with a 2048-bit modulus, for clients that cannot do ECDSA.
     */
    RSA_2048("rsa-2048", "SHA256withRSA"),

    /**
     * RSA with a 3072-bit modulus.
     */
    RSA_3072("rsa-3072", "SHA256withRSA"),

    /**
     * RSA with a 4096-bit modulus. Slow to generate and to handshake.
     */
    RSA_4096("rsa-4096", "SHA256withRSA");

    private final String id;

    private final String signatureAlgorithm;

    KeyType(String id, String signatureAlgorithm) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * The name used in configuration, such as {@code ec-p256}.
     * @return the name
     */
    public String id() {
        return this.id;
    }

    String signatureAlgorithm() {
        return this.signatureAlgorithm;
    }

    public KeyPair generateKeyPair() {
        try {
            if (this == EC_P256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(Integer.parseInt(this.id.substring(4)));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot generate a " + this.id + " key pair", ex);
        }
    }

    /**
     * Find a key type by its configuration name.
     * @param id the name, such as {@code rsa-2048}
     * @return the key type
     * @throws IllegalArgumentException if the name is unknown
     */
    public static KeyType of(String id) {
        for (KeyType type : values()) {
            if (type.id.equalsIgnoreCase(id) || type.name().equalsIgnoreCase(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown key type '" + id + "'; use ec-p256, rsa-2048, rsa-3072 or rsa-4096");
    }

}
