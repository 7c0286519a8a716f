package io.portal.https;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class HttpsSettingsTests {

    private final HttpsSettings defaults = HttpsSettings.of(new HttpsProperties());

    @Test
    void theDefaultsForceNothingAndWouldSendOneHourOfHsts() {
        assertThat(this.defaults).isEqualTo(new HttpsSettings(false, 308, false, Duration.ofHours(1), false, false, false));
    }

    @Test
    void storedValuesAreLaidOverTheConfiguredOnes() {
        HttpsSettings settings = this.defaults.with(Map.of(HttpsSetting.HSTS_ENABLED, true, HttpsSetting.HSTS_MAX_AGE,
                Duration.ofDays(2)));
        assertThat(settings.hstsEnabled()).isTrue();
        assertThat(settings.hstsMaxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.redirectStatus()).isEqualTo(308);
        for (HttpsSetting setting : HttpsSetting.values()) {
            assertThat(this.defaults.with(setting, settings.get(setting)).get(setting)).isEqualTo(settings.get(setting));
        }
    }

    @Test
    void preloadNeedsAYearOfMaxAgeAndSubDomains() {
        HttpsSettings preload = this.defaults.with(HttpsSetting.HSTS_PRELOAD, true);
        assertThatExceptionOfType(InvalidHttpsSettingsException.class).isThrownBy(preload::checkConsistent)
            .withMessage("portal.hsts.preload is on, but preload lists also require max-age of at least 365d (it is 1h) "
                    + "and include-sub-domains.")
            .satisfies((ex) -> assertThat(ex.getAction()).contains("configure --hsts-max-age=365d --hsts-include-sub-domains=true"));
        HttpsSettings year = preload.with(HttpsSetting.HSTS_MAX_AGE, Duration.ofDays(365));
        assertThatExceptionOfType(InvalidHttpsSettingsException.class).isThrownBy(year::checkConsistent)
            .withMessage("portal.hsts.preload is on, but preload lists also require include-sub-domains.");
        assertThatNoException().isThrownBy(year.with(HttpsSetting.HSTS_INCLUDE_SUB_DOMAINS, true)::checkConsistent);
    }

    @Test
    void aNegativeMaxAgeOrAnUnknownRedirectStatusFromConfigurationIsRefused() {
        assertThatExceptionOfType(InvalidHttpsSettingsException.class)
            .isThrownBy(this.defaults.with(HttpsSetting.HSTS_MAX_AGE, Duration.ofSeconds(-1))::checkConsistent)
            .withMessage("portal.hsts.max-age is negative.");
        assertThatExceptionOfType(InvalidHttpsSettingsException.class)
            .isThrownBy(this.defaults.with(HttpsSetting.REDIRECT_STATUS, 303)::checkConsistent)
            .withMessage("portal.redirect-status is 303, which is not a redirect status the portal sends.");
    }

}
