package io.portal.acme;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the portal waits between polls of the CA.
 */
class AcmePollingTests {

    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void pollingStartsAtATenthOfASecondAndBacksOffToTenSeconds() {
        assertThat(AcmePolling.FIRST_PAUSE).isEqualTo(Duration.ofMillis(100));
        assertThat(AcmePolling.LONGEST_PAUSE).isEqualTo(Duration.ofSeconds(10));
        assertThat(AcmePolling.pause(null, this.now, AcmePolling.FIRST_PAUSE)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theCasRetryAfterIsHonouredWhateverItSays() {
        assertThat(AcmePolling.pause(this.now.plusSeconds(3), this.now, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(3));
        assertThat(AcmePolling.pause(this.now.plusSeconds(90), this.now, Duration.ofSeconds(1)))
            .as("longer than the portal's own longest pause").isEqualTo(Duration.ofSeconds(90));
        assertThat(AcmePolling.pause(this.now.minusSeconds(5), this.now, Duration.ofSeconds(4)))
            .as("a Retry-After that has passed").isEqualTo(Duration.ZERO);
    }

}
