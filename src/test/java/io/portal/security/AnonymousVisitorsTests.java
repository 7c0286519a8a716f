package io.portal.security;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anonymous visitors get: 404 for paths that do not exist, on HTTP and HTTPS alike;
 * the sign-in page for admin pages; 401 for the API. And the headers every answer
 * carries, the session cookie's SameSite, the problem type pages.
 */
class AnonymousVisitorsTests {

    @TempDir
    Path dir;

    @Test
    void unknownPathsAreNotFoundWhileAdminPagesAndTheApiAskForSignIn() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            for (String base : new String[] { "http://127.0.0.1:" + portal.port("portal.bindings.web.port"),
                    "https://127.0.0.1:" + portal.port("portal.bindings.secure.port") }) {
                for (String path : new String[] { "/nothing-here", "/wp-login.php", "/bindings-old/x", "/actuator/env2",
                        "/swagger-ui/missing.js", "/problems/no-such-problem" }) {
                    assertThat(HttpExchange.get(base + path).status()).as(base + path).isEqualTo(404);
                    assertThat(HttpExchange.get(base + path, Map.of("Accept", "text/html")).status()).as(base + path).isEqualTo(404);
                }
                for (String path : new String[] { "/bindings", "/certificates", "/settings/https", "/certificates/portal",
                        "/v3/api-docs", "/swagger-ui/index.html" }) {
                    HttpExchange.Response page = HttpExchange.get(base + path, Map.of("Accept", "text/html"));
                    assertThat(page.status()).as(base + path).isEqualTo(302);
                    assertThat(page.header("Location")).as(base + path).endsWith("/login");
                    assertThat(HttpExchange.get(base + path).status()).as(base + path + " for a script").isEqualTo(401);
                }
                HttpExchange.Response api = HttpExchange.get(base + "/api/nothing-here");
                assertThat(api.status()).isEqualTo(401);
                assertThat(api.header("Content-Type")).startsWith("application/problem+json");
                assertThat(api.body()).contains("\"title\":\"Authentication required\"")
                    .contains("\"type\":\"" + base + "/problems/authentication-required\"");
                assertThat(HttpExchange.get(base + "/problems/authentication-required").body()).contains("Authentication required");
                assertThat(HttpExchange.get(base + "/portal.css").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void everyAnswerLimitsReferrersAndBrowserFeaturesAndTheSessionCookieIsSameSite() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            for (String path : new String[] { "/", "/login", "/api/bindings", "/nothing-here", "/.well-known/acme-challenge/x" }) {
                HttpExchange.Response response = HttpExchange.get(https + path);
                assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
                assertThat(response.header("Permissions-Policy")).as(path).contains("camera=()").contains("geolocation=()");
            }
            HttpExchange.Response login = HttpExchange.get(https + "/login");
            assertThat(login.header("Set-Cookie")).contains("SameSite=Lax").contains("Secure").contains("HttpOnly");
            HttpExchange.Response certificate = HttpExchange.getAsAdmin(https + "/certificates/nonexistent");
            assertThat(certificate.status()).isEqualTo(404);
            assertThat(certificate.body()).contains("There is no certificate &#39;nonexistent&#39;.").doesNotContain("binding");
        }
    }

}
