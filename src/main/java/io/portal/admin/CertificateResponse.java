package io.portal.admin;

import java.time.Instant;
import java.util.List;

import io.portal.certificate.CertificateSummary;
import io.portal.certificate.Pem;

/**
 * A certificate as the API shows it. Never includes a private key.
 *
 * @param name the SSL bundle's name
 * @param kind {@code file}, {@code self-signed}, {@code acme} or {@code imported}
 * @param source {@code config} or {@code api}
 * @param summary what it serves, or {@code null} if it cannot be loaded
 * @param problem why it cannot be loaded, if so
 * @param bindings the bindings that use it
 * @param lastRenewal the outcome of its last renewal, for renewed certificates
 * @param chain the chain as PEM, in single-certificate views only
 */
public record CertificateResponse(String name, String kind, String source, Summary summary, String problem, List<String> bindings,
        String lastRenewal, String chain) {

    /**
     * The facts about a leaf certificate.
     *
     * @param subject subject
     * @param subjectAlternativeNames DNS names and IP addresses
     * @param issuer issuer
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param sha256 SHA-256 fingerprint
     * @param selfSigned whether it is its own issuer
     * @param warnings problems that do not stop it from being served
     */
    public record Summary(String subject, List<String> subjectAlternativeNames, String issuer, Instant notBefore, Instant notAfter,
            String sha256, boolean selfSigned, List<String> warnings) {

        static Summary of(CertificateSummary summary) {
            return new Summary(summary.subject(), summary.subjectAlternativeNames(), summary.issuer(), summary.notBefore(),
                    summary.notAfter(), summary.sha256(), summary.selfSigned(), summary.warnings());
        }

    }

    static String chainPem(CertificateSummary summary) {
        return (summary != null) ? Pem.encode(summary.chain()) : null;
    }

}
