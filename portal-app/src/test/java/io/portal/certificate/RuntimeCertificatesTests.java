package io.portal.certificate;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.Postgres;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle registry follows the store: a certificate is served only once it is stored,
 * and stays served while it is. PostgreSQL is made to refuse the commit itself (a
 * constraint checked at commit, added by the test), after every statement of the change
 * succeeded; the certificate must then be neither stored nor served, or still both.
 */
class RuntimeCertificatesTests {

    @TempDir
    Path dir;

    private String schema;

    private PortalInstance portal;

    private AdminApi api;

    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        this.schema = Postgres.newSchema();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.datasource.url", Postgres.url(this.schema));
        settings.put("spring.datasource.username", Postgres.user());
        settings.put("spring.datasource.password", Postgres.password());
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
        this.jdbc = this.portal.bean(JdbcClient.class);
    }

    @AfterEach
    void stop() {
        if (this.portal != null) {
            this.portal.close();
        }
        if (this.schema != null) {
            Postgres.drop(this.schema);
        }
    }

    @Test
    void aCertificateWhoseCommitFailsIsNeitherStoredNorServedAndItsNameStaysFree() {
        // Only the names listed in test_allowed may be stored, checked at commit.
        this.jdbc.sql("create table test_allowed (name varchar(200) primary key)").update();
        this.jdbc.sql("insert into test_allowed select name from managed_certificate").update();
        this.jdbc.sql("alter table managed_certificate add constraint test_refuses_at_commit foreign key (name) "
                + "references test_allowed (name) deferrable initially deferred").update();

        AdminApi.Response refused = upload("doomed");
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.json().get("title").asString()).isEqualTo("Change not stored");
        assertThat(this.api.get("/api/certificates/doomed").status()).isEqualTo(404);
        assertThat(this.portal.bean(PortalSslBundleRegistry.class).getBundleNames()).doesNotContain("doomed");

        this.jdbc.sql("insert into test_allowed values ('doomed')").update();
        AdminApi.Response again = upload("doomed");
        assertThat(again.status()).as("the name is still free: " + again.body()).isEqualTo(201);
        assertThat(this.api.get("/api/certificates/doomed").status()).isEqualTo(200);
    }

    @Test
    void aRemovalWhoseCommitFailsKeepsTheCertificateServed() {
        assertThat(upload("kept").status()).isEqualTo(201);
        // A row that refers to the certificate, checked at commit: its removal cannot commit.
        this.jdbc.sql("create table test_holds (name varchar(200) references managed_certificate (name) "
                + "deferrable initially deferred)").update();
        this.jdbc.sql("insert into test_holds values ('kept')").update();

        AdminApi.Response refused = this.api.delete("/api/certificates/kept", null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.json().get("title").asString()).isEqualTo("Change not stored");
        assertThat(this.api.get("/api/certificates/kept").status()).isEqualTo(200);
        assertThat(this.portal.bean(PortalSslBundleRegistry.class).getBundleNames()).contains("kept");
    }

    private AdminApi.Response upload(String name) {
        Issued leaf = TestCertificates.leaf(TestCertificates.ca("Test CA"), name + ".portal.test");
        return this.api.upload("/api/certificates", Map.of("name", name, "certificate", TestCertificates.pem(leaf.chain()),
                "privateKey", TestCertificates.pem(leaf.key())), Map.of());
    }

}
