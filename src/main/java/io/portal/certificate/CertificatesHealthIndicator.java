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
 * The {@code certificates} health component. It reports {@link #WARNING} when a certificate
 * expires within {@link #EXPIRY_WARNING} (or has expired), when its last renewal failed,
 * when a temporary certificate is served, or when a bundle cannot be served.
 * <p>
 * WARNING ranks between DOWN and UP and answers with HTTP 200, deliberately not DOWN or
 * OUT_OF_SERVICE: the portal still serves, and a load balancer or orchestrator that took
 * the node out or restarted it would turn a certificate that expires next week into an
 * outage now, without fixing anything. Monitoring should alert on WARNING.
 */
public class CertificatesHealthIndicator implements HealthIndicator {

    /**
     * Something about a certificate needs an operator's attention soon.
     */
    public static final Status WARNING = new Status("WARNING",
            "A certificate expires soon, its renewal failed, or it is temporary");

    /**
     * How long before expiry a certificate is reported.
     */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final CertificateCatalog catalog;

    private final ObjectProvider<CertificateRenewals> renewals;

    private final Clock clock;

    public CertificatesHealthIndicator(CertificateCatalog catalog, ObjectProvider<CertificateRenewals> renewals,
            Clock clock) {
        this.catalog = catalog;
        this.renewals = renewals;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = this.clock.instant();
        boolean warning = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (CertificateCatalog.Entry entry : this.catalog.entries()) {
            Map<String, Object> bundle = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            CertificateSummary summary = entry.summary();
            if (summary == null) {
                warnings.add("cannot be served: " + entry.problem().getReason());
            }
            else {
                bundle.put("subject", summary.subject());
                bundle.put("notAfter", summary.notAfter().toString());
                Duration left = Duration.between(now, summary.notAfter());
                if (left.isNegative()) {
                    warnings.add("expired on " + summary.notAfter());
                }
                else if (left.compareTo(EXPIRY_WARNING) < 0) {
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
            if (!warnings.isEmpty()) {
                bundle.put("warnings", warnings);
                warning = true;
            }
            details.put(entry.bundle(), bundle);
        }
        return Health.status(warning ? WARNING : Status.UP).withDetails(details).build();
    }

    private Optional<RenewalStatus> renewal(String bundle) {
        CertificateRenewals source = this.renewals.getIfAvailable();
        return (source != null) ? source.status(bundle) : Optional.empty();
    }

}
