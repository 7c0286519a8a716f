package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an ACME resource (a challenge, an order) to reach a final state. acme4j's own
 * wait pauses 3 seconds between polls when the CA sends no Retry-After; a CA without
 * artificial delay decides in milliseconds, so this polls fast at first and backs off,
 * and always honours the CA's Retry-After.
 */
final class AcmePolling {

    /**
     * How long the CA may take to validate a domain, or to issue after finalization.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(30);

    private AcmePolling() {
    }

    /**
     * Poll until the resource reaches one of the given states. Pauses use wall-clock time
     * on purpose: they wait for a remote server, and the CA's Retry-After is a wall-clock
     * instant, unlike the renewal decisions, which read the injected clock.
     * @param resource the resource
     * @param done the final states
     * @return the state reached
     * @throws AcmeException if the CA cannot be asked
     * @throws InterruptedException if interrupted while pausing
     * @throws IssuanceException if no final state is reached within {@link #TIMEOUT}
     */
    static Status await(PollableResource resource, Set<Status> done) throws AcmeException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (done.contains(status)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IssuanceException("The CA left the request " + status.name().toLowerCase() + " for more than "
                        + TIMEOUT.toMinutes() + " minutes.");
            }
            Duration wait = retryAfter.map((at) -> Duration.between(Instant.now(), at))
                .filter((d) -> !d.isNegative())
                .map((d) -> (d.compareTo(LONGEST_RETRY_AFTER) > 0) ? LONGEST_RETRY_AFTER : d)
                .orElse(pause);
            Thread.sleep(Math.max(1, wait.toMillis()));
            Duration longer = pause.multipliedBy(3).dividedBy(2);
            pause = (longer.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : longer;
        }
    }

}
