package io.portal.cli;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.portal.https.HttpsSetting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfigureOptionsTests {

    @Test
    void octopusOptionsBecomeSettings() {
        ConfigureOptions options = ConfigureOptions.parse(new String[] { "--hstsEnabled=true", "--hstsMaxAge=31556926",
                "--webForceSSL=true" });
        assertThat(options.values()).isEqualTo(Map.of(HttpsSetting.HSTS_ENABLED, true, HttpsSetting.HSTS_MAX_AGE,
                Duration.ofSeconds(31556926), HttpsSetting.REDIRECT_HTTP_TO_HTTPS, true));
        assertThat(options.show()).isFalse();
        assertThat(options.springArgs()).isEmpty();
    }

    @Test
    void optionsWithADotThatNameNoSettingGoToSpringBoot() {
        ConfigureOptions options = ConfigureOptions.parse(new String[] { "--hsts-enabled", "--portal.hsts.max-age=2h",
                "--portal.data-dir=/var/lib/portal", "--show" });
        assertThat(options.values()).isEqualTo(Map.of(HttpsSetting.HSTS_ENABLED, true, HttpsSetting.HSTS_MAX_AGE,
                Duration.ofHours(2)));
        assertThat(options.springArgs()).containsExactly("--portal.data-dir=/var/lib/portal");
        assertThat(options.show()).isTrue();
    }

    @Test
    void urlNamesTheRunningPortal() {
        ConfigureOptions options = ConfigureOptions.parse(new String[] { "--url=https://portal.example.com:8443", "--show" });
        assertThat(options.url()).isEqualTo("https://portal.example.com:8443");
        assertThat(options.springArgs()).isEmpty();
    }

    @Test
    void resetNamesSettingsOrMeansAllOfThem() {
        assertThat(ConfigureOptions.parse(new String[] { "--reset" }).reset()).isEqualTo(EnumSet.allOf(HttpsSetting.class));
        assertThat(ConfigureOptions.parse(new String[] { "--reset=hstsMaxAge,hsts-ramp" }).reset())
            .containsExactlyInAnyOrder(HttpsSetting.HSTS_MAX_AGE, HttpsSetting.HSTS_RAMP);
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigureOptions.parse(new String[] { "--reset", "--hsts-ramp" }))
            .withMessage("Setting hsts-ramp is both given and reset; either give --hsts-ramp=<value> or reset it, not both.");
    }

    @Test
    void eachMistakeIsOneLineThatNamesTheOption() {
        assertThat(message("--hsts-max-age=-5"))
            .isEqualTo("Invalid option --hsts-max-age=-5: '-5' is negative; max-age is 0 or more, such as 3600, 1h or 365d. "
                    + "Nothing was changed.");
        assertThat(message("--hsts-maxage-seconds=5")).startsWith("Unknown option --hsts-maxage-seconds. Give settings such as");
        assertThat(message("hsts-enabled")).startsWith("Unexpected argument 'hsts-enabled': options look like --hsts-enabled=true.");
        assertThat(message("--hsts-enabled", "--hstsEnabled=false")).isEqualTo("Option --hstsEnabled sets hsts-enabled again; "
                + "give each setting once.");
        assertThat(message("--reset=hsts")).startsWith("Invalid option --reset=hsts: 'hsts' is not a setting.");
        assertThat(message("--portal.hsts.max-agee=1h")).startsWith("Unknown option --portal.hsts.max-agee. Give settings such as");
        assertThat(message("--show=yes")).isEqualTo("Option --show takes no value (it was given 'yes'); write --show. "
                + "Nothing was changed.");
        assertThat(message("--url")).startsWith("Option --url needs the portal's address");
        for (String message : List.of(message("--hsts-max-age=-5"), message("--nope"))) {
            assertThat(message.lines()).hasSize(1);
        }
    }

    private static String message(String... args) {
        try {
            ConfigureOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("Accepted " + List.of(args));
    }

}
