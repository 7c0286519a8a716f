package io.portal.https;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.HttpExchange.Response;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Strict-Transport-Security header, over real connectors: on every HTTPS response,
 * exactly as configured, never on HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class HstsTests {

    private static final String HSTS = "Strict-Transport-Security";

    @TempDir
    Path dir;

    @Test
    void noHeaderUntilHstsIsSwitchedOn() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(HttpExchange.get(https(settings) + "/").header(HSTS)).isNull();
        }
    }

    @Test
    void everyHttpsResponseCarriesTheHeaderAsConfiguredAndNoHttpResponseDoes() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        settings.put("portal.hsts.max-age", "7200");
        settings.put("portal.hsts.include-sub-domains", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            Response page = HttpExchange.get(https(settings) + "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header(HSTS)).isEqualTo("max-age=7200; includeSubDomains");
            Response staticFile = HttpExchange.get(https(settings) + "/portal.css");
            assertThat(staticFile.status()).isEqualTo(200);
            assertThat(staticFile.header(HSTS)).isEqualTo("max-age=7200; includeSubDomains");
            Response notFound = HttpExchange.getAsAdmin(https(settings) + "/no/such/page");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.header(HSTS)).isEqualTo("max-age=7200; includeSubDomains");
            Response denied = HttpExchange.get(https(settings) + "/api/bindings");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.header(HSTS)).isEqualTo("max-age=7200; includeSubDomains");
            Response certificate = HttpExchange.getAsAdmin(https(settings) + "/certificates/portal.pem");
            assertThat(certificate.header(HSTS)).isEqualTo("max-age=7200; includeSubDomains");

            Response http = HttpExchange.get(http(settings) + "/");
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header(HSTS)).isNull();
            assertThat(HttpExchange.getAsAdmin(http(settings) + "/no/such/page").header(HSTS)).isNull();
        }
    }

    @Test
    void preloadIsSentWithAYearOrMoreAndSubDomains() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        settings.put("portal.hsts.max-age", "365d");
        settings.put("portal.hsts.include-sub-domains", true);
        settings.put("portal.hsts.preload", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(HttpExchange.get(https(settings) + "/").header(HSTS))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
        }
    }

    @Test
    void aRampStartsBySendingFiveMinutesWhateverTheConfiguredMaxAge() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        settings.put("portal.hsts.max-age", "365d");
        settings.put("portal.hsts.ramp", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(HttpExchange.get(https(settings) + "/").header(HSTS)).isEqualTo("max-age=300");
        }
    }

    @Test
    void preloadWithoutAYearOfMaxAgeStopsStartupWithOneClearMessage(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        settings.put("portal.hsts.include-sub-domains", true);
        settings.put("portal.hsts.preload", true);
        PortalInstance.startExpectingFailure(settings);
        String report = output.toString().substring(output.toString().lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("portal.hsts.preload is on, but preload lists also require max-age of at least 365d "
                + "(it is 1h).");
        assertThat(report.substring(report.indexOf("Action:"))).contains("configure --hsts-max-age=365d")
            .contains("or turn preload off");
    }

    @Test
    void noGeneratedPasswordIsLoggedNorAskedFor(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(HttpExchange.get(https(settings) + "/actuator/health").status()).isEqualTo(200);
            assertThat(output).doesNotContain("Using generated security password");
        }
    }

    private static String http(Map<String, Object> settings) {
        return "http://127.0.0.1:" + settings.get("portal.bindings.web.port");
    }

    private static String https(Map<String, Object> settings) {
        return "https://127.0.0.1:" + settings.get("portal.bindings.secure.port");
    }

}
