package io.portal.binding;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API calls and configuration that replay a binding change: a configured binding is
 * changed by a merge patch of the fields that change (null only to go back to the
 * configuration) and disabled by one, a runtime one replaced whole, and the YAML reads
 * back as the bindings it declares.
 */
class BindingScriptTests {

    private static final Binding SECURE = new Binding("secure", Scheme.HTTPS, null, 8443, "portal", Map.of(), List.of(),
            List.of(), Binding.Source.CONFIG);

    private static final Binding EXTRA = new Binding("extra", Scheme.HTTPS, "127.0.0.1", 8444, "portal",
            Map.of("api.example.com", "api"), List.of("TLSv1.3"), List.of(), Binding.Source.RUNTIME);

    @Test
    void aConfiguredBindingIsChangedByAMergePatchOfWhatChanges() {
        Binding moved = new Binding("secure", Scheme.HTTPS, null, 443, "public", Map.of(), List.of(), List.of(),
                Binding.Source.CONFIG);
        List<String> curl = BindingScript.curl(new BindingChange.Replace("secure", moved), configured(SECURE));
        assertThat(curl).singleElement().asString()
            .contains("-X PATCH -H 'Content-Type: application/merge-patch+json' --data-binary '{\"port\":443,\"sslBundle\":\"public\"}' "
                    + "\"$PORTAL_URL\"/api/bindings/secure");
    }

    @Test
    void nullIsOnlyForAFieldBackToItsConfiguredValueAndAClearedFieldIsEmpty() {
        BindingValues configured = new BindingValues(true, Scheme.HTTPS, "127.0.0.1", 8443, "portal",
                Map.of("api.example.com", "api", "old.example.com", "old"), List.of("TLSv1.3"), List.of("TLS_AES_128_GCM_SHA256"),
                null);
        BindingValues current = configured.with(BindingField.PORT, 9443);
        BindingValues wanted = configured.with(BindingField.ADDRESS, null)
            .with(BindingField.SNI, Map.of("api.example.com", "api"))
            .with(BindingField.PROTOCOLS, List.of());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("address", "");
        expected.put("port", null);
        Map<String, Object> sni = new HashMap<>();
        sni.put("old.example.com", null);
        expected.put("sni", sni);
        expected.put("protocols", List.of());
        assertThat(BindingScript.mergePatch(current, wanted, configured)).containsExactlyEntriesOf(expected);
    }

    @Test
    void aConfiguredBindingIsDisabledByAMergePatchAndEnabledAgainByResettingEnabled() {
        BindingEntry secure = configured(SECURE);
        assertThat(BindingScript.curl(new BindingChange.Delete("secure"), secure)).singleElement().asString()
            .contains("-X PATCH -H 'Content-Type: application/merge-patch+json' --data-binary '{\"enabled\":false}' "
                    + "\"$PORTAL_URL\"/api/bindings/secure")
            .doesNotContain("DELETE");
        BindingValues disabled = secure.values().with(BindingField.ENABLED, false);
        BindingEntry off = new BindingEntry(SECURE, disabled, secure.configured(), BindingOverride.none("secure"), Map.of());
        assertThat(BindingScript.curl(new BindingChange.Replace("secure", SECURE), off)).singleElement().asString()
            .contains("-X PATCH").contains("--data-binary '{\"enabled\":null}'");
    }

    @Test
    void runtimeBindingsAreCreatedReplacedAndRemovedWhole() {
        assertThat(BindingScript.curl(new BindingChange.Create(EXTRA), null)).singleElement().asString()
            .contains("-X POST -H 'Content-Type: application/json' --data-binary '{\"name\":\"extra\",\"scheme\":\"https\","
                    + "\"address\":\"127.0.0.1\",\"port\":8444,\"sslBundle\":\"portal\",\"sni\":{\"api.example.com\":\"api\"},"
                    + "\"protocols\":[\"TLSv1.3\"]}' \"$PORTAL_URL\"/api/bindings");
        BindingEntry extra = new BindingEntry(EXTRA, BindingValues.of(EXTRA), null, BindingOverride.none("extra"), Map.of());
        assertThat(BindingScript.curl(new BindingChange.Replace("extra", EXTRA), extra)).singleElement()
            .asString().contains("-X PUT");
        assertThat(BindingScript.curl(new BindingChange.Delete("extra"), extra)).singleElement().asString()
            .contains("-X DELETE \"$PORTAL_URL\"/api/bindings/extra");
        assertThat(BindingScript.resetOverride("secure")).contains("-X DELETE \"$PORTAL_URL\"/api/bindings/secure/override");
    }

    private static BindingEntry configured(Binding binding) {
        return new BindingEntry(binding, BindingValues.of(binding), BindingValues.of(binding), BindingOverride.none(binding.name()),
                Map.of());
    }

    @Test
    void theYamlReadsBackAsTheBindings() {
        Map<String, Object> read = new Yaml().load(BindingScript.yaml(List.of(SECURE, EXTRA)));
        assertThat(read).isEqualTo(Map.of("portal", Map.of("bindings", Map.of(
                "secure", Map.of("scheme", "https", "port", 8443, "ssl-bundle", "portal"),
                "extra", Map.of("scheme", "https", "address", "127.0.0.1", "port", 8444, "ssl-bundle", "portal", "sni",
                        Map.of("[api.example.com]", "api"), "protocols", List.of("TLSv1.3"))))));
    }

}
