package io.portal.https;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HstsHeaderWriterTests {

    private final HttpsSettings preload = new HttpsSettings(true, 308, true, Duration.ofDays(730), true, true, true);

    @Test
    void theValueStatesMaxAgeInSecondsAndTheFlagsThatAreOn() {
        HttpsSettings plain = new HttpsSettings(false, 308, true, Duration.ofHours(1), false, false, false);
        assertThat(HstsHeaderWriter.value(plain, Duration.ofHours(1))).isEqualTo("max-age=3600");
        assertThat(HstsHeaderWriter.value(this.preload, Duration.ofDays(730)))
            .isEqualTo("max-age=63072000; includeSubDomains; preload");
    }

    @Test
    void aRampAsksForPreloadingOnlyOnceItSendsAYear() {
        assertThat(HstsHeaderWriter.value(this.preload, Duration.ofDays(30))).isEqualTo("max-age=2592000; includeSubDomains");
        assertThat(HstsHeaderWriter.value(this.preload, Duration.ofDays(365)))
            .isEqualTo("max-age=31536000; includeSubDomains; preload");
    }

}
