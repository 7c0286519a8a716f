package io.portal.equivalent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration written by SnakeYAML reads back as the same values, whatever they hold, and
 * lists what the operator must supply.
 */
class ConfigurationYamlTests {

    @Test
    void valuesThatLookLikeYamlSyntaxReadBackUnchanged() {
        ConfigurationYaml yaml = new ConfigurationYaml().put("a: b # c", "portal", "name")
            .put(Map.of("[api.example.com]", "api"), "portal", "bindings", "extra", "sni")
            .put(List.of("TLSv1.3", "TLSv1.2"), "portal", "bindings", "extra", "protocols")
            .put(8443, "portal", "bindings", "extra", "port");
        Map<String, Object> read = new Yaml().load(yaml.render());
        assertThat(read).isEqualTo(Map.of("portal", Map.of("name", "a: b # c", "bindings", Map.of("extra", Map.of("sni",
                Map.of("[api.example.com]", "api"), "protocols", List.of("TLSv1.3", "TLSv1.2"), "port", 8443)))));
    }

    @Test
    void placeholdersAreListedInACommentAbove() {
        String text = new ConfigurationYaml().put(true, "portal", "hsts", "enabled")
            .placeholder("/etc/portal/shop/fullchain.pem: the chain\nportal: evil")
            .render();
        assertThat(text).startsWith("# Placeholders: supply these before starting a portal with this configuration.\n"
                + "#   /etc/portal/shop/fullchain.pem: the chain portal: evil\n");
        assertThat((Map<?, ?>) new Yaml().load(text)).isEqualTo(Map.of("portal", Map.of("hsts", Map.of("enabled", true))));
    }

}
