package io.portal.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.ManagedCertificateSource;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.certificate.SelfSignedCertificateFactory;
import io.portal.certificate.StoredCertificate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Which certificate each ACME bundle serves. At startup: the stored certificate while it
 * is valid, else a temporary self-signed one for the same domains, so that the HTTPS
 * listener is up at once. Later: whatever {@link #install} is given, swapped in through the
 * SSL bundle registry, so new handshakes get it while open connections carry on.
 * Thread-safe.
 */
class AcmeBundles implements ManagedCertificateSource {

    /**
     * Lifetime of a temporary certificate: longer than any outage of the CA is likely to
     * last, so it does not expire while the real certificate is still being retried.
     */
    static final Duration TEMPORARY_VALIDITY = Duration.ofDays(90);

    private static final Log logger = LogFactory.getLog(AcmeBundles.class);

    private final AcmeCertificateSettings settings;

    private final ManagedCertificateStore store;

    private volatile SslBundleRegistry registry;

    private final Supplier<Optional<String>> termsOfService;

    private final Clock clock;

    private final Map<String, Served> served = new ConcurrentHashMap<>();

    AcmeBundles(AcmeCertificateSettings settings, ManagedCertificateStore store,
            Supplier<Optional<String>> termsOfService, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.termsOfService = termsOfService;
        this.clock = clock;
    }

    @Override
    public void attach(SslBundleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String kind() {
        return AcmeCertificateSettings.KIND;
    }

    @Override
    public boolean supports(CertificatesProperties.Certificate certificate) {
        return certificate.getAcme() != null;
    }

    @Override
    public CertificateAndKey initial(String name, CertificatesProperties.Certificate certificate) {
        this.settings.check(name, this.termsOfService);
        return serve(name);
    }

    /**
     * The certificate a bundle starts with: the stored one while it is valid, else a
     * temporary self-signed one for the same domains. From now on this bundle is served
     * here, and {@link #install} swaps certificates into it.
     * @param name the bundle's name, of a known ACME certificate
     * @return the certificate to register the bundle with
     */
    CertificateAndKey serve(String name) {
        Optional<StoredCertificate> stored = this.store.find(name).filter((s) -> AcmeCertificateSettings.KIND.equals(s.kind()));
        if (stored.isPresent() && isValidNow(stored.get().material())) {
            CertificateAndKey material = stored.get().material();
            this.served.put(name, new Served(material, false));
            logger.info("ACME certificate '" + name + "': serving the stored certificate for "
                    + this.settings.domains(name) + ", valid until " + material.leaf().getNotAfter().toInstant());
            return material;
        }
        List<String> domains = this.settings.domains(name);
        CertificateAndKey temporary = new SelfSignedCertificateFactory(this.clock).create(domains.get(0), domains,
                this.settings.keyType(), TEMPORARY_VALIDITY);
        this.served.put(name, new Served(temporary, true));
        logger.info("ACME certificate '" + name + "': serving a temporary self-signed certificate for " + domains
                + " until the CA issues one" + (stored.isPresent() ? " (the stored one is no longer valid)" : ""));
        return temporary;
    }

    /**
     * Serve a certificate from now on. Does nothing where this context serves no bundles
     * (the shell), so a renewal there only reaches the store.
     * @param name the bundle's name
     * @param material the certificate
     * @return whether it is now served here
     */
    boolean install(String name, CertificateAndKey material) {
        Served current = this.served.get(name);
        if (current == null) {
            return false;
        }
        if (current.fingerprint().equals(CertificateSummary.fingerprint(material.leaf()))) {
            return true;
        }
        // Recorded first, so that whatever the swap reaches (connectors, health, progress)
        // reads the certificate that is now served.
        this.served.put(name, new Served(material, false));
        try {
            this.registry.updateBundle(name, material.toSslBundle());
        }
        catch (RuntimeException ex) {
            this.served.put(name, current);
            throw ex;
        }
        return true;
    }

    /**
     * Stop serving a bundle, which was removed.
     * @param name the bundle's name
     */
    void forget(String name) {
        this.served.remove(name);
    }

    /**
     * What a bundle serves now.
     * @param name the bundle's name
     * @return what it serves, or empty if this context does not serve it
     */
    Optional<Served> served(String name) {
        return Optional.ofNullable(this.served.get(name));
    }

    boolean isValidNow(CertificateAndKey material) {
        Instant now = this.clock.instant();
        return !now.isBefore(material.leaf().getNotBefore().toInstant()) && now.isBefore(material.leaf().getNotAfter().toInstant());
    }

    /**
     * A certificate being served.
     *
     * @param material the certificate and key
     * @param temporary whether it is the temporary self-signed one
     */
    record Served(CertificateAndKey material, boolean temporary) {

        String fingerprint() {
            return CertificateSummary.fingerprint(this.material.leaf());
        }

    }

}
