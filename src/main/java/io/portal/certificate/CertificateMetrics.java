package io.portal.certificate;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.ssl.SslBundles;

/**
 * The gauge {@code portal.certificates.expiry}: seconds until the certificate of each SSL
 * bundle expires (negative once expired), tagged with the bundle's name. It follows the
 * bundle as certificates are swapped, and covers bundles registered at runtime too.
 */
public class CertificateMetrics implements MeterBinder {

    /**
     * Name of the expiry gauge.
     */
    public static final String EXPIRY = "portal.certificates.expiry";

    private final CertificateCatalog catalog;

    private final SslBundles bundles;

    private final Clock clock;

    public CertificateMetrics(CertificateCatalog catalog, SslBundles bundles, Clock clock) {
        this.catalog = catalog;
        this.bundles = bundles;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CertificateCatalog.Entry entry : this.catalog.entries()) {
            gauge(registry, entry.bundle());
        }
        this.bundles.addBundleRegisterHandler((bundle, sslBundle) -> gauge(registry, bundle));
    }

    private void gauge(MeterRegistry registry, String bundle) {
        Gauge.builder(EXPIRY, this, (metrics) -> metrics.secondsLeft(bundle))
            .description("Seconds until the certificate of the SSL bundle expires")
            .baseUnit("seconds")
            .tag("bundle", bundle)
            .register(registry);
    }

    private double secondsLeft(String bundle) {
        return this.catalog.find(bundle)
            .map((summary) -> (double) Duration.between(this.clock.instant(), summary.notAfter()).toSeconds())
            .orElse(Double.NaN);
    }

}
