package io.portal.authentication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.OwnAddress;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials are not guessed in parallel and do not travel in clear text: a wildcard
 * HTTP binding refuses them from another machine (this machine's own non-loopback
 * address stands in for one) and names the HTTPS address, accepts them from loopback,
 * and accepts them from a trusted proxy that terminated TLS.
 */
class SignInProtectionTests {

    private static final String BASIC = "Basic " + Base64.getEncoder()
        .encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void fiftyWrongPasswordsAtOnceFromOneAddressGetAtMostTheAllowedChecks() throws Exception {
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            String url = "http://127.0.0.1:" + portal.port("portal.bindings.web.port") + "/api/bindings";
            String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
            ExecutorService pool = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> {
                    try (HttpExchange exchange = HttpExchange.connect(url)) {
                        start.await();
                        return exchange.send("GET", "/api/bindings", Map.of("Authorization", wrong, "Connection", "close"), null)
                            .status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            pool.shutdown();
            assertThat(statuses).hasSize(50).containsOnly(401, 429);
            assertThat(statuses.stream().filter((status) -> status == 401).count()).as("passwords checked").isBetween(1L, 5L);
            AdminApi.Response refused = portal.api().get("/api/bindings");
            assertThat(refused.status()).as("the right password too, while refused").isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("title").asString()).isEqualTo("Too many failed sign-ins");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 300);
        }
    }

    @Test
    void credentialsOverPlainHttpFromAnotherMachineAreRefusedWithTheHttpsAddress() throws Exception {
        String own = OwnAddress.nonLoopback().getHostAddress();
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            int web = portal.port("portal.bindings.web.port");
            int secure = portal.port("portal.bindings.secure.port");
            String remote = "http://" + own + ":" + web;

            HttpExchange.Response basic = HttpExchange.get(remote + "/api/bindings", Map.of("Authorization", BASIC));
            assertThat(basic.status()).isEqualTo(403);
            assertThat(basic.header("Content-Type")).startsWith("application/problem+json");
            assertThat(basic.body()).contains("\"title\":\"HTTPS required\"")
                .contains("Credentials are refused over plain HTTP from " + own)
                .contains("\"httpsUrl\":\"https://" + own + ":" + secure + "/api/bindings\"")
                .contains("\"type\":\"http://" + own + ":" + web + "/problems/https-required\"");

            HttpExchange.Response token = HttpExchange.get(remote + "/api/bindings", Map.of("Authorization", "Bearer ptk_a_b"));
            assertThat(token.status()).isEqualTo(403);

            HttpExchange.Response page = HttpExchange.get(remote + "/login");
            assertThat(page.status()).as("the sign-in page is sent to HTTPS before a password is typed").isEqualTo(302);
            assertThat(page.header("Location")).isEqualTo("https://" + own + ":" + secure + "/login");

            // A sign-in form posted over plain HTTP from another machine, with a valid CSRF token
            HttpExchange.Response loginPage = HttpExchange.get("http://127.0.0.1:" + web + "/login");
            String session = loginPage.header("Set-Cookie").split(";")[0];
            java.util.regex.Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
            assertThat(csrf.find()).isTrue();
            try (HttpExchange exchange = HttpExchange.connect(remote)) {
                HttpExchange.Response form = exchange.send("POST", "/login", Map.of("Content-Type",
                        "application/x-www-form-urlencoded", "Cookie", session),
                        "username=admin&password=" + PortalInstance.ADMIN_PASSWORD + "&_csrf=" + csrf.group(1));
                assertThat(form.status()).isEqualTo(303);
                assertThat(form.header("Location")).isEqualTo("https://" + own + ":" + secure + "/login?insecure");
            }
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/", Map.of("Cookie", session)).body())
                .as("the session is not signed in").contains("sign in");

            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/api/bindings", Map.of("Authorization", BASIC)).status())
                .as("from loopback").isEqualTo(200);
            HttpExchange.Response pem = HttpExchange.get("http://127.0.0.1:" + web + "/certificates/portal.pem",
                    Map.of("Authorization", BASIC));
            assertThat(pem.status()).as("the README's way to fetch portal.pem").isEqualTo(200);
            assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(HttpExchange.get("https://" + own + ":" + secure + "/api/bindings", Map.of("Authorization", BASIC)).status())
                .as("over HTTPS").isEqualTo(200);
            assertThat(HttpExchange.get(remote + "/").status()).as("pages without credentials").isEqualTo(200);
            assertThat(HttpExchange.get(remote + "/problems/https-required").status()).as("the problem type resolves").isEqualTo(200);
        }
    }

    @Test
    void aTrustedProxyThatTerminatedTlsCountsAsHttps() {
        String own = OwnAddress.nonLoopback().getHostAddress();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("server.forward-headers-strategy", "native");
        settings.put("server.tomcat.remoteip.internal-proxies", Pattern.quote(own));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String remote = "http://" + own + ":" + portal.port("portal.bindings.web.port");
            assertThat(HttpExchange.get(remote + "/api/bindings", Map.of("Authorization", BASIC, "X-Forwarded-Proto", "https"))
                .status()).isEqualTo(200);
            assertThat(HttpExchange.get(remote + "/api/bindings", Map.of("Authorization", BASIC)).status()).isEqualTo(403);
        }
    }

    @Test
    void theRefusalCanBeSwitchedOff() {
        String own = OwnAddress.nonLoopback().getHostAddress();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.admin.require-https", false);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String remote = "http://" + own + ":" + portal.port("portal.bindings.web.port");
            assertThat(HttpExchange.get(remote + "/api/bindings", Map.of("Authorization", BASIC)).status()).isEqualTo(200);
        }
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request,
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String url) {
        return URI.create(url);
    }

}
