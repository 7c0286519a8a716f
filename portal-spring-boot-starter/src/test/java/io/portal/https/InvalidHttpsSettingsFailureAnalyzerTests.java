package io.portal.https;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InvalidHttpsSettingsFailureAnalyzerTests {

    private final InvalidHttpsSettingsFailureAnalyzer analyzer = new InvalidHttpsSettingsFailureAnalyzer();

    @Test
    void aStatusThatIsNotARedirectIsNamedWithTheStatusesToUse() {
        InvalidHttpsSettingsException invalid = invalid(new HttpsSettings(true, 303, false, Duration.ofDays(365), false, false, false));
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("httpsSettingsService", "Error creating bean", invalid));
        assertThat(analysis.getDescription())
            .isEqualTo("portal.redirect-status is 303, which is not a redirect status the portal sends.");
        assertThat(analysis.getAction()).isEqualTo("Use 308 (the default: permanent, keeps method and body), 301, 302 or 307.");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }

    @Test
    void preloadWithoutItsRequirementsNamesWhatIsMissing() {
        InvalidHttpsSettingsException invalid = invalid(new HttpsSettings(true, 308, true, Duration.ofDays(30), false, true, false));
        FailureAnalysis analysis = this.analyzer.analyze(invalid);
        assertThat(analysis.getDescription()).startsWith("portal.hsts.preload is on, but preload lists also require max-age of at least 365d")
            .contains("include-sub-domains");
        assertThat(analysis.getAction()).startsWith("Also set hsts-max-age to 365d or more and hsts-include-sub-domains to true")
            .endsWith("or turn preload off.");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new IllegalArgumentException("portal.redirect-status"))).isNull();
    }

    private static InvalidHttpsSettingsException invalid(HttpsSettings settings) {
        return catchThrowableOfType(InvalidHttpsSettingsException.class, settings::checkConsistent);
    }

}
