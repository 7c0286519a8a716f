package io.portal.binding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InvalidBindingFailureAnalyzerTests {

    private final InvalidBindingFailureAnalyzer analyzer = new InvalidBindingFailureAnalyzer();

    @Test
    void anHttpsBindingWithoutCertificateIsNamedWithTheSettingToSet() {
        InvalidBindingException invalid = invalid(new Binding("secure", Scheme.HTTPS, null, 8443, null, Map.of(), List.of(),
                List.of(), Binding.Source.CONFIG));
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("bindingConnectors", "Error creating bean", invalid));
        assertThat(analysis.getDescription()).isEqualTo("Binding 'secure' is HTTPS but has no certificate (ssl-bundle is not set).");
        assertThat(analysis.getAction()).startsWith("Set portal.bindings.secure.ssl-bundle to an SSL bundle: ").contains("portal");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }

    @Test
    void aPortOutOfRangeIsNamedWithTheRange() {
        InvalidBindingException invalid = invalid(new Binding("web", Scheme.HTTP, null, 70000, null, Map.of(), List.of(),
                List.of(), Binding.Source.CONFIG));
        FailureAnalysis analysis = this.analyzer.analyze(invalid);
        assertThat(analysis.getDescription()).isEqualTo("Binding 'web' has port 70000, which is outside 1-65535.");
        assertThat(analysis.getAction()).isEqualTo("Set portal.bindings.web.port to a port between 1 and 65535, such as 80 or 8080.");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new BeanCreationException("x", "Error creating bean", new IllegalStateException("port")))).isNull();
    }

    private static InvalidBindingException invalid(Binding binding) {
        return catchThrowableOfType(InvalidBindingException.class, () -> new BindingValidator().validate(binding, Set.of("portal")));
    }

}
