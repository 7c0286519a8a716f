package io.portal.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.Await;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ACME certificate requested at runtime on one of two nodes sharing a PostgreSQL
 * store, against the real Pebble: the other node serves it (temporary at first) within two
 * seconds, one order is placed, and once the CA has issued it both nodes serve the issued
 * certificate, the second within two seconds of the first.
 */
class AcmeAcrossNodesTests {

    private static final String REQUEST = "{\"name\":\"shop\",\"domains\":[\"localhost\"],\"email\":\"shop@portal.test\","
            + "\"acceptTermsOfService\":true}";

    @TempDir
    Path dir;

    @Test
    void aCertificateRequestedOnOneNodeIsServedByTheOtherAtOnceAndIssuedOnce() {
        String masterKey = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
        Map<String, Object> settingsA = PortalInstance.settings(this.dir.resolve("a"));
        Map<String, Object> settingsB = PortalInstance.settings(this.dir.resolve("b"));
        try (TestPostgres.Schema schema = TestPostgres.schema();
                Pebble pebble = Pebble.on((int) settingsA.get("portal.bindings.web.port")).start();
                PortalInstance a = PortalInstance.start(node(schema, pebble, settingsA, "a", masterKey));
                PortalInstance b = PortalInstance.start(node(schema, pebble, settingsB, "b", masterKey))) {
            AdminApi apiA = a.api();
            AdminApi apiB = b.api();

            AdminApi.Response requested = apiA.post("/api/certificates/acme", REQUEST);
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            JsonNode temporary = Await.until("node b to serve the requested certificate", Duration.ofSeconds(2),
                    () -> certificate(apiB));
            assertThat(temporary.get("kind").asString()).isEqualTo("acme");

            // Whichever node won the issuance lock orders it; the other serves what it stored.
            String issued = Await.until("a node to obtain the certificate from Pebble", Duration.ofSeconds(60), () -> {
                for (AdminApi api : new AdminApi[] { apiA, apiB }) {
                    JsonNode certificate = certificate(api);
                    if (certificate != null && "ok".equals(certificate.at("/lastRenewal/status").asString())) {
                        return certificate.at("/summary/sha256").asString();
                    }
                }
                return null;
            });
            long start = System.nanoTime();
            for (AdminApi api : new AdminApi[] { apiA, apiB }) {
                Await.until("both nodes to serve the issued certificate", Duration.ofSeconds(2),
                        () -> certificate(api) != null && issued.equals(certificate(api).at("/summary/sha256").asString()));
            }
            System.out.printf("issued certificate served by both nodes %d ms after the first%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(pebble.ordersCreated()).isEqualTo(1);
        }
    }

    private static Map<String, Object> node(TestPostgres.Schema schema, Pebble pebble, Map<String, Object> settings, String name,
            String masterKey) {
        settings.put("portal.master-key", masterKey);
        settings.put("portal.cluster.node-name", name);
        return schema.configure(pebble.configure(settings));
    }

    private static JsonNode certificate(AdminApi api) {
        AdminApi.Response response = api.get("/api/certificates/shop");
        return (response.status() == 200) ? response.json() : null;
    }

}
