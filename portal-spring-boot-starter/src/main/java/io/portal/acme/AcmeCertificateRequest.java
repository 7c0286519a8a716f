package io.portal.acme;

import java.util.List;

/**
 * A request for an ACME certificate at runtime, as the admin API and the Let's Encrypt
 * wizard take it.
 *
 * @param name the name of the certificate and its SSL bundle
 * @param domains the domain names, the first also as subject
 * @param directory the CA: {@code letsencrypt}, {@code letsencrypt-staging} or a
 * directory URL; {@code null} or blank for {@code portal.acme.directory}
 * @param email the account's contact address, or {@code null}
 * @param acceptTermsOfService whether the requester accepts the CA's terms of service
 * @param caCertificates PEM root (and intermediate) certificates of a private CA's TLS
 * certificate, trusted for this CA only; {@code null} for a CA whose TLS certificate the
 * JVM or {@code portal.acme.trust-store} trusts
 */
public record AcmeCertificateRequest(String name, List<String> domains, String directory, String email,
        Boolean acceptTermsOfService, String caCertificates) {

    public AcmeCertificateRequest(String name, List<String> domains, String directory, String email,
            Boolean acceptTermsOfService) {
        this(name, domains, directory, email, acceptTermsOfService, null);
    }

    public AcmeCertificateRequest {
        domains = (domains != null) ? domains.stream().filter((d) -> d != null).toList() : List.of();
    }

    boolean termsAccepted() {
        return Boolean.TRUE.equals(this.acceptTermsOfService);
    }

}
