package io.portal.certificate;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit entries of certificate changes are JSON whatever the certificate holds.
 */
class CertificateAuditTests {

    @TempDir
    Path dir;

    @Test
    void anImportedCertificateWhoseSubjectHoldsACommaAndQuotesIsAuditedAsValidJson() {
        Issued leaf = TestCertificates.leaf(TestCertificates.ca("Audit test CA"), "a\\,b \\\"quoted\\\"", "shop.portal.test");
        try (PortalInstance portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")))) {
            AdminApi api = portal.api();
            AdminApi.Response created = api.upload("/api/certificates", Map.of("name", "comma", "certificate",
                    TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(api.delete("/api/certificates/comma", null).status()).isEqualTo(204);

            JsonNode entries = api.get("/api/audit").json();
            JsonMapper json = JsonMapper.builder().build();
            JsonNode create = json.readTree(find(entries, "certificate.create").get("after").asString());
            JsonNode delete = json.readTree(find(entries, "certificate.delete").get("before").asString());

            String subject = leaf.leaf().getSubjectX500Principal().getName();
            assertThat(subject).contains("\\,");
            assertThat(create.get("subject").asString()).isEqualTo(subject);
            assertThat(delete.get("subject").asString()).isEqualTo(subject);
            assertThat(create.get("sha256").asString()).isEqualTo(created.json().at("/summary/sha256").asString());
        }
    }

    private static JsonNode find(JsonNode entries, String action) {
        for (JsonNode entry : entries) {
            if (action.equals(entry.get("action").asString())) {
                return entry;
            }
        }
        throw new AssertionError("No audit entry " + action + " in " + entries);
    }

}
