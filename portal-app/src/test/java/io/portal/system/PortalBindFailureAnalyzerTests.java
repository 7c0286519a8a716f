package io.portal.system;

import java.util.Map;

import jakarta.validation.Validation;
import io.portal.account.AdminProperties;
import io.portal.binding.BindingProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortalBindFailureAnalyzerTests {

    private final PortalBindFailureAnalyzer analyzer = new PortalBindFailureAnalyzer();

    @Test
    void aPortThatIsNotANumberIsNamedWithWhereItWasSetAndWhatToWrite() {
        BindException failure = bind(Map.of("portal.bindings.web.port", "eighty"), "portal", BindingProperties.class, false);
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("bindingProperties", "Could not bind", failure));
        assertThat(analysis.getDescription()).isEqualTo("portal.bindings.web.port ('portal.bindings.web.port' of property source "
                + "'operator') cannot be used: 'eighty' is not a whole number.");
        assertThat(analysis.getAction()).isEqualTo("Set portal.bindings.web.port ('portal.bindings.web.port' of property source "
                + "'operator') to a whole number.");
        assertThat(analysis.getCause()).isSameAs(failure);
    }

    @Test
    void aSchemeThatIsNotOneOfTheChoicesListsThem() {
        BindException failure = bind(Map.of("portal.bindings.web.scheme", "ftp"), "portal", BindingProperties.class, false);
        FailureAnalysis analysis = this.analyzer.analyze(failure);
        assertThat(analysis.getDescription()).startsWith("portal.bindings.web.scheme (").endsWith("cannot be used: 'ftp' is not one of http, https.");
        assertThat(analysis.getAction()).startsWith("Set portal.bindings.web.scheme (").endsWith(") to one of http, https.");
    }

    @Test
    void aValueOutOfRangeIsNamedWithTheRule() {
        BindException failure = bind(Map.of("portal.admin.max-failed-logins", "0"), "portal.admin", AdminProperties.class, true);
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("adminProperties", "Could not bind", failure));
        assertThat(analysis.getDescription()).isEqualTo("portal.admin.max-failed-logins ('portal.admin.max-failed-logins' of property "
                + "source 'operator') is 0, but it must be 1 or more, such as 5 (the default).");
        assertThat(analysis.getAction()).isEqualTo("Change portal.admin.max-failed-logins ('portal.admin.max-failed-logins' of property "
                + "source 'operator'): it must be 1 or more, such as 5 (the default).");
    }

    @Test
    void propertiesOutsideThePortalAreLeftToSpringBoot() {
        BindException failure = catchThrowableOfType(BindException.class, () -> binder(Map.of("server.port", "eighty"))
            .bind("server.port", Bindable.of(Integer.class)));
        assertThat(failure).isNotNull();
        assertThat(this.analyzer.analyze(failure)).isNull();
        assertThat(this.analyzer.analyze(new IllegalStateException("portal.bindings.web.port"))).isNull();
    }

    private static BindException bind(Map<String, Object> properties, String prefix, Class<?> type, boolean validate) {
        Binder binder = binder(properties);
        BindException failure = catchThrowableOfType(BindException.class, () -> {
            if (validate) {
                binder.bind(prefix, Bindable.of(type), new ValidationBindHandler(
                        new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator())));
            }
            else {
                binder.bind(prefix, Bindable.of(type));
            }
        });
        assertThat(failure).as("binding %s", properties).isNotNull();
        return failure;
    }

    private static Binder binder(Map<String, Object> properties) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("operator", properties));
        return PortalBinder.of(sources);
    }

}
