package io.portal.system;

import java.util.List;
import java.util.Map;

import io.portal.binding.BindingProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnknownPropertiesFailureAnalyzerTests {

    private final UnknownPropertiesFailureAnalyzer analyzer = new UnknownPropertiesFailureAnalyzer();

    @Test
    void aTypoIsNamedWithWhereItWasSetAndTheNameItMeant() {
        UnknownPropertiesException unknown = unknown(Map.of("portal.bindings.secure.ssl-bundel", "shop"));
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("strictConfiguration", "Error creating bean", unknown));
        assertThat(analysis.getDescription()).startsWith("The configuration sets a setting the portal does not have, so it would be ignored:")
            .contains("portal.bindings.secure.ssl-bundel ('portal.bindings.secure.ssl-bundel' of property source 'operator')");
        assertThat(analysis.getAction()).startsWith("Rename portal.bindings.secure.ssl-bundel to portal.bindings.secure.ssl-bundle.")
            .endsWith("All settings, with their defaults, are listed in application.yml.");
        assertThat(analysis.getCause()).isSameAs(unknown);
    }

    @Test
    void aNameFarFromAnyIsToBeRemovedOrReplacedByOneOfItsGroup() {
        UnknownPropertiesException unknown = unknown(Map.of("portal.bindings.web.listen-backlog", "100"));
        FailureAnalysis analysis = this.analyzer.analyze(unknown);
        assertThat(analysis.getDescription()).contains("portal.bindings.web.listen-backlog");
        assertThat(analysis.getAction()).startsWith("Remove portal.bindings.web.listen-backlog, or use one of the settings of portal.bindings.web: ")
            .contains("port").contains("ssl-bundle").contains("scheme");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new BeanCreationException("x", "Error creating bean",
                new IllegalArgumentException("portal.bindings.web.prot")))).isNull();
    }

    private static UnknownPropertiesException unknown(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator", properties));
        UnknownPropertiesException unknown = catchThrowableOfType(UnknownPropertiesException.class,
                () -> UnknownProperties.check(environment, List.of(BindingProperties.class)));
        assertThat(unknown).as("unknown %s", properties).isNotNull();
        return unknown;
    }

}
