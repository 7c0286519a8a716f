package io.portal.certificate;

import java.time.Instant;

/**
 * A managed certificate as kept in the state store.
 *
 * @param name the certificate's (and SSL bundle's) name
 * @param kind how it was obtained, such as {@code self-signed}
 * @param spec the settings it was made from, to notice when they change
 * @param material the chain and private key
 * @param updatedAt when it was last stored
 */
public record StoredCertificate(String name, String kind, String spec, CertificateAndKey material, Instant updatedAt) {
}
