package io.portal.https;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.HttpExchange.Response;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests on HTTP bindings are redirected to the HTTPS binding they map to, over real
 * connectors, when portal.redirect-http-to-https is on.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForceHttpsTests {

    @TempDir
    Path dir;

    @Test
    void httpIsServedAsIsUntilRedirectingIsSwitchedOn() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Response response = HttpExchange.get(http(settings, "web") + "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Location")).isNull();
        }
    }

    @Test
    void eachHttpBindingRedirectsWith308ToItsHttpsBindingKeepingHostPathAndQuery() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        settings.put("portal.bindings.local.address", "127.0.0.1");
        settings.put("portal.bindings.local.port", FreePorts.next());
        settings.put("portal.bindings.local-tls.scheme", "https");
        settings.put("portal.bindings.local-tls.address", "127.0.0.1");
        settings.put("portal.bindings.local-tls.port", FreePorts.next());
        settings.put("portal.bindings.local-tls.ssl-bundle", "portal");
        settings.put("portal.bindings.legacy.port", FreePorts.next());
        settings.put("portal.bindings.legacy.redirect-to", "local-tls");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Response web = HttpExchange.get(http(settings, "web") + "/a/b%20c?x=1&y=%C3%A9");
            assertThat(web.status()).isEqualTo(308);
            assertThat(web.header("Location")).isEqualTo(https(settings, "secure") + "/a/b%20c?x=1&y=%C3%A9");
            assertThat(web.header("Strict-Transport-Security")).isNull();

            Response local = HttpExchange.get(http(settings, "local") + "/status?full");
            assertThat(local.status()).isEqualTo(308);
            assertThat(local.header("Location")).isEqualTo(https(settings, "local-tls") + "/status?full");

            Response legacy = HttpExchange.get(http(settings, "legacy") + "/");
            assertThat(legacy.status()).isEqualTo(308);
            assertThat(legacy.header("Location")).isEqualTo(https(settings, "local-tls") + "/");

            assertThat(HttpExchange.get(https(settings, "secure") + "/").status()).isEqualTo(200);
            assertThat(HttpExchange.get(https(settings, "local-tls") + "/").status()).isEqualTo(200);
        }
    }

    @Test
    void aPostIsRedirectedWith308SoThatTheClientRepeatsItsMethodAndBody() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        try (PortalInstance portal = PortalInstance.start(settings);
                HttpExchange exchange = HttpExchange.connect(http(settings, "web"))) {
            Response response = exchange.send("POST", "/form?step=2", Map.of("Content-Type", "text/plain"), "name=value");
            assertThat(response.status()).isEqualTo(308);
            assertThat(response.header("Location")).isEqualTo(https(settings, "secure") + "/form?step=2");
        }
    }

    @Test
    void theStandardHttpsPortIsLeftOutWhenTheRequestCameThroughAForwardFromPort80() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        try (PortalInstance portal = PortalInstance.start(settings);
                HttpExchange exchange = HttpExchange.connect(http(settings, "web"))) {
            Response viaPort80 = exchange.send("GET", "/docs?page=2", Map.of("Host", "portal.example.com"), null);
            assertThat(viaPort80.status()).isEqualTo(308);
            assertThat(viaPort80.header("Location")).isEqualTo("https://portal.example.com/docs?page=2");
            Response direct = exchange.send("GET", "/docs", Map.of("Host", "portal.example.com:" + port(settings, "web")), null);
            assertThat(direct.header("Location")).isEqualTo("https://portal.example.com:" + port(settings, "secure") + "/docs");
        }
    }

    @Test
    void acmeChallengesAreNeitherRedirectedNorAskedToAuthenticate() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Response challenge = HttpExchange.get(http(settings, "web") + "/.well-known/acme-challenge/Xk2-token_9");
            assertThat(challenge.status()).isEqualTo(404);
            assertThat(challenge.header("Location")).isNull();
            assertThat(challenge.header("WWW-Authenticate")).isNull();
            assertThat(HttpExchange.get(http(settings, "web") + "/.well-known/other").status()).isEqualTo(308);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "framework" })
    void behindATlsTerminatingProxyARequestMarkedHttpsIsNotRedirectedAgain(String forwardHeadersStrategy) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        settings.put("portal.redirect-status", 301);
        settings.put("server.forward-headers-strategy", forwardHeadersStrategy);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Response forwarded = HttpExchange.get(http(settings, "web") + "/",
                    Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));
            assertThat(forwarded.status()).isEqualTo(200);
            assertThat(forwarded.header("Location")).isNull();
            Response plain = HttpExchange.get(http(settings, "web") + "/");
            assertThat(plain.status()).isEqualTo(301);
            assertThat(plain.header("Location")).isEqualTo(https(settings, "secure") + "/");
        }
    }

    @Test
    void forcingHttpsWithoutAnHttpsBindingStopsStartupWithOneClearMessage(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        settings.put("portal.bindings.secure.enabled", false);
        PortalInstance.startExpectingFailure(settings);
        String report = output.toString().substring(output.toString().lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("portal.redirect-http-to-https is on, but HTTP binding 'web' cannot be redirected: "
                + "there is no HTTPS binding to redirect to.");
        assertThat(report.substring(report.indexOf("Action:"))).contains("Add an HTTPS binding")
            .contains("configure --redirect-http-to-https=false");
    }

    private static String http(Map<String, Object> settings, String binding) {
        return "http://127.0.0.1:" + port(settings, binding);
    }

    private static String https(Map<String, Object> settings, String binding) {
        return "https://127.0.0.1:" + port(settings, binding);
    }

    private static int port(Map<String, Object> settings, String binding) {
        return (int) settings.get("portal.bindings." + binding + ".port");
    }

}
