package io.portal.admin;

import java.time.Instant;
import java.util.List;

import io.portal.certificate.CertificateSummary;
import io.portal.certificate.Pem;
import io.portal.certificate.RenewalStatus;

/**
 * A certificate as the API shows it. Never includes a private key.
 *
 * @param name the SSL bundle's name
 * @param kind {@code file}, {@code self-signed}, {@code acme} or {@code imported}
 * @param source {@code config} or {@code api}
 * @param summary what it serves, or {@code null} if it cannot be loaded
 * @param problem why it cannot be loaded, if so
 * @param bindings the bindings that use it
 * @param lastRenewal how its renewal stands, for certificates the portal renews (ACME);
 * {@code null} for others
 * @param chain the chain as PEM, in single-certificate views only
 */
public record CertificateResponse(String name, String kind, String source, Summary summary, String problem, List<String> bindings,
        Renewal lastRenewal, String chain) {

    /**
     * How the renewal of a certificate stands.
     *
     * @param status {@code temporary} (a temporary certificate is served until the CA
     * issues one), {@code failing} (the last attempt failed) or {@code ok}
     * @param lastRenewedAt when a certificate was last obtained, or {@code null}
     * @param lastError why the last attempt failed, with the CA's explanation, or
     * {@code null}
     * @param lastFailureAt when it failed, or {@code null}
     * @param nextAttemptAt when it is tried again after a failure, or {@code null}
     */
    public record Renewal(String status, Instant lastRenewedAt, String lastError, Instant lastFailureAt, Instant nextAttemptAt) {

        static Renewal of(RenewalStatus status) {
            if (status == null) {
                return null;
            }
            String state = status.failing() ? "failing" : status.temporary() ? "temporary" : "ok";
            return new Renewal(state, status.lastRenewedAt(), status.lastError(), status.lastFailureAt(), status.nextAttemptAt());
        }

    }

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
