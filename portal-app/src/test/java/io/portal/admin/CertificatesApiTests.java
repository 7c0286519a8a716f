package io.portal.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.Postgres;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.portal.admin.BindingsApiTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates imported, generated and deleted through the admin API.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificatesApiTests {

    @TempDir
    Path dir;

    private PortalInstance portal;

    private AdminApi api;

    private Issued ca;

    @BeforeEach
    void start() {
        this.ca = TestCertificates.ca("Test CA");
        this.portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")));
        this.api = this.portal.api();
    }

    @AfterEach
    void stop() {
        if (this.portal != null) {
            this.portal.close();
        }
    }

    @Test
    void anImportedPfxIsServedByABindingAndSurvivesARestart(CapturedOutput output) throws Exception {
        Issued leaf = TestCertificates.leaf(this.ca, "imported.portal.test");
        byte[] pfx = Files.readAllBytes(leaf.writePkcs12(this.dir.resolve("i.pfx"), "pfx-secret-42", "x"));
        AdminApi.Response created = this.api.upload("/api/certificates", Map.of("name", "imported", "password", "pfx-secret-42"),
                Map.of("file", pfx));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("kind").asString()).isEqualTo("imported");
        assertThat(created.json().at("/summary/sha256").asString()).isEqualTo(TlsProbe.fingerprint(leaf.leaf()));
        assertThat(created.json().get("chain").asString()).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE");
        int port = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"imp\",\"scheme\":\"https\",\"port\":" + port
                + ",\"sslBundle\":\"imported\"}").status()).isEqualTo(201);
        assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(leaf.leaf()));

        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        this.portal.close();
        this.portal = PortalInstance.start(settings);
        assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(leaf.leaf()));
        assertThat(output).doesNotContain("pfx-secret-42").doesNotContain(pem(leaf).substring(30, 90));
        assertThat(created.body()).doesNotContain("pfx-secret-42");
    }

    @Test
    void pemCertificateAndKeyAreImportedAndAnExpiredOneIsAcceptedWithAWarning() {
        Issued expired = TestCertificates.leaf(this.ca, Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)),
                "old.portal.test");
        AdminApi.Response created = this.api.upload("/api/certificates", Map.of("name", "old",
                "certificate", TestCertificates.pem(expired.chain()), "privateKey", TestCertificates.pem(expired.key())), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/summary/warnings/0").asString()).startsWith("expired on");
    }

    @Test
    void badUploadsAreRefusedAndStoreNothing() throws Exception {
        Issued leaf = TestCertificates.leaf(this.ca, "bad.portal.test");
        Issued stranger = TestCertificates.leaf(this.ca, "stranger.portal.test");
        byte[] pfx = Files.readAllBytes(leaf.writePkcs12(this.dir.resolve("b.pfx"), "right", "x"));
        byte[] keyless = Files.readAllBytes(leaf.writePkcs12WithoutKey(this.dir.resolve("k.pfx"), "right"));
        String before = this.api.get("/api/certificates").body();
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "bad", "password", "right"),
                Map.of("file", "this is not a pfx".getBytes(StandardCharsets.US_ASCII))), 400, "file", "is not a PFX/PKCS12 file");
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "bad", "password", "wrong"), Map.of("file", pfx)), 400,
                "password", "password does not open");
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "bad", "password", "right"), Map.of("file", keyless)), 400,
                "file", "no private key");
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "bad", "certificate", TestCertificates.pem(leaf.chain()),
                "privateKey", TestCertificates.pem(stranger.key())), Map.of()), 400, "privateKey", "does not belong to the certificate");
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "bad", "certificate", "-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n",
                "privateKey", TestCertificates.pem(leaf.key())), Map.of()), 400, "certificate", "is not valid PEM");
        assertProblem(this.api.upload("/api/certificates", Map.of("name", "portal", "password", "right"), Map.of("file", pfx)), 409,
                null, "already exists");
        AdminApi.Response tooLarge = this.api.upload("/api/certificates", Map.of("name", "big", "password", "right"),
                Map.of("file", new byte[1_500_000]));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").asString()).contains("larger than the portal accepts");
        assertThat(this.api.get("/api/certificates").body()).isEqualTo(before);
    }

    @Test
    void aGeneratedCertificateCanBeDeletedOnlyWhenNoBindingUsesIt() {
        AdminApi.Response created = this.api.post("/api/certificates/self-signed",
                "{\"name\":\"lab\",\"subjectAlternativeNames\":[\"lab.internal\"],\"keyType\":\"rsa-2048\",\"validity\":\"30d\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/summary/subject").asString()).contains("CN=lab.internal");
        int port = FreePorts.next();
        this.api.post("/api/bindings", "{\"name\":\"lab\",\"scheme\":\"https\",\"port\":" + port + ",\"sslBundle\":\"lab\"}");
        assertProblem(this.api.delete("/api/certificates/lab", null), 409, null, "is used by binding lab");
        assertThat(this.api.delete("/api/bindings/lab", null).status()).isEqualTo(200);
        assertThat(this.api.delete("/api/certificates/lab", null).status()).isEqualTo(204);
        assertThat(this.api.get("/api/certificates/lab").status()).isEqualTo(404);
        assertProblem(this.api.delete("/api/certificates/portal", null), 409, null, "declared in the configuration");
        assertThat(this.api.get("/api/audit").body()).contains("certificate.create").contains("certificate.delete")
            .doesNotContain("PRIVATE");
    }

    @Test
    void dryRunsOfImportGenerationDeletionAndTokensReturnThePlanAndChangeNothing() throws Exception {
        Issued leaf = TestCertificates.leaf(this.ca, "dry.portal.test");
        byte[] pfx = Files.readAllBytes(leaf.writePkcs12(this.dir.resolve("dry.pfx"), "pw", "x"));
        String certificates = this.api.get("/api/certificates").body();
        AdminApi.Response upload = this.api.upload("/api/certificates?dryRun=true", Map.of("name", "dry", "password", "pw"),
                Map.of("file", pfx));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(upload.json().at("/plan/applied").asBoolean()).isFalse();
        assertThat(upload.json().at("/plan/steps/0/description").asString()).startsWith("Store certificate 'dry' (CN=dry.portal.test");
        assertThat(upload.json().at("/plan/script/curl/0").asString()).contains("--form-string name=dry")
            .contains("-F \"file=@$PFX_FILE\"").contains("--form-string \"password=$PFX_PASSWORD\"").doesNotContain("pw\"");
        assertThat(upload.json().at("/plan/script/bash").asString()).contains("PFX_FILE=${PFX_FILE:-file.bin}")
            .contains("Set PFX_PASSWORD to the password of the PFX file");
        assertThat(upload.json().at("/plan/script/yaml").asString()).contains("# Placeholders:")
            .contains("certificate: file:/etc/portal/dry/fullchain.pem");
        assertThat(upload.json().at("/certificate/sha256").asString()).isEqualTo(TlsProbe.fingerprint(leaf.leaf()));
        AdminApi.Response generate = this.api.post("/api/certificates/self-signed?dryRun=true", "{\"name\":\"dry2\",\"subjectAlternativeNames\":[\"dry.internal\"]}");
        assertThat(generate.json().at("/plan/steps/0/description").asString()).startsWith("Generate a self-signed certificate 'dry2' for dry.internal");
        assertThat(this.api.post("/api/certificates/self-signed?dryRun=true", "{\"name\":\"portal\"}").status()).isEqualTo(409);
        assertThat(this.api.get("/api/certificates").body()).isEqualTo(certificates);

        this.api.upload("/api/certificates", Map.of("name", "dry", "password", "pw"), Map.of("file", pfx));
        AdminApi.Response delete = this.api.delete("/api/certificates/dry?dryRun=true", null);
        assertThat(delete.json().at("/plan/steps/0/action").asString()).isEqualTo("delete-certificate");
        assertThat(this.api.get("/api/certificates/dry").status()).isEqualTo(200);

        String tokens = this.api.get("/api/tokens").body();
        AdminApi.Response token = this.api.post("/api/tokens?dryRun=true", "{\"name\":\"ci\"}");
        assertThat(token.json().at("/steps/0/action").asString()).isEqualTo("create-token");
        assertThat(token.body()).doesNotContain("ptk_");
        assertThat(this.api.get("/api/tokens").body()).isEqualTo(tokens);
    }

    @Test
    void importedCertificatesAndRuntimeBindingsSurviveARestartOnPostgresql() throws Exception {
        String schema = Postgres.newSchema();
        try {
            this.portal.close();
            Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("pg-data"));
            settings.put("spring.datasource.url", Postgres.url(schema));
            settings.put("spring.datasource.username", Postgres.user());
            settings.put("spring.datasource.password", Postgres.password());
            this.portal = PortalInstance.start(settings);
            Issued leaf = TestCertificates.leaf(this.ca, "pg.portal.test");
            byte[] pfx = Files.readAllBytes(leaf.writePkcs12(this.dir.resolve("pg.pfx"), "pw", "x"));
            assertThat(this.portal.api().upload("/api/certificates", Map.of("name", "pg", "password", "pw"), Map.of("file", pfx)).status())
                .isEqualTo(201);
            int port = FreePorts.next();
            assertThat(this.portal.api().post("/api/bindings", "{\"name\":\"pg\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"pg\"}").status()).isEqualTo(201);
            this.portal.close();
            this.portal = PortalInstance.start(settings);
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(leaf.leaf()));
        }
        finally {
            this.portal.close();
            this.portal = null;
            Postgres.drop(schema);
        }
    }

    private static String pem(Issued issued) {
        return TestCertificates.pem(issued.key());
    }

}
