package io.portal.binding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BindingValidatorTests {

    private final BindingValidator validator = new BindingValidator();

    private static Binding http(String name, String address, int port) {
        return new Binding(name, Scheme.HTTP, address, port, null, Map.of(), List.of(), List.of(), Binding.Source.CONFIG);
    }

    private static Binding https(String name, int port, String bundle, Map<String, String> sni, List<String> protocols,
            List<String> ciphers) {
        return new Binding(name, Scheme.HTTPS, null, port, bundle, sni, protocols, ciphers, Binding.Source.CONFIG);
    }

    @Test
    void bindingsOnOnePortButDifferentSpecificAddressesAreAllowed() {
        assertThatCode(() -> this.validator.validate(List.of(http("a", "127.0.0.1", 8080), http("b", "127.0.0.2", 8080)), Set.of()))
            .doesNotThrowAnyException();
    }

    @Test
    void aWildcardBindingClashesWithASpecificAddressOnTheSamePort() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(List.of(http("a", null, 8080), http("b", "127.0.0.1", 8080)), Set.of()))
            .withMessage("Binding 'b' uses port 8080 on 127.0.0.1, which binding 'a' already uses on every interface.");
    }

    @Test
    void theSameAddressWrittenTwoWaysClashes() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(List.of(http("a", "127.0.0.1", 8080), http("b", "localhost", 8080)), Set.of()))
            .satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getField()).isEqualTo("port"));
    }

    @Test
    void anUnresolvableAddressIsRefused() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(http("a", "no-such-host.invalid", 8080), Set.of()))
            .withMessageContaining("has address 'no-such-host.invalid', which is neither an IP address nor a resolvable host name");
    }

    @Test
    void anInvalidNameIsRefused() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(http("Not valid", null, 8080), Set.of()))
            .withMessageContaining("has an invalid name");
    }

    @Test
    void sniNeedsHostNamesAndExistingBundles() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("s", 8443, "portal", Map.of("not a host", "portal"), List.of(), List.of()),
                    Set.of("portal")))
            .withMessageContaining("maps 'not a host', which is not a host name");
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("s", 8443, "portal", Map.of("api.example.com", "api"), List.of(), List.of()),
                    Set.of("portal")))
            .withMessage("Binding 's' uses SSL bundle 'api', which does not exist.");
        assertThatCode(() -> this.validator.validate(
                https("s", 8443, "portal", Map.of("*.example.com", "portal"), List.of(), List.of()), Set.of("portal")))
            .doesNotThrowAnyException();
    }

    @Test
    void unknownProtocolsAndCiphersAreRefused() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("s", 8443, "portal", Map.of(), List.of("TLSv9"), List.of()), Set.of("portal")))
            .withMessageContaining("asks for TLS protocol 'TLSv9'");
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("s", 8443, "portal", Map.of(), List.of(), List.of("ECDHE-FAST")), Set.of("portal")))
            .withMessageContaining("asks for cipher suite 'ECDHE-FAST'");
    }

    @Test
    void noBindingAtAllIsRefused() {
        assertThatExceptionOfType(InvalidBindingException.class).isThrownBy(() -> this.validator.validate(List.of(), Set.of()))
            .withMessageContaining("no binding is enabled");
    }

    @Test
    void aConfiguredBindingWithAnOldProtocolStopsStartupWithTheKeyAndTheFix() {
        for (String protocol : List.of("TLSv1", "TLSv1.1", "SSLv3")) {
            InvalidBindingException ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidBindingException.class,
                    () -> this.validator.validate(List.of(https("secure", 8443, "portal", Map.of(), List.of(protocol), List.of())),
                            Set.of("portal")));
            org.springframework.boot.diagnostics.FailureAnalysis analysis = new InvalidBindingFailureAnalyzer().analyze(ex);
            org.assertj.core.api.Assertions.assertThat(analysis.getDescription())
                .isEqualTo("Binding 'secure' asks for TLS protocol '" + protocol + "'; the portal serves only TLSv1.2 and TLSv1.3, "
                        + "as older protocols are broken and refused by current clients.");
            org.assertj.core.api.Assertions.assertThat(analysis.getAction())
                .isEqualTo("Use TLSv1.2 and/or TLSv1.3 in portal.bindings.secure.protocols, or leave it empty for both.");
        }
    }

    @Test
    void sniKeysMustBeHostNamesInTheirAsciiForm() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("secure", 8443, "portal", Map.of("bücher.example", "portal"), List.of(),
                    List.of()), Set.of("portal")))
            .withMessageContaining("not a host name in lower-case ASCII")
            .satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getAction()).contains("xn--bcher-kva.example"));
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(https("secure", 8443, "portal", Map.of("../..", "portal"), List.of(), List.of()),
                    Set.of("portal")))
            .withMessageContaining("'../..'");
    }

    @Test
    void longValuesAreShownShortened() {
        assertThatExceptionOfType(InvalidBindingException.class)
            .isThrownBy(() -> this.validator.validate(http("n".repeat(100_000), null, 8080), Set.of()))
            .satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getMessage())
                .isEqualTo("Binding '" + "n".repeat(64) + "... (100000 characters)' has an invalid name."));
    }

}
