package io.portal.binding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API calls and configuration that replay a binding change: a configured binding is
 * changed by a merge patch of the fields that change, a runtime one replaced whole, and
 * the YAML reads back as the bindings it declares.
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
        assertThat(BindingScript.mergePatch(SECURE, moved)).isEqualTo(Map.of("port", 443, "sslBundle", "public"));
        List<String> curl = BindingScript.curl(new BindingChange.Replace("secure", moved), List.of(SECURE, EXTRA));
        assertThat(curl).singleElement().asString()
            .contains("-X PATCH -H 'Content-Type: application/merge-patch+json' --data-binary '{\"port\":443,\"sslBundle\":\"public\"}' "
                    + "\"$PORTAL_URL\"/api/bindings/secure");
    }

    @Test
    void aFieldGoingBackToItsDefaultIsNullInTheMergePatch() {
        Binding plain = new Binding("extra", Scheme.HTTPS, null, 8444, "portal", Map.of(), List.of(), List.of(), Binding.Source.RUNTIME);
        Map<String, Object> expected = new HashMap<>();
        expected.put("address", null);
        expected.put("sni", null);
        expected.put("protocols", null);
        assertThat(BindingScript.mergePatch(EXTRA, plain)).isEqualTo(expected);
    }

    @Test
    void runtimeBindingsAreCreatedReplacedAndRemovedWhole() {
        assertThat(BindingScript.curl(new BindingChange.Create(EXTRA), List.of(SECURE))).singleElement().asString()
            .contains("-X POST -H 'Content-Type: application/json' --data-binary '{\"name\":\"extra\",\"scheme\":\"https\","
                    + "\"address\":\"127.0.0.1\",\"port\":8444,\"sslBundle\":\"portal\",\"sni\":{\"api.example.com\":\"api\"},"
                    + "\"protocols\":[\"TLSv1.3\"]}' \"$PORTAL_URL\"/api/bindings");
        assertThat(BindingScript.curl(new BindingChange.Replace("extra", EXTRA), List.of(SECURE, EXTRA))).singleElement()
            .asString().contains("-X PUT");
        assertThat(BindingScript.curl(new BindingChange.Delete("extra"), List.of(SECURE, EXTRA))).singleElement().asString()
            .contains("-X DELETE \"$PORTAL_URL\"/api/bindings/extra");
        assertThat(BindingScript.resetOverride("secure")).contains("-X DELETE \"$PORTAL_URL\"/api/bindings/secure/override");
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
