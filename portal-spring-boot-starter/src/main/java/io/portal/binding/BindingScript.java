package io.portal.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.portal.equivalent.ApiCall;
import io.portal.equivalent.ConfigurationYaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The equivalents of a binding change that an operator can keep or run elsewhere: the
 * admin API calls (as {@code curl} commands, see {@link ApiCall}) and the YAML that
 * declares the resulting bindings. A change to a binding declared in configuration is a
 * JSON merge patch (RFC 7396) of the fields that change, stored as an override by the
 * portal: {@code null} only for a field that goes back to its configured value, an empty
 * value for one that is cleared; disabling it is {@code {"enabled": false}}. A runtime
 * binding is replaced whole.
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
     * @param entry the binding it changes as it is now, or {@code null} for a new one
     * @return the {@code curl} commands
     */
    public static List<String> curl(BindingChange change, BindingEntry entry) {
        String path = ApiCall.path("api", "bindings", change.name());
        boolean configured = entry != null && entry.source() == Binding.Source.CONFIG;
        if (change instanceof BindingChange.Create create) {
            return List.of(ApiCall.json("POST", ApiCall.path("api", "bindings"), JSON, json(create.binding())).curl());
        }
        if (change instanceof BindingChange.Replace replace) {
            if (configured) {
                return List.of(patch(path, mergePatch(entry.values(), BindingValues.of(replace.binding()), entry.configured())));
            }
            return List.of(ApiCall.json("PUT", path, JSON, json(replace.binding())).curl());
        }
        if (change instanceof BindingChange.Reset reset) {
            return List.of(resetOverride(reset.name()));
        }
        if (configured) {
            // Removing a configured binding disables it by override; said as such.
            return List.of(patch(path, Map.of(BindingField.ENABLED.field(), false)));
        }
        return List.of(ApiCall.of("DELETE", path).curl());
    }

    private static String patch(String path, Map<String, Object> patch) {
        return ApiCall.json("PATCH", path, MERGE_PATCH, json.writeValueAsString(patch)).curl();
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
     * The JSON merge patch (RFC 7396) that turns a configured binding as it is into the
     * one wanted, as {@code PATCH /api/bindings/{name}} reads it: only the fields that
     * change; {@code null} for one that goes back to its configured value (the override
     * of it is dropped); an empty value ({@code ""}, {@code []}) for one cleared although
     * the configuration sets it; host names of {@code sni} member by member.
     * @param current the binding's values now
     * @param wanted the values wanted
     * @param configured the values the configuration declares
     * @return the patch, in field order
     */
    public static Map<String, Object> mergePatch(BindingValues current, BindingValues wanted, BindingValues configured) {
        Map<String, Object> patch = new LinkedHashMap<>();
        for (BindingField field : BindingField.values()) {
            Object now = current.get(field);
            Object then = wanted.get(field);
            if (Objects.equals(now, then)) {
                continue;
            }
            if (Objects.equals(then, configured.get(field))) {
                patch.put(field.field(), null);
            }
            else if (field == BindingField.SNI) {
                patch.put(field.field(), sniPatch(current.sni(), wanted.sni()));
            }
            else {
                patch.put(field.field(), (then != null) ? then : "");
            }
        }
        return patch;
    }

    private static Map<String, Object> sniPatch(Map<String, String> now, Map<String, String> then) {
        Map<String, Object> patch = new java.util.TreeMap<>();
        then.forEach((host, bundle) -> {
            if (!bundle.equals(now.get(host))) {
                patch.put(host, bundle);
            }
        });
        now.keySet().stream().filter((host) -> !then.containsKey(host)).forEach((host) -> patch.put(host, null));
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
