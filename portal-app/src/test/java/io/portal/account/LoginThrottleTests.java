package io.portal.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

    private final StoppedClock clock = new StoppedClock();

    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), this.clock);

    @Test
    void attemptsBeingCheckedCountAgainstTheLimitSoParallelGuessesGetNoMoreChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch admittedAll = new CountDownLatch(1);
        List<Future<Boolean>> admitted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            admitted.add(pool.submit(() -> {
                start.await();
                boolean mayCheck = this.throttle.begin("203.0.113.7").isEmpty();
                if (mayCheck) {
                    admittedAll.await();
                    this.throttle.failed("203.0.113.7");
                    this.throttle.end("203.0.113.7");
                }
                return mayCheck;
            }));
        }
        start.countDown();
        Thread.sleep(200);
        admittedAll.countDown();
        long checked = 0;
        for (Future<Boolean> answer : admitted) {
            checked += answer.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(checked).isEqualTo(5);
        assertThat(this.throttle.begin("203.0.113.7")).hasValueSatisfying((wait) -> assertThat(wait).isEqualTo(Duration.ofMinutes(5)));
        assertThat(this.throttle.begin("203.0.113.8")).as("another address").isEmpty();
    }

    @Test
    void anAddressRefusedOnlyBecauseOthersAreBeingCheckedMayTryAgainSoon() {
        for (int i = 0; i < 5; i++) {
            assertThat(this.throttle.begin("203.0.113.7")).isEmpty();
        }
        assertThat(this.throttle.begin("203.0.113.7")).contains(Duration.ofSeconds(1));
        this.throttle.end("203.0.113.7");
        assertThat(this.throttle.begin("203.0.113.7")).isEmpty();
    }

    @Test
    void anAddressMayTryAgainOnceItsOldestFailureHasLeftTheWindow() {
        for (int i = 0; i < 5; i++) {
            this.throttle.failed("203.0.113.7");
            this.clock.advance(Duration.ofMinutes(1));
        }
        this.clock.advance(Duration.ofSeconds(-30));
        assertThat(this.throttle.retryAfter("203.0.113.7")).isEqualTo(Duration.ofSeconds(30));
        assertThat(this.throttle.begin("203.0.113.7")).contains(Duration.ofSeconds(30));
        this.clock.advance(Duration.ofSeconds(30));
        assertThat(this.throttle.begin("203.0.113.7")).isEmpty();
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < 5; i++) {
            this.throttle.failed("203.0.113.7");
        }
        assertThat(this.throttle.begin("203.0.113.7")).isPresent();
        this.throttle.succeeded("203.0.113.7");
        assertThat(this.throttle.begin("203.0.113.7")).isEmpty();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfAddresses() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 20_000; i++) {
            this.throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(this.throttle.trackedAddresses()).isLessThanOrEqualTo(LoginThrottle.MAX_ADDRESSES);
        this.clock.advance(Duration.ofMinutes(6));
        assertThat(this.throttle.trackedAddresses()).as("quiet for a window: forgotten").isZero();
    }

    @Test
    void ipv6ClientsAreCountedPerNetwork() {
        for (int i = 0; i < 5; i++) {
            this.throttle.failed("2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        Optional<Duration> refused = this.throttle.begin("2001:db8:1:2:ffff::9");
        assertThat(refused).isPresent();
        assertThat(this.throttle.begin("2001:db8:1:3::1")).as("another /64").isEmpty();
        assertThat(LoginThrottle.key("::1")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    /**
     * A clock that stands still until the test moves it.
     */
    static final class StoppedClock extends java.time.Clock {

        private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public java.time.Instant instant() {
            return this.now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

    }

}
