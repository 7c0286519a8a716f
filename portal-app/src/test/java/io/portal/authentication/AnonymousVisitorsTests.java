package io.portal.authentication;

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
    void loadBalancersFindLivenessAndReadinessOnEveryBindingWithoutCredentials() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            for (String base : new String[] { "http://127.0.0.1:" + portal.port("portal.bindings.web.port"),
                    "https://127.0.0.1:" + portal.port("portal.bindings.secure.port") }) {
                for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
                    HttpExchange.Response response = HttpExchange.get(base + probe);
                    assertThat(response.status()).as(base + probe).isEqualTo(200);
                    assertThat(response.body()).as(base + probe).contains("\"status\":\"UP\"").doesNotContain("store");
                }
            }
        }
    }

    @Test
    void theSignInPageStartsNoSessionAndItsFormStillNeedsTheTokenItCarries() {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
            for (int i = 0; i < 3; i++) {
                HttpExchange.Response login = HttpExchange.get(https + "/login");
                assertThat(login.status()).isEqualTo(200);
                assertThat(login.header("Set-Cookie")).startsWith("PORTAL-CSRF=").doesNotContain("JSESSIONID");
                assertThat(HttpExchange.get(https + "/").header("Set-Cookie")).isNull();
            }
            HttpExchange.Response login = HttpExchange.get(https + "/login");
            String cookie = login.header("Set-Cookie").split(";")[0];
            String form = "username=admin&password=" + PortalInstance.ADMIN_PASSWORD;
            assertThat(post(https, Map.of("Cookie", cookie), form).status()).as("without the form's token").isEqualTo(403);
            assertThat(post(https, Map.of("Cookie", cookie), form + "&_csrf=" + token(HttpExchange.get(https + "/login"))).status())
                .as("with another page's token").isEqualTo(403);
            assertThat(post(https, Map.of(), form + "&_csrf=" + token(login)).status()).as("without the cookie").isEqualTo(403);
            HttpExchange.Response signIn = signIn(https, login);
            assertThat(signIn.status()).isEqualTo(302);
            assertThat(signIn.header("Location")).endsWith("/");
            String session = java.util.Arrays.stream(signIn.header("Set-Cookie").split(", "))
                .filter((c) -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";")[0];
            HttpExchange.Response dashboard = HttpExchange.get(https + "/", Map.of("Cookie", session));
            assertThat(dashboard.body()).contains("/logout");
            HttpExchange.Response signOut = post(https, "/logout", Map.of("Cookie", session, "Accept", "text/html"),
                    "_csrf=" + token(dashboard));
            assertThat(signOut.status()).as("the signed-in pages' token is the session's").isEqualTo(302);
            assertThat(signOut.header("Location")).endsWith("/login?logout");
        }
    }

    private static HttpExchange.Response signIn(String base, HttpExchange.Response loginPage) {
        return post(base, Map.of("Cookie", loginPage.header("Set-Cookie").split(";")[0]),
                "username=admin&password=" + PortalInstance.ADMIN_PASSWORD + "&_csrf=" + token(loginPage));
    }

    private static HttpExchange.Response post(String base, Map<String, String> headers, String form) {
        return post(base, "/login", headers, form);
    }

    private static HttpExchange.Response post(String base, String path, Map<String, String> headers, String form) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        try (HttpExchange exchange = HttpExchange.connect(base)) {
            return exchange.send("POST", path, all, form);
        }
    }

    private static String token(HttpExchange.Response page) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
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
            assertThat(login.header("Set-Cookie")).contains("SameSite=Strict").contains("Secure").contains("HttpOnly");
            HttpExchange.Response signIn = signIn(https, login);
            assertThat(signIn.header("Set-Cookie")).contains("JSESSIONID=").contains("SameSite=Lax").contains("Secure")
                .contains("HttpOnly");
            HttpExchange.Response certificate = HttpExchange.getAsAdmin(https + "/certificates/nonexistent");
            assertThat(certificate.status()).isEqualTo(404);
            assertThat(certificate.body()).contains("There is no certificate &#39;nonexistent&#39;.").doesNotContain("binding");
        }
    }

}
