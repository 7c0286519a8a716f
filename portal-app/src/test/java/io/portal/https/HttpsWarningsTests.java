package io.portal.https;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.Scheme;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each warning appears under its condition, and not otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpsWarningsTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final List<Binding> STANDARD = List.of(binding("web", Scheme.HTTP, 80, null), binding("secure", Scheme.HTTPS, 443, null));

    private static final ServedCertificates.Untrusted SELF_SIGNED = new ServedCertificates.Untrusted("secure", "portal",
            "CN=localhost", "it is self-signed");

    private final HttpsSettings hsts = new HttpsSettings(true, 308, true, Duration.ofHours(1), false, false, false);

    @TempDir
    Path dir;

    @Test
    void anUntrustedCertificateIsAWarningOnlyWhileHstsIsOn() {
        assertThat(codes(this.hsts, STANDARD, List.of(SELF_SIGNED))).containsExactly(HttpsWarnings.UNTRUSTED_CERTIFICATE);
        assertThat(warnings(this.hsts, STANDARD, List.of(SELF_SIGNED)).get(0).message()).isEqualTo("HSTS is on, but "
                + "binding 'secure' serves SSL bundle 'portal' (CN=localhost) and it is self-signed. Browsers that received "
                + "the HSTS header do not let visitors click through a certificate warning, so the portal is unreachable "
                + "for them.");
        assertThat(codes(this.hsts.with(HttpsSetting.HSTS_ENABLED, false), STANDARD, List.of(SELF_SIGNED))).isEmpty();
        assertThat(codes(this.hsts, STANDARD, List.of())).isEmpty();
    }

    @Test
    void portsOtherThan80And443AreAWarningOnlyWhileHstsIsOn() {
        List<Binding> httpOn8080 = List.of(binding("web", Scheme.HTTP, 8080, null), binding("secure", Scheme.HTTPS, 443, null));
        List<Binding> httpsOn8443 = List.of(binding("web", Scheme.HTTP, 80, null), binding("secure", Scheme.HTTPS, 8443, null));
        assertThat(codes(this.hsts, httpOn8080, List.of())).containsExactly(HttpsWarnings.NON_STANDARD_PORT);
        assertThat(warnings(this.hsts, httpOn8080, List.of()).get(0).message())
            .contains("HTTP binding 'web' listens on port 8080")
            .contains("http://host:8080 becomes https://host:8080, where the portal speaks plain HTTP");
        assertThat(warnings(this.hsts, httpsOn8443, List.of()).get(0).message())
            .contains("HTTPS binding 'secure' listens on port 8443")
            .contains("http://host becomes https://host on port 443, not 8443");
        assertThat(codes(this.hsts.with(HttpsSetting.HSTS_ENABLED, false), httpOn8080, List.of())).isEmpty();
    }

    @Test
    void aMaxAgeOverADayIsAWarningDuringTheFirstDayOfHsts() {
        HttpsSettings twoDays = this.hsts.with(HttpsSetting.HSTS_MAX_AGE, Duration.ofDays(2));
        assertThat(HttpsWarnings.evaluate(twoDays, STANDARD, List.of(), Duration.ofDays(2), NOW.minus(Duration.ofHours(23)), NOW))
            .extracting(HttpsWarning::code)
            .containsExactly(HttpsWarnings.LONG_MAX_AGE_TOO_SOON);
        assertThat(HttpsWarnings.evaluate(twoDays, STANDARD, List.of(), Duration.ofDays(2), NOW.minus(Duration.ofHours(25)), NOW))
            .isEmpty();
        assertThat(HttpsWarnings.evaluate(this.hsts, STANDARD, List.of(), Duration.ofDays(1), NOW, NOW)).isEmpty();
        assertThat(HttpsWarnings.evaluate(twoDays, STANDARD, List.of(), Duration.ofMinutes(5), NOW, NOW))
            .as("a ramp sends 5 minutes first, whatever the configured max-age")
            .isEmpty();
    }

    @Test
    void hstsWithoutForcingHttpsIsAWarningWhenThereIsAnHttpBinding() {
        HttpsSettings notForced = this.hsts.with(HttpsSetting.REDIRECT_HTTP_TO_HTTPS, false);
        assertThat(codes(notForced, STANDARD, List.of())).containsExactly(HttpsWarnings.HSTS_WITHOUT_REDIRECT);
        assertThat(codes(notForced, List.of(binding("secure", Scheme.HTTPS, 443, null)), List.of())).isEmpty();
        assertThat(codes(notForced.with(HttpsSetting.HSTS_ENABLED, false), STANDARD, List.of())).isEmpty();
    }

    @Test
    void anHttpBindingThatCannotBeRedirectedIsAWarningWhileHttpsIsForced() {
        HttpsSettings forced = this.hsts.with(HttpsSetting.HSTS_ENABLED, false);
        List<Binding> httpOnly = List.of(binding("web", Scheme.HTTP, 80, null));
        assertThat(codes(forced, httpOnly, List.of())).containsExactly(HttpsWarnings.REDIRECT_WITHOUT_TARGET);
        assertThat(codes(forced.with(HttpsSetting.REDIRECT_HTTP_TO_HTTPS, false), httpOnly, List.of())).isEmpty();
    }

    @Test
    void aRunningPortalLogsItsWarningsAtStartupAndCountsItsSelfSignedCertificateAsUntrusted(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(portal.bean(HttpsWarnings.class).current()).extracting(HttpsWarning::code)
                .containsExactly(HttpsWarnings.UNTRUSTED_CERTIFICATE, HttpsWarnings.NON_STANDARD_PORT,
                        HttpsWarnings.HSTS_WITHOUT_REDIRECT);
            assertThat(output).contains("HTTPS warning: HSTS is on, but binding 'secure' serves SSL bundle 'portal' "
                    + "(CN=localhost,O=Portal self-signed) and it is self-signed.");
            assertThat(output).contains("[hsts-non-standard-port]").contains("[hsts-without-redirect]");
        }
    }

    @Test
    void aCertificateFromACaTheOperatorTrustsIsNotAWarning() {
        Issued ca = TestCertificates.ca("Company CA");
        Issued leaf = TestCertificates.leaf(ca, "portal.company.test");
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.hsts.enabled", true);
        settings.put("portal.redirect-http-to-https", true);
        settings.put("portal.bindings.secure.ssl-bundle", "company");
        settings.put("spring.ssl.bundle.pem.company.keystore.certificate", "file:" + leaf.writeCertificatePem(this.dir.resolve("c.pem")));
        settings.put("spring.ssl.bundle.pem.company.keystore.private-key", "file:" + leaf.writeKeyPem(this.dir.resolve("k.pem")));
        settings.put("portal.hsts.trusted-ca-certificates", "file:" + TestCertificates.write(this.dir.resolve("ca.pem"),
                TestCertificates.pem(ca.chain())));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(portal.bean(HttpsWarnings.class).current()).extracting(HttpsWarning::code)
                .containsExactly(HttpsWarnings.NON_STANDARD_PORT);
        }
    }

    private static List<String> codes(HttpsSettings settings, List<Binding> bindings, List<ServedCertificates.Untrusted> untrusted) {
        return warnings(settings, bindings, untrusted).stream().map(HttpsWarning::code).toList();
    }

    private static List<HttpsWarning> warnings(HttpsSettings settings, List<Binding> bindings,
            List<ServedCertificates.Untrusted> untrusted) {
        return HttpsWarnings.evaluate(settings, bindings, untrusted, settings.hstsMaxAge(), NOW.minus(Duration.ofDays(2)), NOW);
    }

    private static Binding binding(String name, Scheme scheme, int port, String redirectTo) {
        return new Binding(name, scheme, null, port, (scheme == Scheme.HTTPS) ? "portal" : null, Map.of(), List.of(), List.of(),
                redirectTo, Binding.Source.CONFIG);
    }

}
