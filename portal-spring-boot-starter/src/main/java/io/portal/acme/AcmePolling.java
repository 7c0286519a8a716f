package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an ACME resource (a challenge, an order) to reach a state, the way acme4j's
 * {@code waitForStatus} and {@code Order.waitUntilReady} do, with a schedule of its own:
 * the first pause is a tenth of a second (a CA that validates at once, as a private or
 * test CA often does, answers within it, and an issuance waits up to three times), later
 * pauses grow by half (the seventh is about 1 s, six polls in the first two seconds) up to
 * {@link #LONGEST_PAUSE} (from the thirteenth on),
 * and a Retry-After the CA sends is honoured whatever it says, up to the {@link #TIMEOUT}.
 */
final class AcmePolling {

    /**
     * How long the CA may take to validate a domain, or to issue after finalization.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private AcmePolling() {
    }

    /**
     * How long to pause before the next poll.
     * @param retryAfter when the CA asked to be polled again, or {@code null}
     * @param now the current time
     * @param pause the pause of the schedule when the CA asks nothing
     * @return the pause
     */
    static Duration pause(Instant retryAfter, Instant now, Duration pause) {
        if (retryAfter == null) {
            return pause;
        }
        Duration asked = Duration.between(now, retryAfter);
        return asked.isNegative() ? Duration.ZERO : asked;
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
        return await(resource, done, (pause) -> Thread.sleep(pause.toMillis()));
    }

    /**
     * Poll until the resource reaches one of the given states, pausing with the given pauses.
     * @param resource the resource
     * @param done the final states
     * @param pauses how to wait between polls
     * @return the state reached
     * @throws AcmeException if the CA cannot be asked
     * @throws InterruptedException if interrupted while pausing
     * @throws IssuanceException if no final state is reached within {@link #TIMEOUT}
     */
    static Status await(PollableResource resource, Set<Status> done, Pauses pauses) throws AcmeException, InterruptedException {
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
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Duration wait = pause(retryAfter.orElse(null), Instant.now(), pause);
            pauses.pause(Duration.ofMillis(Math.max(1, Math.min(wait.toMillis(), left + 1))));
            Duration longer = pause.multipliedBy(3).dividedBy(2);
            pause = (longer.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : longer;
        }
    }

    /**
     * A pause between two polls; it may end early.
     */
    @FunctionalInterface
    interface Pauses {

        void pause(Duration pause) throws InterruptedException;

    }

}
