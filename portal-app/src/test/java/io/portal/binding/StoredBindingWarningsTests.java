package io.portal.binding;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store holds for bindings the configuration no longer matches is not silently
 * ignored: an override of a binding no longer declared, and a runtime binding whose name
 * the configuration now declares, are each logged once at startup and listed with the
 * warnings the API and the dashboard show, naming the binding and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoredBindingWarningsTests {

    @TempDir
    Path dir;

    @Test
    void storedBindingsTheConfigurationNoLongerMatchesAreWarnedAbout(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int extraPort = FreePorts.next();
        settings.put("portal.bindings.extra.scheme", "http");
        settings.put("portal.bindings.extra.port", extraPort);
        int laterPort = FreePorts.next();
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            assertThat(api.patch("/api/bindings/extra", "{\"port\":" + FreePorts.next() + "}", null).status()).isEqualTo(200);
            assertThat(api.post("/api/bindings", "{\"name\":\"later\",\"scheme\":\"http\",\"port\":" + laterPort + "}").status())
                .isEqualTo(201);
            assertThat(warnings(api)).isEmpty();
        }
        settings.remove("portal.bindings.extra.scheme");
        settings.remove("portal.bindings.extra.port");
        int configuredLaterPort = FreePorts.next();
        settings.put("portal.bindings.later.scheme", "http");
        settings.put("portal.bindings.later.port", configuredLaterPort);
        int before = output.getAll().length();
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            String log = output.getAll().substring(before);
            assertThat(count(log, "Binding warning: The stored override of binding 'extra' is not used")).isEqualTo(1);
            assertThat(count(log, "Binding warning: Binding 'later', added at runtime, is not used")).isEqualTo(1);

            List<JsonNode> warnings = warnings(api);
            assertThat(warnings).extracting((w) -> w.get("code").asString())
                .containsExactly(StoredBindingWarnings.OVERRIDE_UNUSED, StoredBindingWarnings.NAME_TAKEN);
            assertThat(warnings.get(0).get("message").asString()).contains("'extra'");
            assertThat(warnings.get(0).get("fix").asString()).contains("portal.bindings.extra")
                .contains("DELETE /api/bindings/extra/override");
            assertThat(warnings.get(1).get("message").asString()).contains("'later'").contains("portal.bindings.later");
            assertThat(warnings.get(1).get("fix").asString()).contains("Rename portal.bindings.later");

            assertThat(api.get("/api/bindings/later").json().get("port").asInt()).as("the configured one")
                .isEqualTo(configuredLaterPort);
            assertThat(HttpExchange.get("http://127.0.0.1:" + configuredLaterPort + "/portal.css").status()).isEqualTo(200);
            assertThat(api.get("/api/bindings/extra").status()).isEqualTo(404);

            assertThat(api.delete("/api/bindings/extra/override", null).status()).isEqualTo(204);
            assertThat(warnings(api)).extracting((w) -> w.get("code").asString())
                .containsExactly(StoredBindingWarnings.NAME_TAKEN);
            assertThat(api.get("/api/audit").body()).contains("binding.override.discard");
            assertThat(api.delete("/api/bindings/extra/override", null).status()).as("nothing left to drop").isEqualTo(404);
        }
        // Declared again, the name starts from its configuration alone: the old port change is gone.
        settings.put("portal.bindings.extra.scheme", "http");
        settings.put("portal.bindings.extra.port", extraPort);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            JsonNode extra = portal.api().get("/api/bindings/extra").json();
            assertThat(extra.get("port").asInt()).isEqualTo(extraPort);
            assertThat(HttpExchange.get("http://127.0.0.1:" + extraPort + "/portal.css").status()).isEqualTo(200);
        }
    }

    private static List<JsonNode> warnings(AdminApi api) {
        return api.get("/api/settings/https").json().get("warnings").valueStream()
            .filter((w) -> w.get("code").asString().startsWith("binding-"))
            .toList();
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

}
