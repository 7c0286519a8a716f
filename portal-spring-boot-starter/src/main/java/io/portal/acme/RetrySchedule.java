package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to try again after a failed attempt to obtain a certificate.
 *
 * <table>
 * <caption>The retry table</caption>
 * <tr><th>Consecutive failures</th><th>Next attempt after</th></tr>
 * <tr><td>1</td><td>1 minute</td></tr>
 * <tr><td>2</td><td>10 minutes</td></tr>
 * <tr><td>3</td><td>100 minutes</td></tr>
 * <tr><td>4 and more</td><td>1 day</td></tr>
 * </table>
 * <p>
 * Why: these are the steps Let's Encrypt's integration guide recommends. A quick first
 * retry rides out a blip (a restarting proxy, a CA deploy, a DNS change still spreading);
 * the growing steps keep a setup that is broken for good from burning the CA's limit on
 * failed validations (5 per account and host name per hour at Let's Encrypt) and from
 * flooding the logs; once a day then keeps trying for the weeks a certificate has left
 * when renewal starts (30 days of a 90-day certificate) while the working certificate
 * stays in use. When the CA asks for a longer pause (Retry-After on a rate limit), the
 * CA wins. Failures are counted in the state store, so restarts do not reset the backoff.
 */
final class RetrySchedule {

    /**
     * The pauses, by the number of consecutive failures; the last one repeats.
     */
    static final List<Duration> PAUSES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofMinutes(100), Duration.ofDays(1));

    private RetrySchedule() {
    }

    /**
     * The pause after a number of consecutive failures.
     * @param failures consecutive failures, at least 1
     * @return the pause
     */
    static Duration pause(int failures) {
        return PAUSES.get(Math.min(Math.max(failures, 1), PAUSES.size()) - 1);
    }

    /**
     * When to attempt again.
     * @param failures consecutive failures including the one that just happened
     * @param now the time of the failure
     * @param retryAfter when the CA asked to be contacted again, if it did
     * @return the later of the table's time and the CA's
     */
    static Instant next(int failures, Instant now, Optional<Instant> retryAfter) {
        Instant next = now.plus(pause(failures));
        return retryAfter.filter(next::isBefore).orElse(next);
    }

}
