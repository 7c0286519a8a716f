package io.portal.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The equivalents of a binding change that an operator can keep or run elsewhere: the
 * {@code curl} calls to the admin API, and the YAML that declares the resulting bindings.
 */
public final class BindingScript {

    private BindingScript() {
    }

    public static List<String> curl(BindingChange change, String apiBase) {
        String auth = "-H \"Authorization: Bearer $PORTAL_TOKEN\"";
        if (change instanceof BindingChange.Create create) {
            return List.of("curl --fail-with-body -X POST " + auth + " -H 'Content-Type: application/json' " + apiBase
                    + "/api/bindings -d '" + json(create.binding()) + "'");
        }
        if (change instanceof BindingChange.Replace replace) {
            return List.of("curl --fail-with-body -X PUT " + auth + " -H 'Content-Type: application/json' " + apiBase
                    + "/api/bindings/" + replace.name() + " -d '" + json(replace.binding()) + "'");
        }
        return List.of("curl --fail-with-body -X DELETE " + auth + " " + apiBase + "/api/bindings/" + change.name());
    }

    /**
     * A binding as the API's JSON request body.
     * @param binding the binding
     * @return compact JSON
     */
    public static String json(Binding binding) {
        List<String> fields = new ArrayList<>();
        fields.add(pair("name", binding.name()));
        fields.add(pair("scheme", binding.scheme().id()));
        if (!binding.isWildcard()) {
            fields.add(pair("address", binding.address()));
        }
        fields.add("\"port\":" + binding.port());
        if (binding.sslBundle() != null) {
            fields.add(pair("sslBundle", binding.sslBundle()));
        }
        if (!binding.sni().isEmpty()) {
            List<String> sni = binding.sni().entrySet().stream().map((e) -> pair(e.getKey(), e.getValue())).toList();
            fields.add("\"sni\":{" + String.join(",", sni) + "}");
        }
        if (!binding.protocols().isEmpty()) {
            fields.add("\"protocols\":" + array(binding.protocols()));
        }
        if (!binding.ciphers().isEmpty()) {
            fields.add("\"ciphers\":" + array(binding.ciphers()));
        }
        if (binding.redirectTo() != null) {
            fields.add(pair("redirectTo", binding.redirectTo()));
        }
        return "{" + String.join(",", fields) + "}";
    }

    /**
     * The YAML that declares the given bindings.
     * @param bindings the bindings
     * @return YAML for application.yml
     */
    public static String yaml(List<Binding> bindings) {
        StringBuilder yaml = new StringBuilder("portal:\n  bindings:\n");
        for (Binding binding : bindings) {
            yaml.append("    ").append(binding.name()).append(":\n");
            yaml.append("      scheme: ").append(binding.scheme().id()).append('\n');
            if (!binding.isWildcard()) {
                yaml.append("      address: \"").append(binding.address()).append("\"\n");
            }
            yaml.append("      port: ").append(binding.port()).append('\n');
            if (binding.sslBundle() != null) {
                yaml.append("      ssl-bundle: ").append(binding.sslBundle()).append('\n');
            }
            if (!binding.sni().isEmpty()) {
                yaml.append("      sni:\n");
                for (Map.Entry<String, String> entry : binding.sni().entrySet()) {
                    yaml.append("        \"[").append(entry.getKey()).append("]\": ").append(entry.getValue()).append('\n');
                }
            }
            if (!binding.protocols().isEmpty()) {
                yaml.append("      protocols: [").append(String.join(", ", binding.protocols())).append("]\n");
            }
            if (!binding.ciphers().isEmpty()) {
                yaml.append("      ciphers: [").append(String.join(", ", binding.ciphers())).append("]\n");
            }
            if (binding.redirectTo() != null) {
                yaml.append("      redirect-to: ").append(binding.redirectTo()).append('\n');
            }
        }
        return yaml.toString();
    }

    private static String pair(String key, String value) {
        return quote(key) + ":" + quote(value);
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values.stream().map(BindingScript::quote).toList()) + "]";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
