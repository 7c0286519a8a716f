package io.portal.https;

import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.Scheme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RedirectTargetsTests {

    private final HttpsSettings forced = HttpsSettings.of(new HttpsProperties()).with(HttpsSetting.REDIRECT_HTTP_TO_HTTPS, true);

    @Test
    void anHttpBindingRedirectsToTheHttpsBindingOnTheSameAddress() {
        Binding web = http("web", null, null);
        Binding internal = http("internal", "10.0.0.5", null);
        List<Binding> bindings = List.of(web, internal, https("secure", null), https("internal-tls", "10.0.0.5"));
        assertThat(target(web, bindings)).isEqualTo("secure");
        assertThat(target(internal, bindings)).isEqualTo("internal-tls");
    }

    @Test
    void withoutOneOnTheSameAddressTheOnlyHttpsBindingIsTheTarget() {
        Binding web = http("web", "127.0.0.1", null);
        assertThat(target(web, List.of(web, https("secure", null)))).isEqualTo("secure");
    }

    @Test
    void redirectToOverridesTheAddressRule() {
        Binding web = http("web", null, "public");
        assertThat(target(web, List.of(web, https("secure", null), https("public", "10.0.0.5")))).isEqualTo("public");
    }

    @Test
    void severalCandidatesWithoutOneOnTheSameAddressAskForRedirectTo() {
        Binding web = http("web", null, null);
        List<Binding> bindings = List.of(web, https("a", "10.0.0.5"), https("b", "10.0.0.6"));
        RedirectTargets.Target target = RedirectTargets.of(web, bindings);
        assertThat(target.binding()).isNull();
        assertThat(target.problem()).isEqualTo("several HTTPS bindings (a, b) could receive its redirect and none listens on its address");
        assertThat(target.action()).isEqualTo("Set portal.bindings.web.redirect-to to one of a, b.");
    }

    @Test
    void forcingHttpsIsRefusedWhenAnHttpBindingHasNowhereToGo() {
        List<Binding> withoutHttps = List.of(http("web", null, null));
        assertThatExceptionOfType(InvalidHttpsSettingsException.class)
            .isThrownBy(() -> RedirectTargets.check(this.forced, withoutHttps))
            .withMessage("portal.redirect-http-to-https is on, but HTTP binding 'web' cannot be redirected: there is no "
                    + "HTTPS binding to redirect to.");
        assertThatNoException().isThrownBy(() -> RedirectTargets.check(HttpsSettings.of(new HttpsProperties()), withoutHttps));
        assertThatNoException().isThrownBy(() -> RedirectTargets.check(this.forced, List.of(https("secure", null))));
    }

    private static String target(Binding http, List<Binding> bindings) {
        return RedirectTargets.of(http, bindings).binding().name();
    }

    static Binding http(String name, String address, String redirectTo) {
        return new Binding(name, Scheme.HTTP, address, 8080, null, Map.of(), List.of(), List.of(), redirectTo,
                Binding.Source.CONFIG);
    }

    static Binding https(String name, String address) {
        return new Binding(name, Scheme.HTTPS, address, 8443, "portal", Map.of(), List.of(), List.of(), null,
                Binding.Source.CONFIG);
    }

}
