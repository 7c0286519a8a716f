package io.portal.equivalent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Configuration for {@code application.yml}, built as a tree and written by SnakeYAML, so
 * that any name or value (a colon, a quote, a leading {@code [}) comes out as valid YAML
 * that binds to the same value. Values the operator must supply are listed as placeholders
 * in a comment above the YAML.
 */
public final class ConfigurationYaml {

    private final Map<String, Object> root = new LinkedHashMap<>();

    private final List<String> placeholders = new ArrayList<>();

    /**
     * Set a value.
     * @param value the value: text, a number, a boolean, a list or a map
     * @param path the keys from the root, such as {@code "portal", "bindings", "web", "port"}
     * @return this
     */
    public ConfigurationYaml put(Object value, String... path) {
        Map<String, Object> node = this.root;
        for (int i = 0; i < path.length - 1; i++) {
            node = child(node, path[i]);
        }
        node.put(path[path.length - 1], value);
        return this;
    }

    /**
     * Note a value the operator must supply before the configuration can be used.
     * @param description what to supply, such as {@code /etc/portal/shop/fullchain.pem: the
     * certificate chain imported as 'shop' (PEM)}
     * @return this
     */
    public ConfigurationYaml placeholder(String description) {
        if (!this.placeholders.contains(description)) {
            this.placeholders.add(description);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String key) {
        Object existing = node.get(key);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        node.put(key, created);
        return created;
    }

    /**
     * The YAML, with the placeholders in a comment above it.
     * @return the text
     */
    public String render() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        StringBuilder text = new StringBuilder();
        if (!this.placeholders.isEmpty()) {
            text.append("# Placeholders: supply these before starting a portal with this configuration.\n");
            this.placeholders.forEach((p) -> text.append("#   ").append(p.replaceAll("\\p{Cntrl}", " ")).append('\n'));
        }
        text.append(new Yaml(options).dump(this.root));
        return text.toString();
    }

}
