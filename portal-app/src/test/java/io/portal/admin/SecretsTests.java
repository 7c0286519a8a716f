package io.portal.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
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
 * No response and no log line ever holds a private key, a password, the master key or an
 * API token's secret, whatever an administrator does.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

    @TempDir
    Path dir;

    @Test
    void noResponseBodyOrLogLineContainsASecret(CapturedOutput output) throws Exception {
        Path data = this.dir.resolve("data");
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(data))) {
            AdminApi api = portal.api();
            String web = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            Issued ca = TestCertificates.ca("CA");
            Issued pfxLeaf = TestCertificates.leaf(ca, "pfx.secret.test");
            Issued pemLeaf = TestCertificates.leaf(ca, "pem.secret.test");
            String pfxPassword = "Pfx-Password-9137";
            byte[] pfx = Files.readAllBytes(pfxLeaf.writePkcs12(this.dir.resolve("s.pfx"), pfxPassword, "x"));
            List<String> bodies = new ArrayList<>();
            bodies.add(api.upload("/api/certificates", Map.of("name", "pfx", "password", pfxPassword), Map.of("file", pfx)).body());
            bodies.add(api.upload("/api/certificates", Map.of("name", "pfx-wrong", "password", "Wrong-Password-4411"), Map.of("file", pfx)).body());
            bodies.add(api.upload("/api/certificates", Map.of("name", "pem", "certificate", TestCertificates.pem(pemLeaf.chain()),
                    "privateKey", TestCertificates.pem(pemLeaf.key())), Map.of()).body());
            bodies.add(api.upload("/api/certificates", Map.of("name", "pem-bad", "certificate", TestCertificates.pem(pemLeaf.chain()),
                    "privateKey", TestCertificates.pem(pfxLeaf.key())), Map.of()).body());
            AdminApi.Response token = api.post("/api/tokens", "{\"name\":\"ci\"}");
            String secret = token.json().get("token").asString();
            AdminApi tokenApi = AdminApi.bearer(web, secret);
            for (String path : List.of("/api/bindings", "/api/certificates", "/api/certificates/pfx", "/api/certificates/pem",
                    "/api/tokens", "/api/audit", "/api/settings/https")) {
                bodies.add(tokenApi.get(path).body());
            }
            for (String path : List.of("/", "/certificates/pfx", "/certificates/pem", "/v3/api-docs", "/actuator/health", "/actuator/info",
                    "/actuator/env", "/actuator/configprops")) {
                bodies.add(HttpExchange.getAsAdmin(web + path).body());
            }
            String masterKey = Files.readString(data.resolve("master.key")).trim();
            List<String> secrets = List.of(PortalInstance.ADMIN_PASSWORD, pfxPassword, "Wrong-Password-4411",
                    secret.substring(secret.lastIndexOf('_') + 1), masterKey, keyMaterial(pfxLeaf), keyMaterial(pemLeaf));
            String log = output.toString();
            for (String value : secrets) {
                assertThat(log).as("log").doesNotContain(value);
                for (String body : bodies) {
                    assertThat(body).as("response").doesNotContain(value);
                }
            }
            assertThat(String.join("\n", bodies)).doesNotContain("PRIVATE KEY");
            assertThat(token.body()).as("the token is shown once, when created").contains(secret);
        }
    }

    private static String keyMaterial(Issued issued) {
        return Base64.getEncoder().encodeToString(issued.key().getEncoded()).substring(20, 60);
    }

}
