package io.portal.certificate;

import java.time.Clock;
import java.time.Duration;

/**
 * How long before its expiry a certificate is reported: the one threshold of the health
 * component, the dashboard and the certificate pages. It is Spring Boot's own setting,
 * {@code management.health.ssl.certificate-validity-warning-threshold} (14 days unless
 * set), so that there is no second one.
 *
 * @param threshold the time left under which a certificate is reported
 */
public record ExpiryWarning(Duration threshold) {

    /**
     * The property that sets the threshold.
     */
    public static final String PROPERTY = "management.health.ssl.certificate-validity-warning-threshold";

    /**
     * Whether a certificate expires within the threshold, or has expired.
     * @param summary the certificate
     * @param clock the clock
     * @return whether it is reported
     */
    public boolean isDue(CertificateSummary summary, Clock clock) {
        return summary.timeLeft(clock).compareTo(this.threshold) < 0;
    }

    /**
     * Whether a certificate with this many whole days left is reported, for pages that
     * show days.
     * @param daysLeft whole days left
     * @return whether it is reported
     */
    public boolean isDue(long daysLeft) {
        return Duration.ofDays(daysLeft).compareTo(this.threshold) < 0;
    }

}
