package io.portal.acme;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.certificate.PortalSslBundleRegistry;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.Postgres;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.portal.acme.AcmeTestSupport.validatesTo;
import static io.portal.acme.AcmeTestSupport.webPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACME certificates requested at runtime through the admin API, against the real Pebble
 * ACME server, with time driven through the portal's injected clock and scheduler.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeAcmeCertificatesTests {

    static final String REQUEST = "{\"name\":\"shop\",\"domains\":[\"localhost\"],\"email\":\"shop@portal.test\","
            + "\"acceptTermsOfService\":true}";

    @TempDir
    Path dir;

    @Test
    void anApiRequestIsServedAtOnceAndThenWithTheIssuedCertificateWhoseChainEndsAtPebblesRoot(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();

            AdminApi.Response requested = api.post("/api/certificates/acme", REQUEST);

            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            assertThat(requested.header("Location")).endsWith("/api/certificates/shop");
            assertThat(requested.header("Link")).endsWith("/api/certificates/shop/progress>; rel=\"monitor\"");
            JsonNode body = requested.json();
            assertThat(body.at("/certificate/kind").asString()).isEqualTo("acme");
            assertThat(body.at("/certificate/source").asString()).isEqualTo("api");
            assertThat(body.at("/certificate/lastRenewal/status").asString()).isEqualTo("temporary");
            assertThat(body.at("/plan/applied").asBoolean()).isTrue();
            assertThat(body.at("/progress").asString()).endsWith("/api/certificates/shop/progress");
            int port = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"shop\"}").status()).isEqualTo(201);
            X509Certificate temporary = TlsProbe.handshake(port, "localhost").leaf();
            assertThat(temporary.getIssuerX500Principal()).isEqualTo(temporary.getSubjectX500Principal());
            assertThat(progress(api).get("state").asString()).isEqualTo("WAITING");

            time.runDue();

            List<X509Certificate> chain = TlsProbe.handshake(port, "localhost").chain();
            assertThat(validatesTo(chain, pebble.root())).isTrue();
            JsonNode progress = progress(api);
            assertThat(progress.get("state").asString()).isEqualTo("ISSUED");
            assertThat(progress.findValues("status")).extracting(JsonNode::asString).containsOnly("done");
            assertThat(progress.get("steps").findValues("step")).extracting(JsonNode::asString)
                .containsExactly("account", "order", "challenge", "validated", "issued");
            JsonNode certificate = api.get("/api/certificates/shop").json();
            assertThat(certificate.get("kind").asString()).isEqualTo("acme");
            assertThat(certificate.at("/lastRenewal/status").asString()).isEqualTo("ok");
            assertThat(certificate.at("/lastRenewal/lastRenewedAt").isNull()).isFalse();
            assertThat(certificate.at("/summary/sha256").asString()).isEqualTo(TlsProbe.fingerprint(chain.get(0)));
            assertThat(api.get("/api/audit").body()).contains("certificate.acme.request").contains("certificate:shop");
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            MeterRegistry meters = portal.bean(MeterRegistry.class);
            assertThat(meters.get("portal.certificates.renewals").tag("bundle", "shop").tag("outcome", "success").counter()
                .count()).isEqualTo(1);
            assertThat(meters.get("portal.certificates.expiry").tag("bundle", "shop").gauge().value())
                .isGreaterThan(Duration.ofDays(300).toSeconds());
            assertThat(output).doesNotContain("PRIVATE KEY");
            assertThat(requested.body()).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void aDryRunReturnsThePlanAndChangesNothing() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            String before = api.get("/api/certificates").body();
            List<String> bundles = portal.bean(PortalSslBundleRegistry.class).getBundleNames();

            AdminApi.Response planned = api.post("/api/certificates/acme?dryRun=true", REQUEST);

            assertThat(planned.status()).as(planned.body()).isEqualTo(200);
            JsonNode plan = planned.json().get("plan");
            assertThat(plan.get("applied").asBoolean()).isFalse();
            assertThat(plan.get("steps").findValues("action")).extracting(JsonNode::asString).containsExactly(
                    "serve-temporary-certificate", "account", "order", "answer-challenge", "swap-certificate");
            assertThat(plan.at("/steps/1/description").asString())
                .isEqualTo("Create an ACME account at " + pebble.directoryUrl() + " (contact shop@portal.test), accepting "
                        + "the terms of service at data:text/plain,Do%20what%20thou%20wilt");
            assertThat(plan.at("/steps/3/binding").asString()).isEqualTo("web");
            assertThat(plan.get("warnings").toString()).contains("no HTTP binding listens on port 80");
            assertThat(plan.at("/script/curl/0").asString()).contains("/api/certificates/acme").contains("\"localhost\"");
            assertThat(plan.at("/script/yaml").asString()).contains("shop:\n      acme:\n        domains:\n          - localhost");
            assertThat(plan.at("/script/bash").asString()).contains("set -euo pipefail").contains("\"acceptTermsOfService\":true");
            time.runDue();
            assertThat(api.get("/api/certificates").body()).isEqualTo(before);
            assertThat(portal.bean(PortalSslBundleRegistry.class).getBundleNames()).isEqualTo(bundles);
            assertThat(definitions(portal)).isZero();
            assertThat(pebble.accountsCreated()).isZero();
            assertThat(pebble.ordersCreated()).isZero();
        }
    }

    @Test
    void aRestartRestoresTheCertificateAndItsBindingWithoutANewAccountOrOrder() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int port = FreePorts.next();
        try (Pebble pebble = Pebble.on(webPort(settings)).start()) {
            pebble.configure(settings);
            ManualTime firstRun = new ManualTime();
            X509Certificate issued;
            try (PortalInstance portal = PortalInstance.start(settings, firstRun)) {
                assertThat(portal.api().post("/api/certificates/acme", REQUEST).status()).isEqualTo(202);
                assertThat(portal.api().post("/api/bindings", "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port
                        + ",\"sslBundle\":\"shop\"}").status()).isEqualTo(201);
                firstRun.runDue();
                List<X509Certificate> chain = TlsProbe.handshake(port, "localhost").chain();
                assertThat(validatesTo(chain, pebble.root())).isTrue();
                issued = chain.get(0);
            }

            ManualTime secondRun = new ManualTime();
            try (PortalInstance portal = PortalInstance.start(settings, secondRun)) {
                assertThat(TlsProbe.handshake(port, "localhost").leaf()).isEqualTo(issued);
                secondRun.runDue();
                secondRun.advance(Duration.ofDays(1));
                assertThat(TlsProbe.handshake(port, "localhost").leaf()).isEqualTo(issued);
                assertThat(progress(portal.api()).get("state").asString()).isEqualTo("ISSUED");
                assertThat(portal.api().get("/api/certificates/shop").json().get("source").asString()).isEqualTo("api");
            }
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            assertThat(pebble.ordersCreated()).isEqualTo(1);
        }
    }

    @Test
    void theRenewEndpointOrdersANewCertificateWithTheSameAccountAndSwapsItIn() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            int port = requestShopOnABinding(api);
            time.runDue();
            X509Certificate first = TlsProbe.handshake(port, "localhost").leaf();

            AdminApi.Response planned = api.post("/api/certificates/shop/renew?dryRun=true", "");
            assertThat(planned.status()).as(planned.body()).isEqualTo(200);
            assertThat(planned.json().at("/plan/steps/0/description").asString())
                .startsWith("Use the stored ACME account at " + pebble.directoryUrl());
            assertThat(pebble.ordersCreated()).isEqualTo(1);

            AdminApi.Response renewed = api.post("/api/certificates/shop/renew", "");

            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            assertThat(renewed.json().at("/outcome/result").asString()).isEqualTo("issued");
            assertThat(renewed.json().at("/outcome/message").asString()).startsWith("Renewed certificate 'shop'");
            X509Certificate second = TlsProbe.handshake(port, "localhost").leaf();
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(renewed.json().at("/certificate/summary/sha256").asString()).isEqualTo(TlsProbe.fingerprint(second));
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            assertThat(pebble.ordersCreated()).isEqualTo(2);
            assertThat(api.get("/api/audit").body()).contains("certificate.renew");
        }
    }

    @Test
    void aSecondCertificateForTheSameCaAndContactReusesTheAccount() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            api.post("/api/certificates/acme", REQUEST);
            time.runDue();
            AdminApi.Response second = api.post("/api/certificates/acme", REQUEST.replace("\"shop\"", "\"blog\""));
            assertThat(second.json().at("/plan/steps/1/description").asString())
                .isEqualTo("Use the stored ACME account at " + pebble.directoryUrl() + " (contact shop@portal.test)");
            AdminApi.Response other = api.post("/api/certificates/acme", REQUEST.replace("\"shop\"", "\"wiki\"")
                .replace("shop@portal.test", "wiki@portal.test"));
            assertThat(other.json().at("/plan/steps/1/description").asString()).startsWith("Create an ACME account");
            time.runDue();

            assertThat(pebble.accountsCreated()).isEqualTo(2);
            assertThat(pebble.ordersCreated()).isEqualTo(3);
            assertThat(progress(api, "blog").get("state").asString()).isEqualTo("ISSUED");
            assertThat(progress(api, "wiki").get("state").asString()).isEqualTo("ISSUED");
        }
    }

    @Test
    void badRequestsAreRefusedWithAClearProblemAndChangeNothing() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            String before = api.get("/api/certificates").body();
            List<String> bundles = portal.bean(PortalSslBundleRegistry.class).getBundleNames();

            AdminApi.Response terms = api.post("/api/certificates/acme", REQUEST.replace("true", "false"));
            assertProblem(terms, 400, "acceptTermsOfService", "Certificate 'shop' needs an account at " + pebble.directoryUrl()
                    + ", and the CA only creates one for those who accept the terms of service at "
                    + "data:text/plain,Do%20what%20thou%20wilt.");
            assertThat(terms.json().get("termsOfService").asString()).isEqualTo("data:text/plain,Do%20what%20thou%20wilt");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"localhost\"", "\"*.portal.test\"")), 400,
                    "domains", "'*.portal.test' is a wildcard");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"localhost\"", "\"not a domain\"")), 400,
                    "domains", "'not a domain' is not a domain name");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"localhost\"", "")), 400, "domains",
                    "names no domain");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"shop\"", "\"portal\"")), 409, "name",
                    "A certificate named 'portal' already exists.");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"shop\"", "\"Shop Front\"")), 400, "name",
                    "'Shop Front' is not a valid certificate name.");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("shop@portal.test", "shop at portal")), 400,
                    "email", "'shop at portal' is not an email address.");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"email\"", "\"directory\":\"ftp://ca.test\","
                    + "\"email\"")), 400, "directory", "'ftp://ca.test' is neither letsencrypt, letsencrypt-staging nor the URL");
            assertProblem(api.post("/api/certificates/acme", REQUEST.replace("\"email\"", "\"directory\":\"https://127.0.0.1:"
                    + FreePorts.next() + "/dir\",\"email\"")), 502, "directory", "cannot be reached");
            time.runDue();

            assertThat(api.get("/api/certificates").body()).isEqualTo(before);
            assertThat(portal.bean(PortalSslBundleRegistry.class).getBundleNames()).isEqualTo(bundles);
            assertThat(definitions(portal)).isZero();
            assertThat(pebble.accountsCreated()).isZero();
        }
    }

    @Test
    void withoutAnHttpBindingToAnswerTheChallengeTheRequestIsAConflict() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.bindings.web.enabled", false);
        try (PortalInstance portal = PortalInstance.start(settings);
                HttpExchange https = HttpExchange.connect("https://127.0.0.1:" + portal.port("portal.bindings.secure.port"))) {
            String before = definitionsAndBundles(portal);

            HttpExchange.Response refused = https.send("POST", "/api/certificates/acme", Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    "Content-Type", "application/json"), REQUEST);

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("Certificate 'shop' is validated by the CA over plain HTTP (HTTP-01 challenge "
                    + "on port 80), but no HTTP binding is enabled to answer it.").contains("\"action\":\"Add an HTTP binding");
            assertThat(definitionsAndBundles(portal)).isEqualTo(before);
        }
    }

    @Test
    void aChallengeTheCaCannotDeliverIsExplainedAndTheTemporaryCertificateStays() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(FreePorts.next()).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            int port = requestShopOnABinding(api);

            time.runDue();

            X509Certificate served = TlsProbe.handshake(port, "localhost").leaf();
            assertThat(served.getIssuerX500Principal()).isEqualTo(served.getSubjectX500Principal());
            JsonNode progress = progress(api);
            assertThat(progress.get("state").asString()).isEqualTo("FAILED");
            assertThat(progress.get("problemType").asString()).isEqualTo("connection");
            assertThat(progress.get("lastError").asString()).startsWith("The CA could not validate localhost:")
                .contains("connection refused").contains("[connection]");
            assertThat(progress.at("/steps/" + (progress.get("steps").size() - 1) + "/detail").asString())
                .startsWith("Obtaining certificate 'shop' failed (attempt 1)").contains("The temporary certificate stays in use");
            assertThat(progress.at("/advice/0").asString()).startsWith("The CA could not connect to port 80 of localhost. "
                    + "Most often port 80 is not reachable from the internet");
            assertThat(progress.get("stages").toString()).contains("\"step\":\"validated\",\"label\":\"Domains validated\","
                    + "\"status\":\"failed\"");
            assertThat(api.get("/api/certificates/shop").json().at("/lastRenewal/status").asString()).isEqualTo("failing");

            AdminApi.Response renewed = api.post("/api/certificates/shop/renew", "");

            assertThat(renewed.status()).as(renewed.body()).isEqualTo(502);
            assertThat(renewed.json().get("title").asString()).isEqualTo("Renewal failed");
            assertThat(renewed.json().get("detail").asString()).contains("(attempt 2)").contains("[connection]");
            assertThat(renewed.json().get("problemType").asString()).isEqualTo("connection");
            assertThat(renewed.json().get("action").asString()).contains("port 80");
            assertThat(TlsProbe.handshake(port, "localhost").leaf()).isEqualTo(served);
        }
    }

    @Test
    void aRuntimeCertificateIsDeletedOnlyWhenNoBindingUsesItAndItsNameCanBeUsedAgain() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            int port = requestShopOnABinding(api);
            time.runDue();

            assertProblem(api.delete("/api/certificates/shop", null), 409, null, "is used by binding shop");
            assertThat(api.delete("/api/bindings/shop", null).status()).isEqualTo(200);
            assertThat(api.delete("/api/certificates/shop", null).status()).isEqualTo(204);

            assertThat(portal.bean(PortalSslBundleRegistry.class).getBundleNames()).doesNotContain("shop");
            assertThat(definitions(portal)).isZero();
            assertThat(portal.bean(JdbcClient.class).sql("select count(*) from managed_certificate where name = 'shop'")
                .query(Integer.class).single()).isZero();
            assertThat(api.get("/api/certificates/shop/progress").status()).isEqualTo(404);
            assertThat(api.post("/api/certificates/acme", REQUEST).status()).isEqualTo(202);
        }
    }

    @Test
    void aDeletionWhoseCommitFailsKeepsTheCertificateServed() {
        String schema = Postgres.newSchema();
        try {
            Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
            settings.put("spring.datasource.url", Postgres.url(schema));
            settings.put("spring.datasource.username", Postgres.user());
            settings.put("spring.datasource.password", Postgres.password());
            ManualTime time = new ManualTime();
            try (Pebble pebble = Pebble.on(webPort(settings)).start();
                    PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
                AdminApi api = portal.api();
                assertThat(api.post("/api/certificates/acme", REQUEST).status()).isEqualTo(202);
                JdbcClient jdbc = portal.bean(JdbcClient.class);
                // A row that refers to the request, checked at commit: its deletion cannot commit.
                jdbc.sql("create table test_holds (name varchar(200) references acme_certificate (name) "
                        + "deferrable initially deferred)").update();
                jdbc.sql("insert into test_holds values ('shop')").update();

                AdminApi.Response refused = api.delete("/api/certificates/shop", null);

                assertThat(refused.status()).as(refused.body()).isEqualTo(500);
                assertThat(refused.json().get("title").asString()).isEqualTo("Change not stored");
                assertThat(api.get("/api/certificates/shop").status()).isEqualTo(200);
                assertThat(portal.bean(PortalSslBundleRegistry.class).getBundleNames()).contains("shop");
                assertThat(progress(api).get("state").asString()).as("still to be obtained").isEqualTo("WAITING");
            }
        }
        finally {
            Postgres.drop(schema);
        }
    }

    @Test
    void aNameUsedAgainAfterItsCertificateWasDeletedGetsItsRenewalsOnTheListener() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            requestShopOnABinding(api);
            time.runDue();
            assertThat(api.delete("/api/bindings/shop", null).status()).isEqualTo(200);
            assertThat(api.delete("/api/certificates/shop", null).status()).isEqualTo(204);
            assertThat(api.post("/api/certificates/acme", REQUEST).status()).isEqualTo(202);
            int port = FreePorts.next();
            assertThat(api.post("/api/bindings", "{\"name\":\"shop2\",\"scheme\":\"https\",\"port\":" + port
                    + ",\"sslBundle\":\"shop\"}").status()).isEqualTo(201);
            time.runDue();
            assertThat(servedMatchesApi(api, port)).as("issued certificate of the second 'shop' on the wire").isTrue();

            AdminApi.Response renewed = api.post("/api/certificates/shop/renew", "");

            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            assertThat(servedMatchesApi(api, port)).as("renewed certificate of the second 'shop' on the wire").isTrue();
            assertThat(pebble.ordersCreated()).isEqualTo(3);
        }
    }

    @Test
    void afterRenewNowTheProgressAgreesWithTheCertificateServedFromTheMomentItIsSwappedIn() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            AdminApi api = portal.api();
            int port = requestShopOnABinding(api);
            time.runDue();
            List<String> atSwap = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            portal.bean(PortalSslBundleRegistry.class).addBundleUpdateHandler("shop", (bundle) -> atSwap.add(
                    portal.bean(AcmeOrders.class).progress("shop").orElseThrow().state().name()));

            AdminApi.Response renewed = api.post("/api/certificates/shop/renew", "");

            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            assertThat(atSwap).as("progress state when the new certificate was swapped in").containsExactly("ISSUED");
            assertThat(progress(api).get("state").asString()).isEqualTo("ISSUED");
            assertThat(servedMatchesApi(api, port)).isTrue();
        }
    }

    private static boolean servedMatchesApi(AdminApi api, int port) {
        String listed = api.get("/api/certificates/shop").json().at("/summary/sha256").asString();
        return listed.equals(TlsProbe.handshake(port, "localhost").fingerprint());
    }

    static void assertProblem(AdminApi.Response response, int status, String field, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(detail);
        assertThat(response.json().has("action")).isTrue();
        if (field != null) {
            assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
        }
    }

    private static JsonNode progress(AdminApi api) {
        return progress(api, "shop");
    }

    private static JsonNode progress(AdminApi api, String name) {
        AdminApi.Response response = api.get("/api/certificates/" + name + "/progress");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static int definitions(PortalInstance portal) {
        return portal.bean(JdbcClient.class).sql("select count(*) from acme_certificate").query(Integer.class).single();
    }

    private static String definitionsAndBundles(PortalInstance portal) {
        return definitions(portal) + " " + portal.bean(PortalSslBundleRegistry.class).getBundleNames();
    }

    /**
     * Request the runtime ACME certificate "shop" and serve it on a new HTTPS binding.
     * @return the binding's port
     */
    private static int requestShopOnABinding(AdminApi api) {
        api.post("/api/certificates/acme", REQUEST);
        int port = FreePorts.next();
        api.post("/api/bindings", "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port + ",\"sslBundle\":\"shop\"}");
        return port;
    }

}
