package io.portal.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.Await;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.OwnedPostgres;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.PortalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged portals on a PostgreSQL server the test owns, which it stops and starts
 * again: while it is stopped both nodes keep serving their HTTPS bindings with the HSTS
 * header switched on before (and node B its redirect from HTTP), a signed-in page that
 * needs the store and a sign-in say that it is unreachable, their health answers 200 with the store component WARNING (a
 * load balancer keeps them; liveness stays UP without it), and a change answers 503 as a problem detail within a few
 * seconds, changing nothing; once it is back, health is UP and the same change succeeds
 * and reaches the other node, without a restart.
 */
class StoreOutageProcessTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void nodesKeepServingRefuseChangesWhileTheDatabaseIsStoppedAndConvergeOnceItIsBack() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = Map.of("PORTAL_ADMIN_PASSWORD", PortalInstance.ADMIN_PASSWORD, "PORTAL_MASTER_KEY",
                Base64.getEncoder().encodeToString(key));
        try (OwnedPostgres postgres = OwnedPostgres.create()) {
            Map<String, Object> a = settings(postgres);
            Map<String, Object> b = settings(postgres);
            b.put("portal.redirect-http-to-https", true);
            try (PortalProcess nodeA = PortalProcess.run(this.dir.resolve("a"), environment, a);
                    PortalProcess nodeB = PortalProcess.run(this.dir.resolve("b"), environment, b)) {
                List<Map<String, Object>> nodes = List.of(a, b);
                AdminApi basicA = AdminApi.basic(http(a), "admin", PortalInstance.ADMIN_PASSWORD);
                AdminApi.Response created = basicA.post("/api/tokens", "{\"name\":\"outage\"}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                AdminApi tokenA = AdminApi.bearer(http(a), created.json().get("token").asString());
                AdminApi.Response hsts = tokenA.put("/api/settings/https", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"1h\"}", null);
                assertThat(hsts.status()).as(hsts.body()).isEqualTo(200);
                for (Map<String, Object> node : nodes) {
                    Await.until("HSTS on " + https(node), Duration.ofSeconds(10),
                            () -> "max-age=3600".equals(HttpExchange.get(https(node) + "/").header("Strict-Transport-Security")));
                    assertThat(storeStatus(node)).isEqualTo("UP");
                }
                assertThat(HttpExchange.get(http(b) + "/login").status()).isEqualTo(308);
                HttpExchange.Response signedIn = signIn(https(a));
                assertThat(signedIn.header("Location")).isEqualTo(https(a) + "/");
                String session = cookie(signedIn, "JSESSIONID");
                assertThat(HttpExchange.get(https(a) + "/bindings", Map.of("Cookie", session)).status()).isEqualTo(200);

                postgres.stop();
                long stopped = System.nanoTime();
                List<String> warnings = new ArrayList<>();
                for (Map<String, Object> node : nodes) {
                    for (String path : List.of("/", "/login", "/portal.css")) {
                        HttpExchange.Response page = HttpExchange.get(https(node) + path);
                        assertThat(page.status()).as(https(node) + path + " while the database is stopped").isEqualTo(200);
                        assertThat(page.header("Strict-Transport-Security")).isEqualTo("max-age=3600");
                    }
                    // The last answer of the store is reused for up to two seconds.
                    HttpExchange.Response health = Await.until("the store WARNING on " + https(node), Duration.ofSeconds(10), () -> {
                        HttpExchange.Response answer = HttpExchange.get(https(node) + "/actuator/health");
                        return "WARNING".equals(json.readTree(answer.body()).at("/components/store/status").asString()) ? answer
                                : null;
                    });
                    warnings.add((System.nanoTime() - stopped) / 1_000_000 + " ms");
                    assertThat(health.status()).as(health.body()).isEqualTo(200);
                    assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("WARNING");
                    HttpExchange.Response withCredentials = HttpExchange.get(https(node) + "/actuator/health", Map.of("Authorization",
                            basic()));
                    assertThat(withCredentials.status()).as("credentials cannot be checked").isEqualTo(503);
                    assertThat(withCredentials.body()).contains("State store unreachable");
                    HttpExchange.Response liveness = HttpExchange.get(https(node) + "/actuator/health/liveness");
                    assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
                    assertThat(json.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
                    assertThat(liveness.body()).doesNotContain("store");
                }
                HttpExchange.Response page = HttpExchange.get(https(a) + "/bindings", Map.of("Cookie", session));
                assertThat(page.status()).as("a signed-in page that needs the store").isEqualTo(503);
                assertThat(page.body()).contains("cannot reach its state store").contains("nothing was changed");
                HttpExchange.Response refusedSignIn = signIn(https(a));
                assertThat(refusedSignIn.header("Location")).isEqualTo(https(a) + "/login?store-unreachable");
                assertThat(HttpExchange.get(refusedSignIn.header("Location")).body()).contains("cannot check your password now");
                HttpExchange.Response redirected = HttpExchange.get(http(b) + "/login?from=outage");
                assertThat(redirected.status()).as("HTTPS is still forced").isEqualTo(308);
                assertThat(redirected.header("Location")).isEqualTo(https(b) + "/login?from=outage");
                List<String> timings = new ArrayList<>();
                List<Supplier<HttpExchange.Response>> changes = List.of(
                        () -> exchange(tokenA.put("/api/settings/https", "{\"hstsMaxAge\":\"2h\"}", null)),
                        () -> exchange(basicA.post("/api/bindings", "{\"name\":\"during\",\"scheme\":\"http\",\"port\":"
                                + FreePorts.next() + "}")),
                        () -> put(https(b) + "/api/settings/https", basic(), "{\"hstsMaxAge\":\"2h\"}"));
                for (Supplier<HttpExchange.Response> change : changes) {
                    long started = System.nanoTime();
                    HttpExchange.Response refused = change.get();
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    timings.add(took.toMillis() + " ms");
                    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(refused.header("Retry-After")).isEqualTo("5");
                    JsonNode problem = json.readTree(refused.body());
                    assertThat(problem.get("title").asString()).isEqualTo("State store unreachable");
                    assertThat(problem.get("detail").asString()).contains("nothing was changed");
                    assertThat(problem.get("action").asString()).contains("once it is back");
                    assertThat(refused.body()).doesNotContain("jdbc:").doesNotContain("postgres").doesNotContain("Exception");
                    assertThat(took).isLessThan(Duration.ofSeconds(6));
                }

                postgres.start();
                long back = System.nanoTime();
                List<String> ups = new ArrayList<>();
                for (Map<String, Object> node : nodes) {
                    Await.until("the store UP on " + https(node), Duration.ofSeconds(20), () -> "UP".equals(storeStatus(node)));
                    ups.add((System.nanoTime() - back) / 1_000_000 + " ms");
                    assertThat(HttpExchange.get(https(node) + "/").header("Strict-Transport-Security"))
                        .as("nothing changed during the outage").isEqualTo("max-age=3600");
                }
                assertThat(basicA.get("/api/bindings/during").status()).as("not created during the outage").isEqualTo(404);
                AdminApi.Response retried = tokenA.put("/api/settings/https", "{\"hstsMaxAge\":\"2h\"}", null);
                assertThat(retried.status()).as(retried.body()).isEqualTo(200);
                long retriedAt = System.nanoTime();
                Await.until("the change on node B", Duration.ofSeconds(10),
                        () -> "max-age=7200".equals(HttpExchange.get(https(b) + "/").header("Strict-Transport-Security")));
                System.out.println("Store outage: health WARNING after the stop on A, B: " + warnings + "; a change answered 503 "
                        + "after " + timings + "; store UP after the start on A, B: " + ups + "; the change retried on A "
                        + "sent by B after " + (System.nanoTime() - retriedAt) / 1_000_000 + " ms");
                assertThat(nodeA.isAlive()).isTrue();
                assertThat(nodeB.isAlive()).isTrue();
            }
        }
    }

    private static Map<String, Object> settings(OwnedPostgres postgres) {
        Map<String, Object> settings = postgres.configure(new LinkedHashMap<>());
        settings.put("portal.bindings.web.port", FreePorts.next());
        settings.put("portal.bindings.secure.port", FreePorts.next());
        settings.put("spring.main.banner-mode", "off");
        settings.put("management.endpoint.health.probes.enabled", true);
        return settings;
    }

    private static String storeStatus(Map<String, Object> node) {
        return json.readTree(HttpExchange.get(https(node) + "/actuator/health").body()).at("/components/store/status").asString();
    }

    /**
     * Sign in with the form, as a browser does.
     */
    private static HttpExchange.Response signIn(String base) {
        HttpExchange.Response form = HttpExchange.get(base + "/login");
        String cookie = cookie(form, "PORTAL-CSRF");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        try (HttpExchange exchange = HttpExchange.connect(base)) {
            return exchange.send("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie,
                    "Connection", "close"), "username=admin&password=" + PortalInstance.ADMIN_PASSWORD + "&_csrf=" + csrf.group(1));
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes());
    }

    private static String cookie(HttpExchange.Response response, String name) {
        Matcher cookie = Pattern.compile("(?:^|, )(" + name + "=[^;,]+)").matcher(String.valueOf(response.header("Set-Cookie")));
        assertThat(cookie.find()).as(name + " in " + response.headers()).isTrue();
        return cookie.group(1);
    }

    private static HttpExchange.Response exchange(AdminApi.Response response) {
        return new HttpExchange.Response(response.status(), response.headers(), response.body());
    }

    private static HttpExchange.Response put(String url, String authorization, String body) {
        try (HttpExchange exchange = HttpExchange.connect(url)) {
            return exchange.send("PUT", java.net.URI.create(url).getPath(), Map.of("Authorization", authorization, "Content-Type",
                    "application/json", "Connection", "close"), body);
        }
    }

    private static String http(Map<String, Object> node) {
        return "http://127.0.0.1:" + node.get("portal.bindings.web.port");
    }

    private static String https(Map<String, Object> node) {
        return "https://127.0.0.1:" + node.get("portal.bindings.secure.port");
    }

}
