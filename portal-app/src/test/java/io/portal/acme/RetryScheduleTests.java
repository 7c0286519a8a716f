package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTests {

    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void retriesAfterOneMinuteThenTenThenAHundredThenDaily() {
        assertThat(RetrySchedule.next(1, this.now, Optional.empty())).isEqualTo(this.now.plus(Duration.ofMinutes(1)));
        assertThat(RetrySchedule.next(2, this.now, Optional.empty())).isEqualTo(this.now.plus(Duration.ofMinutes(10)));
        assertThat(RetrySchedule.next(3, this.now, Optional.empty())).isEqualTo(this.now.plus(Duration.ofMinutes(100)));
        assertThat(RetrySchedule.next(4, this.now, Optional.empty())).isEqualTo(this.now.plus(Duration.ofDays(1)));
        assertThat(RetrySchedule.next(40, this.now, Optional.empty())).isEqualTo(this.now.plus(Duration.ofDays(1)));
    }

    @Test
    void aLongerRetryAfterFromTheCaWins() {
        Instant caSays = this.now.plus(Duration.ofHours(3));
        assertThat(RetrySchedule.next(1, this.now, Optional.of(caSays))).isEqualTo(caSays);
    }

    @Test
    void aShorterRetryAfterFromTheCaDoesNotShortenTheBackoff() {
        assertThat(RetrySchedule.next(2, this.now, Optional.of(this.now.plusSeconds(5))))
            .isEqualTo(this.now.plus(Duration.ofMinutes(10)));
    }

}
