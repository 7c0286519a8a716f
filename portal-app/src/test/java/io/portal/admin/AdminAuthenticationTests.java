package io.portal.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the admin API: administrators with their password or an API token, nobody
 * else, and not by guessing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAuthenticationTests {

    private static final List<String[]> ENDPOINTS = List.of(new String[] { "GET", "/api/bindings" },
            new String[] { "GET", "/api/bindings/web" }, new String[] { "POST", "/api/bindings" },
            new String[] { "PUT", "/api/bindings/web" }, new String[] { "PATCH", "/api/bindings/web" },
            new String[] { "DELETE", "/api/bindings/web" }, new String[] { "DELETE", "/api/bindings/web/override" },
            new String[] { "GET", "/api/certificates" }, new String[] { "GET", "/api/certificates/portal" },
            new String[] { "POST", "/api/certificates/self-signed" }, new String[] { "DELETE", "/api/certificates/portal" },
            new String[] { "GET", "/api/tokens" }, new String[] { "POST", "/api/tokens" }, new String[] { "DELETE", "/api/tokens/x" },
            new String[] { "GET", "/api/audit" }, new String[] { "GET", "/api/settings/https" },
            new String[] { "PUT", "/api/settings/https" });

    @TempDir
    Path dir;

    @Test
    void everyEndpointRefusesMissingWrongAndRevokedCredentials() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String base = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            AdminApi admin = portal.api();
            AdminApi.Response created = admin.post("/api/tokens", "{\"name\":\"ci\"}");
            assertThat(created.status()).isEqualTo(201);
            String token = created.json().get("token").asString();
            String id = created.json().at("/entry/id").asString();
            assertThat(AdminApi.bearer(base, token).get("/api/bindings").status()).isEqualTo(200);
            assertThat(admin.delete("/api/tokens/" + id, null).status()).isEqualTo(204);

            for (AdminApi client : List.of(AdminApi.anonymous(base), AdminApi.basic(base, "admin", "wrong"),
                    AdminApi.bearer(base, "ptk_nothing_here"), AdminApi.bearer(base, token))) {
                for (String[] endpoint : ENDPOINTS) {
                    AdminApi.Response response = client.send(endpoint[0], endpoint[1], "application/json", "{}".getBytes(), Map.of());
                    assertThat(response.status()).as(endpoint[0] + " " + endpoint[1]).isIn(401, 429);
                }
                portal.context().getBean(io.portal.account.LoginThrottle.class).succeeded("127.0.0.1");
            }
            AdminApi.Response listed = admin.get("/api/tokens");
            assertThat(listed.body()).contains("\"revokedAt\":\"").doesNotContain(token.substring(token.lastIndexOf('_') + 1));
            assertThat(admin.get("/api/audit").body()).contains("token.create").contains("token.revoke");
        }
    }

    @Test
    void theGeneratedAdminPasswordIsPrintedExactlyOnce(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.remove("portal.admin.password");
        String password;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Matcher matcher = Pattern.compile("generated password: (\\S+)").matcher(output.toString());
            assertThat(matcher.find()).isTrue();
            password = matcher.group(1);
            assertThat(matcher.find()).isFalse();
            String base = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            assertThat(AdminApi.basic(base, "admin", password).get("/api/bindings").status()).isEqualTo(200);
        }
        int before = count(output.toString(), password);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(count(output.toString(), password)).isEqualTo(before).isEqualTo(1);
            assertThat(output.toString()).containsOnlyOnce("generated password");
        }
    }

    @Test
    void repeatedFailedSignInsFromOneAddressAreRefusedForAWhile() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String base = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            AdminApi wrong = AdminApi.basic(base, "admin", "guess");
            for (int i = 0; i < 5; i++) {
                assertThat(wrong.get("/api/bindings").status()).isEqualTo(401);
            }
            AdminApi.Response refused = portal.api().get("/api/bindings");
            assertThat(refused.status()).as("even the right password, while refused").isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 300);
            assertThat(refused.json().get("detail").asString()).contains("Too many failed sign-ins");
        }
    }

    @Test
    void anonymousVisitorsSeeThePublicHomePageAndNothingOfTheConfiguration() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            int web = portal.port("portal.bindings.web.port");
            int secure = portal.port("portal.bindings.secure.port");
            HttpExchange.Response home = HttpExchange.get("http://127.0.0.1:" + web + "/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("Portal").contains("sign in").doesNotContain(String.valueOf(secure))
                .doesNotContain("CN=localhost").doesNotContain("secure");
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/bindings").status()).isIn(302, 401);
            HttpExchange.Response chain = HttpExchange.get("http://127.0.0.1:" + web + "/certificates/portal.pem");
            assertThat(chain.status()).as("certificate chains are public: every handshake sends them").isEqualTo(200);
            assertThat(chain.body()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/certificates/portal").status()).isIn(302, 401);
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/v3/api-docs").status()).isIn(302, 401);
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/actuator/health").status()).isEqualTo(200);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

}
