package io.portal.certificate;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a browser would accept a served chain: PKIX validation against the CAs this
 * JVM trusts (its default trust store, like a browser's public root store), plus any CA
 * the operator says their users trust (a company CA). Revocation is not checked.
 * Immutable and thread-safe.
 */
public final class CertificateTrust {

    private final Set<TrustAnchor> anchors;

    private final Set<X509Certificate> anchorCertificates;

    private CertificateTrust(Collection<X509Certificate> trusted) {
        this.anchorCertificates = Set.copyOf(trusted);
        Set<TrustAnchor> anchors = new HashSet<>();
        trusted.forEach((certificate) -> anchors.add(new TrustAnchor(certificate, null)));
        this.anchors = Set.copyOf(anchors);
    }

    /**
     * Trust what this JVM's default trust store trusts, and the given CAs.
     * @param extraCas CA certificates trusted in addition
     * @return the trust
     */
    public static CertificateTrust jvmDefaultAnd(Collection<X509Certificate> extraCas) {
        List<X509Certificate> trusted = new ArrayList<>(defaultCas());
        trusted.addAll(extraCas);
        return new CertificateTrust(trusted);
    }

    /**
     * Trust only the given CAs.
     * @param cas the trusted CA certificates
     * @return the trust
     */
    public static CertificateTrust of(Collection<X509Certificate> cas) {
        return new CertificateTrust(cas);
    }

    /**
     * Check a chain as a TLS server would send it.
     * @param chain the certificates, leaf first
     * @param at the time to check validity at
     * @return the verdict
     */
    public Verdict check(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            return Verdict.untrusted("it has no certificate");
        }
        X509Certificate leaf = chain.get(0);
        if (at.isAfter(leaf.getNotAfter().toInstant())) {
            return Verdict.untrusted("it expired on " + leaf.getNotAfter().toInstant());
        }
        if (at.isBefore(leaf.getNotBefore().toInstant())) {
            return Verdict.untrusted("it is not valid until " + leaf.getNotBefore().toInstant());
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        while (!path.isEmpty() && this.anchorCertificates.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty()) {
            return Verdict.TRUSTED;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(this.anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Verdict.TRUSTED;
        }
        catch (CertPathValidatorException ex) {
            return Verdict.untrusted(explain(chain, ex));
        }
        catch (InvalidAlgorithmParameterException ex) {
            return Verdict.untrusted("no CA is trusted at all (the trust store is empty)");
        }
        catch (GeneralSecurityException ex) {
            return Verdict.untrusted("it cannot be validated: " + ex.getMessage());
        }
    }

    private static String explain(List<X509Certificate> chain, CertPathValidatorException ex) {
        X509Certificate leaf = chain.get(0);
        if (ex.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            if (chain.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                return "it is self-signed";
            }
            X509Certificate last = chain.get(chain.size() - 1);
            return "it is issued by " + last.getIssuerX500Principal().getName() + ", which is not a trusted CA"
                    + ((chain.size() == 1) ? " (or the chain lacks its intermediate certificates)" : "");
        }
        if (ex.getReason() == BasicReason.EXPIRED) {
            return "a certificate of its chain has expired";
        }
        if (ex.getReason() == BasicReason.NOT_YET_VALID) {
            return "a certificate of its chain is not valid yet";
        }
        return "its chain does not validate: " + ex.getMessage();
    }

    private static List<X509Certificate> defaultCas() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> cas = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    cas.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return cas;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The JVM's default trust store cannot be read", ex);
        }
    }

    /**
     * Whether a chain is trusted, and if not, why.
     *
     * @param trusted whether a browser would accept it
     * @param reason why not, in plain words, such as "it is self-signed"; {@code null}
     * when trusted
     */
    public record Verdict(boolean trusted, String reason) {

        static final Verdict TRUSTED = new Verdict(true, null);

        static Verdict untrusted(String reason) {
            return new Verdict(false, reason);
        }

    }

}
