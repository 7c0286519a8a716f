package io.portal.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Limits sign-in attempts per client address: at most {@code maxFailures} failures within
 * the window, after which the address is refused until the oldest failure has left the
 * window. Attempts being checked count against the limit from the moment they begin, so
 * that fifty wrong passwords sent at once get at most {@code maxFailures} checks and the
 * rest are refused unchecked. A success clears the address's failures.
 * <p>
 * In memory, in a Caffeine cache bounded to {@value #MAX_ADDRESSES} addresses, each
 * forgotten once it has been quiet for a window; a restart forgets everything, which is
 * acceptable for slowing down guessing. IPv6 clients are counted per /64 network, since
 * one machine usually holds a whole /64. Thread-safe.
 */
public class LoginThrottle {

    /**
     * How many client addresses are tracked at most; the least recently used go first.
     */
    static final int MAX_ADDRESSES = 100_000;

    private final int maxFailures;

    private final Duration window;

    private final Clock clock;

    private final Cache<String, Attempts> addresses;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.addresses = Caffeine.newBuilder()
            .maximumSize(MAX_ADDRESSES)
            .expireAfterAccess(window)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
    }

    /**
     * Begin a sign-in attempt: reserve one of the address's remaining attempts, or say how
     * long it must wait. A reserved attempt must be ended with {@link #end(String)}.
     * @param address the client address
     * @return empty when the attempt may go ahead, else how long to wait
     */
    public Optional<Duration> begin(String address) {
        Attempts attempts = this.addresses.get(key(address), (key) -> new Attempts());
        synchronized (attempts) {
            Instant now = this.clock.instant();
            attempts.prune(now.minus(this.window));
            if (attempts.failures.size() + attempts.inFlight < this.maxFailures) {
                attempts.inFlight++;
                return Optional.empty();
            }
            if (attempts.failures.size() < this.maxFailures) {
                // Refused only because others are being checked now: worth trying again soon.
                return Optional.of(Duration.ofSeconds(1));
            }
            Instant free = attempts.failures.peekFirst().plus(this.window);
            return Optional.of(Duration.between(now, free).isNegative() ? Duration.ZERO : Duration.between(now, free));
        }
    }

    /**
     * End an attempt begun with {@link #begin(String)}, after it failed, succeeded or
     * checked nothing.
     * @param address the client address
     */
    public void end(String address) {
        Attempts attempts = this.addresses.getIfPresent(key(address));
        if (attempts != null) {
            synchronized (attempts) {
                attempts.inFlight = Math.max(0, attempts.inFlight - 1);
            }
        }
    }

    /**
     * How long an address must wait before it may try again.
     * @param address the client address
     * @return the wait, zero if it may try now
     */
    public Duration retryAfter(String address) {
        Attempts attempts = this.addresses.getIfPresent(key(address));
        if (attempts == null) {
            return Duration.ZERO;
        }
        synchronized (attempts) {
            Instant now = this.clock.instant();
            attempts.prune(now.minus(this.window));
            if (attempts.failures.size() < this.maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, attempts.failures.peekFirst().plus(this.window));
        }
    }

    public void failed(String address) {
        Attempts attempts = this.addresses.get(key(address), (key) -> new Attempts());
        synchronized (attempts) {
            attempts.failures.addLast(this.clock.instant());
            // Only the latest failures decide when the address may try again.
            while (attempts.failures.size() > this.maxFailures) {
                attempts.failures.removeFirst();
            }
        }
    }

    public void succeeded(String address) {
        Attempts attempts = this.addresses.getIfPresent(key(address));
        if (attempts != null) {
            synchronized (attempts) {
                attempts.failures.clear();
            }
        }
    }

    /**
     * How many addresses are tracked now.
     * @return the number
     */
    long trackedAddresses() {
        this.addresses.cleanUp();
        return this.addresses.estimatedSize();
    }

    /**
     * The address as counted: itself, or for IPv6 its /64 network.
     */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address && !parsed.isLoopbackAddress()) {
                byte[] bytes = parsed.getAddress();
                StringBuilder network = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return network.append(":/64").toString();
            }
            return parsed.getHostAddress();
        }
        catch (UnknownHostException ex) {
            return address;
        }
    }

    /**
     * One address's recent failures and the attempts being checked now.
     */
    private static final class Attempts {

        private final Deque<Instant> failures = new ArrayDeque<>();

        private int inFlight;

        void prune(Instant cutoff) {
            while (!this.failures.isEmpty() && !this.failures.peekFirst().isAfter(cutoff)) {
                this.failures.removeFirst();
            }
        }

    }

}
