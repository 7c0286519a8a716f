package io.portal.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource the API reads out has an ETag; a read with it in If-None-Match is 304;
 * a change with it in If-Match goes through, with a weak or stale tag it is 412.
 */
class ApiETagsTests {

    @TempDir
    Path dir;

    @Test
    void everyReadableResourceHasAnETagThatRevalidatesAndGuardsChanges() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            AdminApi api = portal.api();
            String id = api.post("/api/tokens", "{\"name\":\"ci\"}").json().at("/entry/id").asString();
            for (String path : List.of("/api/bindings", "/api/bindings/web", "/api/certificates", "/api/certificates/portal",
                    "/api/tokens", "/api/tokens/" + id, "/api/settings/https", "/api/audit")) {
                AdminApi.Response read = api.get(path);
                assertThat(read.status()).as(path).isEqualTo(200);
                String etag = read.header("ETag");
                assertThat(etag).as(path).matches("\"[0-9a-f]+\"");
                assertThat(api.send("GET", path, null, null, Map.of("If-None-Match", etag)).status()).as(path).isEqualTo(304);
                assertThat(api.send("GET", path, null, null, Map.of("If-None-Match", "W/" + etag)).status())
                    .as(path + ": If-None-Match compares weakly").isEqualTo(304);
                assertThat(api.send("GET", path, null, null, Map.of("If-None-Match", "\"other\"")).status()).as(path).isEqualTo(200);
            }

            String settings = api.get("/api/settings/https").header("ETag");
            assertThat(api.put("/api/settings/https", "{\"hstsMaxAge\":\"2h\"}", "W/" + settings).status()).isEqualTo(412);
            AdminApi.Response changed = api.put("/api/settings/https", "{\"hstsMaxAge\":\"2h\"}", settings);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.header("ETag")).isNotEqualTo(settings);
            AdminApi.Response stale = api.put("/api/settings/https", "{\"hstsMaxAge\":\"3h\"}", settings);
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.json().get("title").asString()).isEqualTo("Changed by someone else");

            String token = api.get("/api/tokens/" + id).header("ETag");
            assertThat(api.delete("/api/tokens/" + id, "W/" + token).status()).isEqualTo(412);
            assertThat(api.delete("/api/tokens/" + id, token).status()).isEqualTo(204);
            assertThat(api.delete("/api/tokens/" + id, token).status()).as("revoked since").isEqualTo(412);
            AdminApi.Response unknown = api.delete("/api/tokens/nonexistent", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("detail").asString()).isEqualTo("There is no API token 'nonexistent'.");
        }
    }

    @Test
    void aCertificateIsDeletedOnlyWithItsCurrentETagInIfMatch() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            AdminApi api = portal.api();
            assertThat(api.post("/api/certificates/self-signed", "{\"name\":\"spare\"}").status()).isEqualTo(201);
            String etag = api.get("/api/certificates/spare").header("ETag");

            AdminApi.Response stale = api.delete("/api/certificates/spare", "\"0123456789abcdef01234567\"");
            assertThat(stale.status()).as(stale.body()).isEqualTo(412);
            assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
            assertThat(stale.json().get("title").asString()).isEqualTo("Changed by someone else");
            assertThat(stale.json().get("detail").asString()).contains("Certificate 'spare'").contains(etag);
            assertThat(api.delete("/api/certificates/spare?dryRun=true", "\"0123456789abcdef01234567\"").status()).isEqualTo(412);
            assertThat(api.delete("/api/certificates/spare", "W/" + etag).status()).as("compared strongly").isEqualTo(412);
            assertThat(api.get("/api/certificates/spare").status()).isEqualTo(200);

            assertThat(api.delete("/api/certificates/spare", etag).status()).isEqualTo(204);
            assertThat(api.get("/api/certificates/spare").status()).isEqualTo(404);
        }
    }

}
