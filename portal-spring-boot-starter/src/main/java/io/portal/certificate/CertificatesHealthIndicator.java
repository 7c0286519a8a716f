package io.portal.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code certificates} health component, the portal's only one about certificates
 * (Spring Boot's own {@code ssl} component is switched off by the portal's defaults, as
 * it answers OUT_OF_SERVICE, 503, for any expired certificate, used or not).
 * <p>
 * Any problem with a certificate is {@link #WARNING}: one that expires within the
 * {@link ExpiryWarning} threshold, has expired or is not valid yet, whose last renewal
 * failed, a temporary certificate, or a bundle that cannot be served. WARNING ranks
 * between DOWN and UP and answers with HTTP 200: the portal still serves, and a load
 * balancer or orchestrator that took the node out or restarted it would turn a
 * certificate that expires next week into an outage now, without fixing anything.
 * Monitoring should alert on WARNING.
 * <p>
 * DOWN (503) is kept for a portal that cannot serve HTTPS at all: it has HTTPS bindings and
 * none of them listens (each one failed, for instance because its stored certificate
 * could not be read or its port is taken). Then taking the node out is right.
 */
public class CertificatesHealthIndicator implements HealthIndicator {

    /**
     * Something about a certificate needs an operator's attention soon.
     */
    public static final Status WARNING = new Status("WARNING",
            "A certificate expires soon, its renewal failed, or it is temporary");

    private final CertificateCatalog catalog;

    private final CertificateRenewals renewals;

    private final ObjectProvider<ServedBundles> served;

    private final ExpiryWarning expiryWarning;

    private final Clock clock;

    public CertificatesHealthIndicator(CertificateCatalog catalog, CertificateRenewals renewals,
            ObjectProvider<ServedBundles> served, ExpiryWarning expiryWarning, Clock clock) {
        this.catalog = catalog;
        this.renewals = renewals;
        this.served = served;
        this.expiryWarning = expiryWarning;
        this.clock = clock;
    }

    @Override
    public Health health() {
        boolean warning = false;
        Map<String, Object> details = new LinkedHashMap<>();
        ServedBundles listeners = this.served.getIfAvailable();
        for (CertificateCatalog.Entry entry : this.catalog.entries()) {
            Map<String, Object> bundle = new LinkedHashMap<>();
            List<String> warnings = warnings(entry, bundle);
            if (listeners != null) {
                bundle.put("servedBy", listeners.servedBy(entry.bundle()));
            }
            if (!warnings.isEmpty()) {
                bundle.put("warnings", warnings);
                warning = true;
            }
            details.put(entry.bundle(), bundle);
        }
        if (listeners != null && listeners.noHttpsListener()) {
            return Health.down().withDetail("listeners", listeners.failedHttpsBindings()).withDetails(details).build();
        }
        return Health.status(warning ? WARNING : Status.UP).withDetails(details).build();
    }

    private List<String> warnings(CertificateCatalog.Entry entry, Map<String, Object> bundle) {
        Instant now = this.clock.instant();
        List<String> warnings = new ArrayList<>();
        CertificateSummary summary = entry.summary();
        if (summary == null) {
            warnings.add("cannot be served: " + entry.problem().getReason());
        }
        else {
            if (entry.problem() != null) {
                warnings.add("the latest certificate given for it cannot be served (" + entry.problem().getReason()
                        + "); the previous one stays in use");
            }
            bundle.put("subject", summary.subject());
            bundle.put("notBefore", summary.notBefore().toString());
            bundle.put("notAfter", summary.notAfter().toString());
            Duration left = Duration.between(now, summary.notAfter());
            if (left.isNegative()) {
                warnings.add("expired on " + summary.notAfter());
            }
            else if (now.isBefore(summary.notBefore())) {
                warnings.add("not valid until " + summary.notBefore() + "; clients refuse it until then");
            }
            else if (this.expiryWarning.isDue(summary, this.clock)) {
                warnings.add("expires in " + left.toDays() + " days, on " + summary.notAfter());
            }
        }
        renewal(entry.bundle()).ifPresent((status) -> {
            if (status.temporary()) {
                warnings.add("serves a temporary self-signed certificate until the CA issues one");
            }
            if (status.failing()) {
                warnings.add("the last renewal failed at " + status.lastFailureAt() + ": " + status.lastError()
                        + (status.nextAttemptAt() != null ? " (next attempt at " + status.nextAttemptAt() + ")" : ""));
            }
            if (status.lastRenewedAt() != null) {
                bundle.put("lastRenewed", status.lastRenewedAt().toString());
            }
        });
        return warnings;
    }

    private Optional<RenewalStatus> renewal(String bundle) {
        return this.renewals.status(bundle);
    }

}
