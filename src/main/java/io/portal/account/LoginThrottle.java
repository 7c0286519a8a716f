package io.portal.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per client address and refuses an address that has failed too
 * often within the window, until the window has passed. In memory: a restart forgets it,
 * which is acceptable for slowing down guessing. Thread-safe.
 */
public class LoginThrottle {

    private final int maxFailures;

    private final Duration window;

    private final Clock clock;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * How long an address must wait before it may try again.
     * @param address the client address
     * @return the wait, zero if it may try now
     */
    public Duration retryAfter(String address) {
        Deque<Instant> recent = this.failures.get(address);
        if (recent == null) {
            return Duration.ZERO;
        }
        synchronized (recent) {
            prune(recent);
            if (recent.size() < this.maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(this.clock.instant(), recent.peekLast().plus(this.window));
        }
    }

    public void failed(String address) {
        Deque<Instant> recent = this.failures.computeIfAbsent(address, (a) -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(this.clock.instant());
        }
    }

    public void succeeded(String address) {
        this.failures.remove(address);
    }

    private void prune(Deque<Instant> recent) {
        Instant cutoff = this.clock.instant().minus(this.window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }

}
