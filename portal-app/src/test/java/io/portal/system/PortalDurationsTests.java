package io.portal.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PortalDurationsTests {

    @Test
    void aPlainNumberIsSeconds() {
        assertThat(PortalDurations.parse("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(PortalDurations.parse(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void unitsFromMillisecondsToYearsCanBeCombined() {
        assertThat(PortalDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(PortalDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PortalDurations.parse("365d")).isEqualTo(Duration.ofDays(365));
        assertThat(PortalDurations.parse("52w")).isEqualTo(Duration.ofDays(364));
        assertThat(PortalDurations.parse("1Y")).isEqualTo(Duration.ofDays(365));
        assertThat(PortalDurations.parse("1d12h5s")).isEqualTo(Duration.ofHours(36).plusSeconds(5));
    }

    @Test
    void isoDurationsAreAcceptedToo() {
        assertThat(PortalDurations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PortalDurations.parse("p2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void negativeOrMalformedDurationsAreRefusedWithAnExample() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("-5s"))
            .withMessage("'-5s' is negative; give 0 or more, such as 3600, 1h or 365d");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("PT-5S")).withMessageContaining("is negative");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("banana"))
            .withMessage("'banana' is not a duration; give seconds (31536000) or a duration such as 1h, 365d or 1y");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("1 h")).withMessageContaining("not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("10us")).withMessageContaining("not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("")).withMessageContaining("needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse("99999999999999999999y"))
            .withMessageContaining("not a duration");
    }

    @Test
    void aLongValueIsNotRepeatedInFull() {
        String longValue = "x".repeat(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> PortalDurations.parse(longValue))
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300).contains("(10000 characters)"));
    }

    @Test
    void formattedDurationsReadBackAsTheSame() {
        for (Duration duration : new Duration[] { Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(31556926),
                Duration.ofDays(365), Duration.ofMinutes(90) }) {
            assertThat(PortalDurations.parse(PortalDurations.format(duration))).isEqualTo(duration);
        }
        assertThat(PortalDurations.format(Duration.ofSeconds(31556926))).isEqualTo("365d5h48m46s");
        assertThat(PortalDurations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    }

}
