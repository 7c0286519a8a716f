package io.portal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.Postgres;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same state store code on PostgreSQL: migrations apply, the generated certificate is
 * stored encrypted and served again after a restart.
 */
class StateStorePostgresTests {

    @TempDir
    Path dir;

    private String schema;

    @BeforeEach
    void createSchema() {
        this.schema = Postgres.newSchema();
    }

    @AfterEach
    void dropSchema() {
        if (this.schema != null) {
            Postgres.drop(this.schema);
        }
    }

    @Test
    void theGeneratedCertificateSurvivesARestartOnPostgresql() throws Exception {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.datasource.url", Postgres.url(this.schema));
        settings.put("spring.datasource.username", Postgres.user());
        settings.put("spring.datasource.password", Postgres.password());
        int port = (int) settings.get("portal.bindings.secure.port");
        String first;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            first = TlsProbe.handshake(port).fingerprint();
        }
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(first);
        }
        try (Connection connection = Postgres.connect(this.schema);
                ResultSet rs = connection.createStatement()
                    .executeQuery("select kind, certificate_chain, private_key from managed_certificate where name = 'portal'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("kind")).isEqualTo("self-signed");
            assertThat(rs.getString("certificate_chain")).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(rs.getString("private_key")).doesNotContain("PRIVATE KEY");
        }
        assertThat(this.dir.resolve("data").resolve("portal.mv.db")).doesNotExist();
    }

}
