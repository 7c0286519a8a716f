package io.portal.binding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code redirect-to} of an HTTP binding must name an HTTPS binding.
 */
class BindingRedirectToTests {

    private final BindingValidator validator = new BindingValidator();

    private final Binding secure = new Binding("secure", Scheme.HTTPS, null, 8443, "portal", Map.of(), List.of(), List.of(),
            Binding.Source.CONFIG);

    @Test
    void redirectToAnHttpsBindingIsAccepted() {
        assertThatNoException().isThrownBy(() -> validate(http("web", 8080, "secure"), this.secure));
    }

    @Test
    void redirectToAnUnknownBindingIsRefusedWithTheHttpsBindingsToChooseFrom() {
        assertThatExceptionOfType(InvalidBindingException.class).isThrownBy(() -> validate(http("web", 8080, "secuer"), this.secure))
            .withMessage("Binding 'web' has redirect-to 'secuer', but there is no enabled binding of that name.")
            .satisfies((ex) -> assertThat(ex.getAction())
                .isEqualTo("Set portal.bindings.web.redirect-to to an HTTPS binding: secure."))
            .satisfies((ex) -> assertThat(ex.getField()).isEqualTo("redirectTo"));
    }

    @Test
    void redirectToAnHttpBindingIsRefused() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> validate(http("web", 8080, "other"), http("other", 8081, null), this.secure))
            .withMessage("Binding 'web' has redirect-to 'other', which is an HTTP binding; HTTP can only be redirected to HTTPS.");
    }

    @Test
    void redirectToOnAnHttpsBindingIsRefused() {
        Binding https = new Binding("tls", Scheme.HTTPS, null, 9443, "portal", Map.of(), List.of(), List.of(), "secure",
                Binding.Source.CONFIG);
        assertThatExceptionOfType(InvalidBindingException.class).isThrownBy(() -> validate(https, this.secure))
            .withMessage("Binding 'tls' is HTTPS but has redirect-to 'secure'; only HTTP bindings are redirected.");
    }

    @Test
    void redirectToIsReadFromTheBindingsProperties() {
        BindingProperties properties = new BindingProperties();
        BindingProperties.Listener web = new BindingProperties.Listener();
        web.setPort(8080);
        web.setRedirectTo("secure");
        properties.getBindings().put("web", web);
        assertThat(ConfiguredBindings.from(properties).get(0).redirectTo()).isEqualTo("secure");
    }

    private void validate(Binding... bindings) {
        this.validator.validate(List.of(bindings), Set.of("portal"));
    }

    private static Binding http(String name, int port, String redirectTo) {
        return new Binding(name, Scheme.HTTP, null, port, null, Map.of(), List.of(), List.of(), redirectTo, Binding.Source.CONFIG);
    }

}
