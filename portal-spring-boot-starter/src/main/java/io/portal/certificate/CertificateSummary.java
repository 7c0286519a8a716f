package io.portal.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * What an operator needs to know about the certificate an SSL bundle serves.
 *
 * @param bundle the SSL bundle's name
 * @param subject the leaf's subject
 * @param issuer the leaf's issuer
 * @param subjectAlternativeNames DNS names and IP addresses in the leaf
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 fingerprint of the leaf, colon separated
 * @param selfSigned whether the leaf is its own issuer
 * @param chain the certificates served, leaf first
 * @param warnings problems that do not stop the certificate from being served
 */
public record CertificateSummary(String bundle, String subject, String issuer, List<String> subjectAlternativeNames,
        Instant notBefore, Instant notAfter, String sha256, boolean selfSigned, List<X509Certificate> chain,
        List<String> warnings) {

    public static CertificateSummary of(String bundle, List<X509Certificate> chain, Clock clock) {
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        List<String> warnings = new ArrayList<>();
        if (now.isAfter(notAfter)) {
            warnings.add("expired on " + notAfter + "; clients will refuse it");
        }
        else if (now.isBefore(notBefore)) {
            warnings.add("not valid until " + notBefore + "; clients will refuse it until then (check the clock)");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                warnings.add("the chain is out of order: certificate " + (i + 2) + " did not issue certificate " + (i + 1));
                break;
            }
        }
        boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        return new CertificateSummary(bundle, leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), names(leaf), notBefore, notAfter, fingerprint(leaf), selfSigned,
                List.copyOf(chain), List.copyOf(warnings));
    }

    /**
     * Whether the certificate is inside its validity period.
     * @param clock the clock
     * @return whether it is valid now
     */
    public boolean isCurrentlyValid(Clock clock) {
        Instant now = clock.instant();
        return !now.isBefore(this.notBefore) && !now.isAfter(this.notAfter);
    }

    public Duration timeLeft(Clock clock) {
        return Duration.between(clock.instant(), this.notAfter);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        }
        catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
            throw new IllegalStateException("Cannot fingerprint certificate", ex);
        }
    }

    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
            if (alternativeNames != null) {
                for (List<?> entry : alternativeNames) {
                    Object type = entry.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        }
        catch (CertificateParsingException ex) {
            // A certificate whose SAN extension cannot be parsed is shown without names.
        }
        return List.copyOf(names);
    }

}
