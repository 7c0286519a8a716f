package io.portal.admin;

import java.nio.file.Path;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.portal.admin.BindingsApiTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTPS settings through the admin API: the same store as {@code configure}, applied
 * at once, with the warnings that follow.
 */
class SettingsApiTests {

    @TempDir
    Path dir;

    @Test
    void hstsSwitchedOnThroughTheApiIsSentAtOnceAndWarnsAboutTheSelfSignedCertificate() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            AdminApi api = portal.api();
            String https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            JsonNode initial = api.get("/api/settings/https").json();
            assertThat(initial.get("hstsEnabled").asBoolean()).isFalse();
            assertThat(initial.at("/sources/hstsEnabled").asString()).matches("default|application.yml line \\d+");
            assertThat(initial.get("warnings")).isEmpty();

            AdminApi.Response preview = api.put("/api/settings/https?dryRun=true", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"1h\"}", null);
            assertThat(preview.json().get("applied").asBoolean()).isFalse();
            assertThat(preview.json().get("warnings").toString()).contains("hsts-untrusted-certificate");
            assertThat(preview.json().at("/script/bash").asString()).contains("set -euo pipefail")
                .contains("-X PATCH -H 'Content-Type: application/merge-patch+json' --data-binary '{\"hstsEnabled\":true,\"hstsMaxAge\":\"1h\"}'");
            assertThat(HttpExchange.get(https + "/").header("Strict-Transport-Security")).isNull();

            String etag = api.get("/api/settings/https").header("ETag");
            AdminApi.Response changed = api.put("/api/settings/https", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"1h\"}", etag);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().get("hstsMaxAge").asString()).isEqualTo("1h");
            assertThat(changed.json().at("/sources/hstsEnabled").asString())
                .matches("changed by admin through the API at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(changed.json().at("/settings/2/name").asString()).isEqualTo("hsts-enabled");
            assertThat(changed.json().at("/settings/2/overridden").asBoolean()).isTrue();
            assertThat(changed.json().at("/settings/2/configuredValue").asString()).isEqualTo("false");
            assertThat(changed.json().get("warnings").findValuesAsString("code")).contains("hsts-untrusted-certificate",
                    "hsts-non-standard-port");
            assertThat(HttpExchange.get(https + "/").header("Strict-Transport-Security")).isEqualTo("max-age=3600");

            String current = api.get("/api/settings/https").body();
            assertProblem(api.put("/api/settings/https", "{\"hstsPreload\":true}", null), 400, "hstsPreload", "preload");
            assertProblem(api.put("/api/settings/https", "{\"hstsMaxAge\":\"-5\"}", null), 400, "hstsMaxAge", "");
            assertProblem(api.put("/api/settings/https", "{\"colour\":\"blue\"}", null), 400, "colour", "is not an HTTPS setting");
            assertProblem(api.put("/api/settings/https", "{\"hstsRamp\":true}", etag), 412, null, "changed by someone else");
            assertThat(api.get("/api/settings/https").body()).isEqualTo(current);

            AdminApi.Response reset = api.send("PATCH", "/api/settings/https", "application/merge-patch+json",
                    "{\"hstsEnabled\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
            assertThat(reset.status()).as(reset.body()).isEqualTo(200);
            assertThat(reset.json().get("hstsEnabled").asBoolean()).isFalse();
            assertThat(reset.json().at("/settings/2/overridden").asBoolean()).as("back to the configuration").isFalse();
            assertThat(reset.json().at("/settings/3/origin").asString()).as("hsts-max-age is still changed")
                .startsWith("changed by admin through the API at");
            assertThat(HttpExchange.get(https + "/").header("Strict-Transport-Security")).isNull();
        }
    }


    @Test
    void storedSettingsSurviveARestartOnPostgresql() {
        String schema = Postgres.newSchema();
        try {
            java.util.Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("pg"));
            settings.put("spring.datasource.url", Postgres.url(schema));
            settings.put("spring.datasource.username", Postgres.user());
            settings.put("spring.datasource.password", Postgres.password());
            try (PortalInstance portal = PortalInstance.start(settings)) {
                assertThat(portal.api().put("/api/settings/https", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"2h\",\"hstsRamp\":true}", null)
                    .status()).isEqualTo(200);
            }
            try (PortalInstance portal = PortalInstance.start(settings)) {
                JsonNode stored = portal.api().get("/api/settings/https").json();
                assertThat(stored.get("hstsEnabled").asBoolean()).isTrue();
                assertThat(stored.get("hstsMaxAge").asString()).isEqualTo("2h");
                assertThat(stored.get("sentHstsMaxAgeSeconds").asLong()).as("the ramp starts at 5 minutes").isEqualTo(300);
                String https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
                assertThat(HttpExchange.get(https + "/").header("Strict-Transport-Security")).isEqualTo("max-age=300");
            }
        }
        finally {
            Postgres.drop(schema);
        }
    }

}
