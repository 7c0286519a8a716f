package io.portal.certificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/health} and the metrics say about certificates as they are
 * imported, used, replaced and deleted, on a running portal.
 */
class CertificateHealthAndMetricsTests {

    @TempDir
    Path dir;

    private final Issued ca = TestCertificates.ca("Health test CA");

    @Test
    void aCertificateProblemIsAWarningWithHttp200WhetherTheCertificateIsUsedOrNot() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            String health = "http://127.0.0.1:" + portal.port("portal.bindings.web.port") + "/actuator/health";
            assertThat(status(HttpExchange.get(health))).containsExactly(200, "UP", "UP");

            Issued expired = leaf(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)));
            assertThat(importPem(api, "expired", expired)).isEqualTo(201);
            HttpExchange.Response unused = HttpExchange.get(health);
            assertThat(status(unused)).as("expired, unused").containsExactly(200, "WARNING", "WARNING");
            assertThat(unused.body()).doesNotContain("\"ssl\"");
            assertThat(JsonPath.<String>read(HttpExchange.getAsAdmin(health).body(),
                    "$.components.certificates.details.expired.warnings[0]")).startsWith("expired on");
            assertThat(api.delete("/api/certificates/expired", null).status()).isEqualTo(204);
            assertThat(status(HttpExchange.get(health))).as("after deleting it").containsExactly(200, "UP", "UP");

            Issued future = leaf(Instant.now().plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(90)));
            assertThat(importPem(api, "future", future)).isEqualTo(201);
            assertThat(status(HttpExchange.get(health))).as("not yet valid").containsExactly(200, "WARNING", "WARNING");
            assertThat(JsonPath.<String>read(HttpExchange.getAsAdmin(health).body(),
                    "$.components.certificates.details.future.warnings[0]")).startsWith("not valid until");
            assertThat(api.delete("/api/certificates/future", null).status()).isEqualTo(204);

            assertThat(importPem(api, "expired", expired)).isEqualTo(201);
            int port = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"old\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"expired\"}").status()).isEqualTo(201);
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(expired.leaf()));
            HttpExchange.Response used = HttpExchange.get(health);
            assertThat(status(used)).as("expired, in use").containsExactly(200, "WARNING", "WARNING");
            assertThat(JsonPath.<List<String>>read(HttpExchange.getAsAdmin(health).body(),
                    "$.components.certificates.details.expired.servedBy")).containsExactly("old");
        }
    }

    @Test
    void theExpiryThresholdIsSpringBootsSslHealthSetting() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put(ExpiryWarning.PROPERTY, "40d");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String health = "http://127.0.0.1:" + portal.port("portal.bindings.web.port") + "/actuator/health";
            assertThat(importPem(portal.api(), "month", leaf(Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(30))))).isEqualTo(201);

            assertThat(status(HttpExchange.get(health))).containsExactly(200, "WARNING", "WARNING");
            assertThat(JsonPath.<String>read(HttpExchange.getAsAdmin(health).body(),
                    "$.components.certificates.details.month.warnings[0]")).startsWith("expires in 29 days");
            assertThat(portal.bean(ExpiryWarning.class).threshold()).isEqualTo(Duration.ofDays(40));
        }
    }

    @Test
    void eachCertificateHasOneExpiryGaugeThatFollowsItsBundleAndLeavesWithIt() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            MeterRegistry meters = portal.bean(MeterRegistry.class);
            Issued first = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
            Issued second = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(100)));

            assertThat(importPem(api, "shop", first)).isEqualTo(201);
            assertThat(gauge(meters, "shop")).isBetween(Duration.ofDays(9).toSeconds() * 1.0, Duration.ofDays(10).toSeconds() * 1.0);
            assertThat(api.delete("/api/certificates/shop", null).status()).isEqualTo(204);
            assertThat(meters.find(CertificateMetrics.EXPIRY).tag("bundle", "shop").gauges()).as("gauge of a deleted bundle")
                .isEmpty();
            assertThat(importPem(api, "shop", second)).isEqualTo(201);
            assertThat(gauge(meters, "shop")).isGreaterThan(Duration.ofDays(99).toSeconds());

            portal.bean(PortalSslBundleRegistry.class).updateBundle("shop",
                    new CertificateAndKey(first.chain(), first.key()).toSslBundle());
            assertThat(gauge(meters, "shop")).as("after a swap").isLessThan(Duration.ofDays(10).toSeconds());
            assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
                .doesNotContain("ssl.chain.expiry", "ssl.chains");
            assertThat(meters.find(CertificateMetrics.EXPIRY).gauges()).extracting(Meter::getId)
                .extracting((id) -> id.getTag("bundle")).containsExactlyInAnyOrder("portal", "shop");
            assertThat(meters.find(CertificateMetrics.EXPIRY).gauges()).allSatisfy((gauge) -> assertThat(gauge.value()).isNotNaN());
        }
    }

    @Test
    void anImportedCertificateDeletedAndImportedAgainUnderItsNameIsSwappedOnEveryBindingAndSniEntry() throws Exception {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            Issued first = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            Issued second = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            Issued third = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            assertThat(uploadPfx(api, "shop", first)).isEqualTo(201);
            int port = FreePorts.next();
            String binding = "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port + ",\"sslBundle\":\"shop\"}";
            assertThat(api.post("/api/bindings", binding).status()).isEqualTo(201);
            assertThat(api.delete("/api/bindings/shop", null).status()).isEqualTo(200);
            assertThat(api.delete("/api/certificates/shop", null).status()).isEqualTo(204);

            assertThat(importPem(api, "shop", second)).isEqualTo(201);
            int sniPort = FreePorts.next();
            assertThat(api.post("/api/bindings", binding).status()).isEqualTo(201);
            assertThat(api.post("/api/bindings", "{\"name\":\"front\",\"scheme\":\"https\",\"port\":" + sniPort
                    + ",\"sslBundle\":\"portal\",\"sni\":{\"shop.portal.test\":\"shop\"}}").status()).isEqualTo(201);
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(second.leaf()));
            assertThat(TlsProbe.handshake(sniPort, "shop.portal.test").fingerprint()).isEqualTo(TlsProbe.fingerprint(second.leaf()));

            portal.bean(PortalSslBundleRegistry.class).updateBundle("shop",
                    new CertificateAndKey(third.chain(), third.key()).toSslBundle());

            String expected = TlsProbe.fingerprint(third.leaf());
            assertThat(TlsProbe.handshake(port).fingerprint()).as("default certificate").isEqualTo(expected);
            assertThat(TlsProbe.handshake(sniPort, "shop.portal.test").fingerprint()).as("SNI entry").isEqualTo(expected);
            assertThat(api.get("/api/certificates/shop").json().at("/summary/sha256").asString()).isEqualTo(expected);
        }
    }

    @Test
    void aSwapToACertificateThatCannotBeServedIsRefusedAndThePreviousOneStaysOnTheWireAndInTheReports() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            String health = "http://127.0.0.1:" + portal.port("portal.bindings.web.port") + "/actuator/health";
            Issued working = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            Issued other = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(200)));
            assertThat(importPem(api, "shop", working)).isEqualTo(201);
            int port = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"shop\"}").status()).isEqualTo(201);

            // A new certificate with a key that is not its own, as a half-copied file pair would give.
            portal.bean(PortalSslBundleRegistry.class).updateBundle("shop",
                    new CertificateAndKey(other.chain(), working.key()).toSslBundle());

            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(working.leaf()));
            assertThat(HttpExchange.get("https://127.0.0.1:" + port + "/").status()).isEqualTo(200);
            assertThat(status(HttpExchange.get(health))).containsExactly(200, "WARNING", "WARNING");
            assertThat(JsonPath.<String>read(HttpExchange.getAsAdmin(health).body(),
                    "$.components.certificates.details.shop.warnings[0]"))
                .startsWith("the latest certificate given for it cannot be served (the private key does not belong");
            assertThat(api.get("/api/certificates/shop").json().at("/summary/sha256").asString())
                .isEqualTo(TlsProbe.fingerprint(working.leaf()));
            assertThat(gauge(portal.bean(MeterRegistry.class), "shop")).isLessThan(Duration.ofDays(91).toSeconds());
        }
    }

    @Test
    void aHostNameNoLongerMappedToItsOwnCertificateFollowsTheDefaultCertificateWhenThatIsSwapped() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            AdminApi api = portal.api();
            Issued first = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            Issued other = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            Issued renewed = leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            assertThat(importPem(api, "shop", first)).isEqualTo(201);
            assertThat(importPem(api, "other", other)).isEqualTo(201);
            int port = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"front\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"shop\",\"sni\":{\"other.portal.test\":\"other\"}}").status()).isEqualTo(201);
            AdminApi.Response unmapped = api.put("/api/bindings/front", "{\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"shop\"}", null);
            assertThat(unmapped.status()).as(unmapped.body()).isEqualTo(200);
            assertThat(TlsProbe.handshake(port, "other.portal.test").fingerprint()).isEqualTo(TlsProbe.fingerprint(first.leaf()));

            portal.bean(PortalSslBundleRegistry.class).updateBundle("shop",
                    new CertificateAndKey(renewed.chain(), renewed.key()).toSslBundle());

            assertThat(TlsProbe.handshake(port, "other.portal.test").fingerprint()).as("the host name once mapped")
                .isEqualTo(TlsProbe.fingerprint(renewed.leaf()));
            assertThat(TlsProbe.handshake(port, "shop.portal.test").fingerprint())
                .isEqualTo(TlsProbe.fingerprint(renewed.leaf()));
        }
    }

    private Issued leaf(Instant notBefore, Instant notAfter) {
        return TestCertificates.leaf(this.ca, notBefore, notAfter, "shop.portal.test");
    }

    private static int importPem(AdminApi api, String name, Issued certificate) {
        AdminApi.Response response = api.upload("/api/certificates", Map.of("name", name, "certificate",
                TestCertificates.pem(certificate.chain()), "privateKey", TestCertificates.pem(certificate.key())), Map.of());
        assertThat(response.status()).as(response.body()).isLessThan(300);
        return response.status();
    }

    private int uploadPfx(AdminApi api, String name, Issued certificate) throws Exception {
        byte[] pfx = Files.readAllBytes(certificate.writePkcs12(this.dir.resolve(name + ".pfx"), "pfx-pw", name));
        AdminApi.Response response = api.upload("/api/certificates", Map.of("name", name, "password", "pfx-pw"),
                Map.of("file", pfx));
        assertThat(response.status()).as(response.body()).isLessThan(300);
        return response.status();
    }

    private static double gauge(MeterRegistry meters, String bundle) {
        return meters.get(CertificateMetrics.EXPIRY).tag("bundle", bundle).gauge().value();
    }

    /**
     * The HTTP status, the overall status and the certificates component's status.
     */
    private static List<Object> status(HttpExchange.Response response) {
        return List.of(response.status(), JsonPath.read(response.body(), "$.status"),
                JsonPath.read(response.body(), "$.components.certificates.status"));
    }

}
