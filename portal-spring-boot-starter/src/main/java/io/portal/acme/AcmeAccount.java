package io.portal.acme;

import java.security.KeyPair;
import java.time.Instant;

/**
 * An account at an ACME CA: where the CA keeps it, and the key pair that signs every
 * request. The key pair is the account; it is stored encrypted and never shown.
 *
 * @param directory the CA's directory URL
 * @param location the account's URL at the CA
 * @param keyPair the account key pair
 * @param createdAt when it was registered
 */
record AcmeAccount(String directory, String location, KeyPair keyPair, Instant createdAt) {

    @Override
    public String toString() {
        return "AcmeAccount[directory=" + this.directory + ", location=" + this.location + "]";
    }

}
