package io.portal.certificate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Obtains self-signed certificates: the stored one while it still fits its settings and
 * has more than a third of its lifetime left, otherwise a newly generated one, which is
 * stored before it is used.
 */
public class SelfSignedCertificates {

    /**
     * The kind recorded in the store for these certificates.
     */
    public static final String KIND = "self-signed";

    private static final Log logger = LogFactory.getLog(SelfSignedCertificates.class);

    private final ManagedCertificateStore store;

    private final SelfSignedCertificateFactory factory;

    private final Clock clock;

    public SelfSignedCertificates(ManagedCertificateStore store, SelfSignedCertificateFactory factory, Clock clock) {
        this.store = store;
        this.factory = factory;
        this.clock = clock;
    }

    public CertificateAndKey obtain(String name, CertificatesProperties.SelfSigned settings) {
        List<String> names = settings.getSubjectAlternativeNames().isEmpty() ? defaultNames()
                : List.copyOf(settings.getSubjectAlternativeNames());
        String spec = "subject-alternative-names=" + String.join(",", names) + ";key-type=" + settings.getKeyType().id()
                + ";validity=" + settings.getValidity();
        Optional<StoredCertificate> stored = this.store.find(name);
        if (stored.isPresent() && KIND.equals(stored.get().kind()) && spec.equals(stored.get().spec())
                && !dueForRenewal(stored.get().material().leaf())) {
            return stored.get().material();
        }
        CertificateAndKey created = this.factory.create(names.get(0), names, settings.getKeyType(), settings.getValidity());
        this.store.save(new StoredCertificate(name, KIND, spec, created, this.clock.instant()));
        logger.info("Generated self-signed certificate '" + name + "' for " + names + " (" + settings.getKeyType().id()
                + "), valid until " + created.leaf().getNotAfter().toInstant() + ", SHA-256 "
                + CertificateSummary.fingerprint(created.leaf()));
        return created;
    }

    private boolean dueForRenewal(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration third = Duration.between(notBefore, notAfter).dividedBy(3);
        return !this.clock.instant().isBefore(notAfter.minus(third));
    }

    /**
     * The names a self-signed certificate covers when none are configured: localhost,
     * 127.0.0.1 and this machine's host name.
     * @return the names
     */
    public static List<String> defaultNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host != null && !host.isBlank() && !names.contains(host)) {
                names.add(host);
            }
        }
        catch (UnknownHostException ex) {
            // A machine without a resolvable host name still gets localhost.
        }
        return names;
    }

}
