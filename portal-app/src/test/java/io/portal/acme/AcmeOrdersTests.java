package io.portal.acme;

import java.nio.file.Path;
import java.util.Map;

import io.portal.certificate.PortalSslBundleRegistry;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.portal.acme.AcmeTestSupport.webPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ACME request or renewal and its audit entry are stored together or not at all,
 * against the real Pebble: the database is made to refuse the audit entry (a check
 * constraint added by the test), and nothing the change would have stored may remain.
 */
class AcmeOrdersTests {

    @TempDir
    Path dir;

    @Test
    void aRequestWhoseAuditEntryCannotBeWrittenLeavesNoOrderAndNoBundle() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            JdbcClient jdbc = portal.bean(JdbcClient.class);
            jdbc.sql("alter table audit_event add constraint test_refuses_audit check (action <> 'certificate.acme.request')")
                .update();

            AdminApi.Response refused = api.post("/api/certificates/acme", RuntimeAcmeCertificatesTests.REQUEST);

            assertThat(refused.status()).as(refused.body()).isEqualTo(500);
            assertThat(refused.json().get("title").asString()).isEqualTo("Change not stored");
            assertThat(jdbc.sql("select count(*) from acme_certificate").query(Integer.class).single()).isZero();
            assertThat(api.get("/api/certificates/shop").status()).isEqualTo(404);
            assertThat(portal.bean(PortalSslBundleRegistry.class).getBundleNames()).doesNotContain("shop");
            time.runDue();
            assertThat(pebble.ordersCreated()).as("no order for a request that was not stored").isZero();

            jdbc.sql("alter table audit_event drop constraint test_refuses_audit").update();
            AdminApi.Response again = api.post("/api/certificates/acme", RuntimeAcmeCertificatesTests.REQUEST);
            assertThat(again.status()).as("the name is still free: " + again.body()).isEqualTo(202);
        }
    }

    @Test
    void aRenewalWhoseAuditEntryCannotBeWrittenDoesNotReplaceTheStoredCertificate() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            JdbcClient jdbc = portal.bean(JdbcClient.class);
            assertThat(api.post("/api/certificates/acme", RuntimeAcmeCertificatesTests.REQUEST).status()).isEqualTo(202);
            time.runDue();
            String stored = storedChain(jdbc);
            jdbc.sql("alter table audit_event add constraint test_refuses_audit check (action <> 'certificate.renew')").update();

            AdminApi.Response renewed = api.post("/api/certificates/shop/renew", "");

            assertThat(renewed.status()).as(renewed.body()).isEqualTo(502);
            assertThat(renewed.json().get("detail").asString()).contains("The CA issued a certificate, which is served now, but "
                    + "the state store refused it").doesNotContainIgnoringCase("constraint");
            assertThat(pebble.ordersCreated()).as("the CA did issue a second certificate").isEqualTo(2);
            assertThat(storedChain(jdbc)).as("without its audit entry, the renewal is not stored").isEqualTo(stored);
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'certificate.renew'").query(Integer.class)
                .single()).isZero();
        }
    }

    private static String storedChain(JdbcClient jdbc) {
        return jdbc.sql("select certificate_chain from managed_certificate where name = 'shop'").query(String.class).single();
    }

}
