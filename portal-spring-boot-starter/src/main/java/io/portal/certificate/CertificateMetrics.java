package io.portal.certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge {@code portal.certificates.expiry}: seconds until the certificate of each SSL
 * bundle expires (negative once expired), tagged with the bundle's name. It follows the
 * bundles the way Spring Boot's {@code SslMeterBinder} does, which the portal switches off
 * so that each certificate has one expiry gauge: a gauge is added when a bundle is
 * registered (at startup or at runtime), reads the certificate served now after every
 * swap, and is removed with its bundle, so no gauge of a deleted certificate lingers.
 * A bundle whose certificate cannot be read has no gauge until it can.
 */
public class CertificateMetrics implements MeterBinder {

    /**
     * Name of the expiry gauge.
     */
    public static final String EXPIRY = "portal.certificates.expiry";

    private final CertificateCatalog catalog;

    private final PortalSslBundleRegistry bundles;

    private final Clock clock;

    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    private volatile MeterRegistry registry;

    public CertificateMetrics(CertificateCatalog catalog, PortalSslBundleRegistry bundles, Clock clock) {
        this.catalog = catalog;
        this.bundles = bundles;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        this.bundles.addBundleRegisterHandler((name, bundle) -> {
            this.bundles.addBundleUpdateHandler(name, (updated) -> sync(name));
            remove(name);
            sync(name);
        });
        this.bundles.addBundleUnregisterHandler(this::remove);
        for (String name : this.bundles.getBundleNames()) {
            this.bundles.addBundleUpdateHandler(name, (updated) -> sync(name));
            sync(name);
        }
    }

    private synchronized void sync(String bundle) {
        boolean readable = this.catalog.find(bundle).isPresent();
        if (readable && !this.gauges.containsKey(bundle)) {
            this.gauges.put(bundle, Gauge.builder(EXPIRY, this, (metrics) -> metrics.secondsLeft(bundle))
                .description("Seconds until the certificate of the SSL bundle expires")
                .baseUnit("seconds")
                .tag("bundle", bundle)
                .strongReference(true)
                .register(this.registry));
        }
        else if (!readable) {
            remove(bundle);
        }
    }

    private synchronized void remove(String bundle) {
        Gauge gauge = this.gauges.remove(bundle);
        if (gauge != null) {
            this.registry.remove(gauge);
        }
    }

    private double secondsLeft(String bundle) {
        // Asked only between a bundle's removal and its gauge's, if at all.
        return this.catalog.find(bundle)
            .map((summary) -> (double) Duration.between(this.clock.instant(), summary.notAfter()).toSeconds())
            .orElse(0.0);
    }

}
