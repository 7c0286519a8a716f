package io.portal.https;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpsSettingTests {

    @Test
    void aSettingGoesByItsPropertyItsKebabCaseOptionAndTheCamelCaseNameOctopusDocuments() {
        assertThat(HttpsSetting.named("portal.hsts.max-age")).contains(HttpsSetting.HSTS_MAX_AGE);
        assertThat(HttpsSetting.named("hsts-max-age")).contains(HttpsSetting.HSTS_MAX_AGE);
        assertThat(HttpsSetting.named("hstsMaxAge")).contains(HttpsSetting.HSTS_MAX_AGE);
        assertThat(HttpsSetting.named("hstsEnabled")).contains(HttpsSetting.HSTS_ENABLED);
        assertThat(HttpsSetting.named("redirectHttpToHttps")).contains(HttpsSetting.REDIRECT_HTTP_TO_HTTPS);
        assertThat(HttpsSetting.named("webForceSSL")).contains(HttpsSetting.REDIRECT_HTTP_TO_HTTPS);
        assertThat(HttpsSetting.named("hsts-max")).isEmpty();
        assertThat(HttpsSetting.HSTS_INCLUDE_SUB_DOMAINS.option()).isEqualTo("hsts-include-sub-domains");
    }

    @Test
    void maxAgeIsSecondsWhenAPlainNumberAndOtherwiseADuration() {
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("31556926")).isEqualTo(Duration.ofSeconds(31556926));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aNegativeOrMalformedMaxAgeIsRefusedWithAnExample() {
        assertThatIllegalArgumentException().isThrownBy(() -> HttpsSetting.HSTS_MAX_AGE.parse("-5"))
            .withMessage("'-5' is negative; max-age is 0 or more, such as 3600, 1h or 365d");
        assertThatIllegalArgumentException().isThrownBy(() -> HttpsSetting.HSTS_MAX_AGE.parse("a year"))
            .withMessageContaining("is not a duration; give seconds (31536000) or a duration such as 1h, 365d or 1y");
        assertThatIllegalArgumentException().isThrownBy(() -> HttpsSetting.HSTS_MAX_AGE.parse(null))
            .withMessage("it needs a value");
    }

    @Test
    void aBooleanOptionWithoutAValueMeansTrue() {
        assertThat(HttpsSetting.HSTS_ENABLED.parse(null)).isEqualTo(true);
        assertThat(HttpsSetting.HSTS_ENABLED.parse("FALSE")).isEqualTo(false);
        assertThatIllegalArgumentException().isThrownBy(() -> HttpsSetting.HSTS_ENABLED.parse("yes"))
            .withMessage("'yes' is not true or false");
    }

    @Test
    void onlyTheFourRedirectStatusesAreAccepted() {
        assertThat(HttpsSetting.REDIRECT_STATUS.parse("307")).isEqualTo(307);
        assertThatIllegalArgumentException().isThrownBy(() -> HttpsSetting.REDIRECT_STATUS.parse("303"))
            .withMessageStartingWith("'303' is not a redirect status the portal sends; use 308");
    }

    @Test
    void durationsAreShownInDaysHoursMinutesAndSecondsAndReadBackAsTheSame() {
        assertThat(HttpsSetting.formatDuration(Duration.ofSeconds(31556926))).isEqualTo("365d5h48m46s");
        assertThat(HttpsSetting.formatDuration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(HttpsSetting.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(HttpsSetting.HSTS_MAX_AGE.parse("365d5h48m46s")).isEqualTo(Duration.ofSeconds(31556926));
    }

}
