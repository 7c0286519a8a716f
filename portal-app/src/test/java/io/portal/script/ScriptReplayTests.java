package io.portal.script;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portal.binding.BindingService;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts of previews, run as they are shown with {@code bash} and {@code curl}:
 * against a second, fresh portal ({@code PORTAL_URL}, {@code PORTAL_TOKEN}) they make the
 * change the preview describes, against the portal that showed them too; the YAML shown
 * with a binding change starts a fresh portal with the same bindings and certificates.
 */
class ScriptReplayTests {

    @TempDir
    static Path dir;

    static PortalInstance shown;

    static PortalInstance fresh;

    static String freshToken;

    static String shownToken;

    @BeforeAll
    static void start() {
        shown = PortalInstance.start(PortalInstance.settings(dir.resolve("shown")));
        fresh = PortalInstance.start(PortalInstance.settings(dir.resolve("fresh")));
        shownToken = token(shown);
        freshToken = token(fresh);
    }

    @AfterAll
    static void stop() {
        shown.close();
        fresh.close();
    }

    @Test
    void aBindingScriptAddsTheSameBindingToAnotherPortalAndRemovesItFromThePortalItCameFrom() throws Exception {
        int port = FreePorts.next();
        JsonNode plan = shown.api().post("/api/bindings?dryRun=true", "{\"name\":\"replayed\",\"scheme\":\"https\",\"port\":"
                + port + ",\"sslBundle\":\"portal\"}").json().get("plan");

        Run run = bash(plan.at("/script/bash").asString(), Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", freshToken));

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode replayed = fresh.api().get("/api/bindings/replayed").json();
        assertThat(replayed.get("state").asString()).isEqualTo("running");
        assertThat(replayed.get("scheme").asString()).isEqualTo("https");
        assertThat(replayed.get("port").asInt()).isEqualTo(port);
        assertThat(replayed.get("sslBundle").asString()).isEqualTo("portal");
        assertThat(TlsProbe.handshake(port).leaf()).isEqualTo(TlsProbe.handshake(fresh.port("portal.bindings.secure.port")).leaf());
        assertThat(shown.api().get("/api/bindings/replayed").status()).as("the preview changed nothing").isEqualTo(404);

        JsonNode removal = fresh.api().delete("/api/bindings/replayed?dryRun=true", null).json().get("plan");
        Run removed = bash(removal.at("/script/bash").asString(), Map.of("PORTAL_TOKEN", freshToken));
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        assertThat(fresh.api().get("/api/bindings/replayed").status()).isEqualTo(404);
    }

    @Test
    void certificateScriptsGenerateAndImportTheSameCertificatesOnAnotherPortal() throws Exception {
        JsonNode generate = shown.api().post("/api/certificates/self-signed?dryRun=true",
                "{\"name\":\"lab\",\"subjectAlternativeNames\":[\"lab.internal\",\"10.0.0.5\"],\"keyType\":\"rsa-2048\","
                        + "\"validity\":\"30d\"}").json().get("plan");
        Run generated = bash(generate.at("/script/bash").asString(), Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", freshToken));
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        JsonNode lab = fresh.api().get("/api/certificates/lab").json();
        assertThat(lab.get("kind").asString()).isEqualTo("self-signed");
        assertThat(lab.at("/summary/subjectAlternativeNames").toString()).contains("lab.internal").contains("10.0.0.5");
        assertThat(shown.api().get("/api/certificates/lab").status()).isEqualTo(404);

        TestCertificates.Issued ca = TestCertificates.ca("Replay CA");
        TestCertificates.Issued leaf = TestCertificates.leaf(ca, "imported.portal.test");
        Path chain = leaf.writeCertificatePem(dir.resolve("fullchain.pem"));
        Path key = leaf.writeKeyPem(dir.resolve("privkey.pem"));
        AdminApi.Response preview = shown.api().upload("/api/certificates?dryRun=true", Map.of("name", "imported"),
                Map.of("certificate", Files.readAllBytes(chain), "privateKey", Files.readAllBytes(key)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        Run imported = bash(preview.json().at("/plan/script/bash").asString(), Map.of("PORTAL_URL", https(fresh),
                "PORTAL_TOKEN", freshToken, "CERTIFICATE_FILE", chain.toString(), "PRIVATE_KEY_FILE", key.toString()));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(fresh.api().get("/api/certificates/imported").json().at("/summary/sha256").asString())
            .isEqualTo(TlsProbe.fingerprint(leaf.leaf()));
    }

    @Test
    void aSettingsScriptChangesTheSameSettingsOnAnotherPortalOnly() throws Exception {
        String before = values(shown);
        JsonNode preview = shown.api().put("/api/settings/https?dryRun=true", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"2h\"}", null)
            .json();
        Run run = bash(preview.at("/script/bash").asString(), Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", freshToken));
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode settings = fresh.api().get("/api/settings/https").json();
        assertThat(settings.get("hstsEnabled").asBoolean()).isTrue();
        assertThat(settings.get("hstsMaxAge").asString()).isEqualTo("2h");
        assertThat(values(shown)).isEqualTo(before);

        JsonNode back = fresh.api().put("/api/settings/https?dryRun=true", "{\"hstsEnabled\":null,\"hstsMaxAge\":null}", null).json();
        Run reset = bash(back.at("/script/bash").asString(), Map.of("PORTAL_TOKEN", freshToken));
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        assertThat(values(fresh)).isEqualTo(before);
    }

    @Test
    void aScriptRefusedByThePortalStopsWithItsExplanation() throws Exception {
        JsonNode plan = shown.api().post("/api/bindings?dryRun=true", "{\"name\":\"twice\",\"scheme\":\"http\",\"port\":"
                + FreePorts.next() + "}").json().get("plan");
        String script = plan.at("/script/bash").asString();
        assertThat(bash(script, Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", freshToken)).exitCode()).isZero();
        Run again = bash(script + "echo after\n", Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", freshToken));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("already exists").doesNotContain("after");
        Run wrongToken = bash(script, Map.of("PORTAL_URL", https(fresh), "PORTAL_TOKEN", shownToken));
        assertThat(wrongToken.exitCode()).isNotZero();
        fresh.api().delete("/api/bindings/twice", null);
    }

    @Test
    void theYamlShownWithABindingChangeStartsAFreshPortalWithTheSameBindingsAndCertificates() throws Exception {
        AdminApi.Response created = shown.api().post("/api/certificates/self-signed", "{\"name\":\"yamlcert\","
                + "\"subjectAlternativeNames\":[\"yaml.internal\"],\"keyType\":\"ec-p256\",\"validity\":\"90d\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int port = FreePorts.next();
        String yaml = shown.api().post("/api/bindings?dryRun=true", "{\"name\":\"viayaml\",\"scheme\":\"https\",\"port\":" + port
                + ",\"sslBundle\":\"yamlcert\"}").json().at("/plan/script/yaml").asString();
        assertThat(yaml).contains("yamlcert:\n      self-signed:");
        Path file = Files.writeString(dir.resolve("shown.yml"), yaml);

        Map<String, Object> settings = PortalInstance.settings(dir.resolve("from-yaml"));
        settings.put("spring.config.additional-location", "file:" + file);
        int moved = FreePorts.next();
        settings.put("portal.bindings.viayaml.port", moved);
        try (PortalInstance started = PortalInstance.start(settings)) {
            JsonNode binding = started.api().get("/api/bindings/viayaml").json();
            assertThat(binding.get("state").asString()).isEqualTo("running");
            assertThat(TlsProbe.handshake(moved).leaf().getSubjectAlternativeNames().toString()).contains("yaml.internal");
        }
    }

    @Test
    void aConfiguredBindingScriptClearsWhatItClearsAndDisablesByAMergePatch() throws Exception {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("configured"));
        settings.put("portal.bindings.secure.protocols[0]", "TLSv1.3");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String token = token(portal);
            int port = FreePorts.next();
            JsonNode cleared = portal.api().patch("/api/bindings/secure?dryRun=true", "{\"protocols\":[],\"port\":" + port + "}",
                    null).json().get("plan");
            assertThat(cleared.at("/script/curl/0").asString()).contains("\"protocols\":[]").doesNotContain("null");

            // Over the web binding: the change moves the secure one.
            String web = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            Run run = bash(cleared.at("/script/bash").asString(), Map.of("PORTAL_URL", web, "PORTAL_TOKEN", token));

            assertThat(run.exitCode()).as(run.output()).isZero();
            JsonNode secure = portal.api().get("/api/bindings/secure").json();
            assertThat(secure.get("port").asInt()).isEqualTo(port);
            assertThat(secure.get("protocols").isEmpty()).as("cleared, not back to the configured TLSv1.3: " + secure).isTrue();

            JsonNode disabling = portal.api().delete("/api/bindings/web?dryRun=true", null).json().get("plan");
            assertThat(disabling.at("/script/curl/0").asString()).contains("-X PATCH").contains("{\"enabled\":false}");
            Run disabled = bash(disabling.at("/script/bash").asString(), Map.of("PORTAL_URL", "https://127.0.0.1:" + port,
                    "PORTAL_TOKEN", token));
            assertThat(disabled.exitCode()).as(disabled.output()).isZero();
            assertThat(portal.bean(BindingService.class).entry("web").orElseThrow().enabled())
                .as("disabled by override").isFalse();
        }
    }

    private static String values(PortalInstance portal) {
        JsonNode settings = portal.api().get("/api/settings/https").json();
        Map<String, String> values = new HashMap<>();
        for (String field : List.of("redirectHttpToHttps", "redirectStatus", "hstsEnabled", "hstsMaxAge", "hstsIncludeSubDomains",
                "hstsPreload", "hstsRamp")) {
            values.put(field, settings.get(field).asString());
        }
        return new java.util.TreeMap<>(values).toString();
    }

    private static String https(PortalInstance portal) {
        return "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
    }

    private static String token(PortalInstance portal) {
        return portal.api().post("/api/tokens", "{\"name\":\"replay\"}").json().get("token").asString();
    }

    static Run bash(String script, Map<String, String> environment) throws Exception {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("PORTAL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    record Run(int exitCode, String output) {
    }

}
