package io.portal.admin;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.portal.admin.BindingOverridesApiTests.assertPortFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change is one transaction: listener, stored state and audit entry change together or
 * not at all. The database is made to refuse one write (a check constraint added by the
 * test), for bindings after the listener already changed; the listener must be back as it
 * was, nothing stored, no audit entry, and the answer a problem detail. The same for
 * settings, certificate and token changes.
 */
class OneTransactionPerChangeTests {

    @TempDir
    Path dir;

    private PortalInstance portal;

    private AdminApi api;

    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        Issued other = TestCertificates.leaf(TestCertificates.ca("Test CA"), "other.portal.test");
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + other.writeCertificatePem(this.dir.resolve("o.crt")));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + other.writeKeyPem(this.dir.resolve("o.key")));
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
        this.jdbc = this.portal.bean(JdbcClient.class);
    }

    @AfterEach
    void stop() {
        this.portal.close();
    }

    @Test
    void aBindingWhoseStoreWriteFailsAfterItsPortOpenedIsClosedAgain() {
        this.jdbc.sql("alter table runtime_binding add constraint test_refuses_doomed check (name <> 'doomed')").update();
        int port = FreePorts.next();
        long audited = auditEntries();
        AdminApi.Response refused = this.api.post("/api/bindings", "{\"name\":\"doomed\",\"scheme\":\"http\",\"port\":" + port + "}");
        assertNotStored(refused);
        assertPortFree(port);
        assertThat(this.api.get("/api/bindings/doomed").status()).isEqualTo(404);
        assertThat(auditEntries()).isEqualTo(audited);
    }

    @Test
    void aBindingWhoseAuditEntryCannotBeWrittenIsNotAdded() {
        this.jdbc.sql("alter table audit_event add constraint test_refuses_audit check (target <> 'binding:doomed')").update();
        int port = FreePorts.next();
        assertNotStored(this.api.post("/api/bindings", "{\"name\":\"doomed\",\"scheme\":\"https\",\"port\":" + port
                + ",\"sslBundle\":\"portal\"}"));
        assertPortFree(port);
        assertThat(this.jdbc.sql("select count(*) from runtime_binding").query(Integer.class).single()).isZero();
    }

    @Test
    void aCertificateSwapWhoseAuditEntryCannotBeWrittenLeavesTheOldCertificateAndNoOverride() {
        int secure = this.portal.port("portal.bindings.secure.port");
        String before = TlsProbe.handshake(secure).fingerprint();
        this.jdbc.sql("alter table audit_event add constraint test_refuses_audit check (target <> 'binding:secure')").update();
        try (HttpExchange open = HttpExchange.connect("https://127.0.0.1:" + secure + "/")) {
            assertThat(open.get("/portal.css", true).status()).isEqualTo(200);
            assertNotStored(this.api.patch("/api/bindings/secure", "{\"sslBundle\":\"other\"}", null));
            assertThat(TlsProbe.handshake(secure).fingerprint()).as("the old certificate is back").isEqualTo(before);
            assertThat(open.get("/portal.css", true).status()).as("open connections survive the undo").isEqualTo(200);
        }
        assertThat(this.jdbc.sql("select count(*) from binding_override").query(Integer.class).single()).isZero();
        assertThat(this.api.get("/api/bindings/secure").json().get("overridden").asBoolean()).isFalse();
    }

    @Test
    void aRemovalWhoseAuditEntryCannotBeWrittenKeepsTheBindingListening() {
        int port = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"kept\",\"scheme\":\"http\",\"port\":" + port + "}").status())
            .isEqualTo(201);
        this.jdbc.sql("alter table audit_event add constraint test_refuses_audit check (action <> 'binding.delete')").update();
        assertNotStored(this.api.delete("/api/bindings/kept", null));
        assertThat(HttpExchange.get("http://127.0.0.1:" + port + "/portal.css").status()).isEqualTo(200);
        assertThat(this.api.get("/api/bindings/kept").json().get("state").asString()).isEqualTo("running");
    }

    @Test
    void aTokenNameCannotOverflowTheAuditLogAndChangesMadeWithATokenAreAudited() {
        AdminApi.Response tooLong = this.api.post("/api/tokens", "{\"name\":\"" + "t".repeat(65) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/0/field").asString()).isEqualTo("name");
        AdminApi.Response created = this.api.post("/api/tokens", "{\"name\":\"" + "t".repeat(64) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        AdminApi token = AdminApi.bearer("http://127.0.0.1:" + this.portal.port("portal.bindings.web.port"),
                created.json().get("token").asString());
        int port = FreePorts.next();
        AdminApi.Response binding = token.post("/api/bindings", "{\"name\":\"by-token\",\"scheme\":\"http\",\"port\":" + port + "}");
        assertThat(binding.status()).as(binding.body()).isEqualTo(201);
        assertThat(this.api.get("/api/audit?limit=1").json().at("/0/actor").asString())
            .isEqualTo("admin (token '" + "t".repeat(64) + "')");
    }

    @Test
    void settingsCertificateAndTokenChangesWhoseAuditEntryCannotBeWrittenChangeNothing() {
        this.jdbc.sql("alter table audit_event add constraint test_refuses_audit check (action not in "
                + "('settings.https.update', 'certificate.create', 'token.create'))").update();
        String settings = this.api.get("/api/settings/https").body();
        assertNotStored(this.api.put("/api/settings/https", "{\"hstsEnabled\":true}", null));
        assertThat(this.api.get("/api/settings/https").body()).isEqualTo(settings);
        assertThat(HttpExchange.get("https://127.0.0.1:" + this.portal.port("portal.bindings.secure.port") + "/")
            .header("Strict-Transport-Security")).isNull();

        Issued leaf = TestCertificates.leaf(TestCertificates.ca("Test CA"), "imported.portal.test");
        assertNotStored(this.api.upload("/api/certificates", Map.of("name", "imported", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of()));
        assertThat(this.api.get("/api/certificates/imported").status()).isEqualTo(404);
        assertThat(this.jdbc.sql("select count(*) from managed_certificate where name = 'imported'").query(Integer.class).single())
            .isZero();

        String tokens = this.api.get("/api/tokens").body();
        assertNotStored(this.api.post("/api/tokens", "{\"name\":\"ci\"}"));
        assertThat(this.api.get("/api/tokens").body()).isEqualTo(tokens);
    }

    private long auditEntries() {
        return this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private static void assertNotStored(AdminApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Change not stored");
        assertThat(response.json().get("detail").asString()).contains("as they were").doesNotContainIgnoringCase("constraint")
            .doesNotContainIgnoringCase("sql");
    }

}
