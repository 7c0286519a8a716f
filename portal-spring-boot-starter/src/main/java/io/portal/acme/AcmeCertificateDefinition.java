package io.portal.acme;

import java.time.Instant;
import java.util.List;

/**
 * An ACME certificate requested at runtime (through the admin API or the Let's Encrypt
 * wizard), as kept in the state store: what to obtain and from which CA. The certificate
 * itself is stored with the other managed certificates once the CA has issued it.
 *
 * @param name the certificate's (and SSL bundle's) name
 * @param domains the domain names, the first also as subject
 * @param directory the CA's directory URL
 * @param email the account's contact address, or {@code null}
 * @param termsOfService the address of the terms of service that were accepted, or
 * {@code null} if the CA does not publish one
 * @param requestedBy who requested it
 * @param requestedAt when
 * @param caCertificates PEM certificates to trust for this CA's directory besides the
 * JVM's CAs and {@code portal.acme.trust-store}, or {@code null}
 */
public record AcmeCertificateDefinition(String name, List<String> domains, String directory, String email,
        String termsOfService, String requestedBy, Instant requestedAt, String caCertificates) {

    public AcmeCertificateDefinition(String name, List<String> domains, String directory, String email,
            String termsOfService, String requestedBy, Instant requestedAt) {
        this(name, domains, directory, email, termsOfService, requestedBy, requestedAt, null);
    }

    public AcmeCertificateDefinition {
        domains = List.copyOf(domains);
    }

}
