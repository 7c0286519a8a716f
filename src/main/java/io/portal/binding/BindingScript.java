package io.portal.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.portal.script.ApiCall;
import io.portal.script.ConfigurationYaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The equivalents of a binding change that an operator can keep or run elsewhere: the
 * admin API calls (as {@code curl} commands, see {@link ApiCall}) and the YAML that
 * declares the resulting bindings. A change to a binding declared in configuration is a
 * JSON merge patch (RFC 7396) of the fields that change, stored as an override by the
 * portal; a runtime binding is replaced whole.
 */
public final class BindingScript {

    /**
     * The media type of a JSON merge patch.
     */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private static final String JSON = "application/json";

    private static final JsonMapper json = JsonMapper.builder().build();

    private BindingScript() {
    }

    /**
     * The API calls that make a change.
     * @param change the change
     * @param before the bindings before it
     * @return the {@code curl} commands
     */
    public static List<String> curl(BindingChange change, List<Binding> before) {
        String path = ApiCall.path("api", "bindings", change.name());
        if (change instanceof BindingChange.Create create) {
            return List.of(ApiCall.json("POST", ApiCall.path("api", "bindings"), JSON, json(create.binding())).curl());
        }
        if (change instanceof BindingChange.Replace replace) {
            Binding current = before.stream().filter((b) -> b.name().equals(replace.name())).findFirst().orElse(null);
            if (current != null && current.source() == Binding.Source.CONFIG) {
                return List.of(ApiCall.json("PATCH", path, MERGE_PATCH, json.writeValueAsString(mergePatch(current,
                        replace.binding()))).curl());
            }
            return List.of(ApiCall.json("PUT", path, JSON, json(replace.binding())).curl());
        }
        if (change instanceof BindingChange.Reset reset) {
            return List.of(resetOverride(reset.name()));
        }
        return List.of(ApiCall.of("DELETE", path).curl());
    }

    /**
     * The API call that resets a configured binding to its configuration.
     * @param name the binding's name
     * @return the {@code curl} command
     */
    public static String resetOverride(String name) {
        return ApiCall.of("DELETE", ApiCall.path("api", "bindings", name, "override")).curl();
    }

    /**
     * A binding as the API's JSON request body.
     * @param binding the binding
     * @return compact JSON
     */
    public static String json(Binding binding) {
        return json.writeValueAsString(fields(binding));
    }

    /**
     * The fields of a binding by their API names, as its request body has them.
     * @param binding the binding
     * @return the fields; those left to their defaults are absent
     */
    public static Map<String, Object> fields(Binding binding) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", binding.name());
        fields.put("scheme", binding.scheme().id());
        if (!binding.isWildcard()) {
            fields.put("address", binding.address());
        }
        fields.put("port", binding.port());
        if (binding.sslBundle() != null) {
            fields.put("sslBundle", binding.sslBundle());
        }
        if (!binding.sni().isEmpty()) {
            fields.put("sni", new java.util.TreeMap<>(binding.sni()));
        }
        if (!binding.protocols().isEmpty()) {
            fields.put("protocols", binding.protocols());
        }
        if (!binding.ciphers().isEmpty()) {
            fields.put("ciphers", binding.ciphers());
        }
        if (binding.redirectTo() != null) {
            fields.put("redirectTo", binding.redirectTo());
        }
        return fields;
    }

    /**
     * The JSON merge patch (RFC 7396) that turns one binding into another: the fields that
     * differ, {@code null} for those that go back to their default.
     * @param current the binding now
     * @param updated the binding wanted
     * @return the patch
     */
    public static Map<String, Object> mergePatch(Binding current, Binding updated) {
        Map<String, Object> before = fields(current);
        Map<String, Object> after = fields(updated);
        Map<String, Object> patch = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                patch.put(field, value);
            }
        });
        before.keySet().stream().filter((field) -> !after.containsKey(field)).forEach((field) -> patch.put(field, null));
        return patch;
    }

    /**
     * The YAML that declares the given bindings.
     * @param bindings the bindings
     * @return YAML for application.yml
     */
    public static String yaml(List<Binding> bindings) {
        ConfigurationYaml yaml = new ConfigurationYaml();
        bindings.forEach((binding) -> declare(yaml, binding));
        return yaml.render();
    }

    /**
     * Declare a binding under {@code portal.bindings}.
     * @param yaml the configuration
     * @param binding the binding
     */
    public static void declare(ConfigurationYaml yaml, Binding binding) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheme", binding.scheme().id());
        if (!binding.isWildcard()) {
            fields.put("address", binding.address());
        }
        fields.put("port", binding.port());
        if (binding.sslBundle() != null) {
            fields.put("ssl-bundle", binding.sslBundle());
        }
        if (!binding.sni().isEmpty()) {
            Map<String, Object> sni = new LinkedHashMap<>();
            new java.util.TreeMap<>(binding.sni()).forEach((host, bundle) -> sni.put("[" + host + "]", bundle));
            fields.put("sni", sni);
        }
        if (!binding.protocols().isEmpty()) {
            fields.put("protocols", binding.protocols());
        }
        if (!binding.ciphers().isEmpty()) {
            fields.put("ciphers", binding.ciphers());
        }
        if (binding.redirectTo() != null) {
            fields.put("redirect-to", binding.redirectTo());
        }
        yaml.put(fields, "portal", "bindings", binding.name());
    }

}
