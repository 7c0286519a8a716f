package io.portal.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bindings changed live through the admin API: ports open before the response returns,
 * close when removed, certificates swap without closing connections, and bad requests
 * leave ports and store as they were.
 */
class BindingsApiTests {

    @TempDir
    Path dir;

    private PortalInstance portal;

    private AdminApi api;

    private Issued other;

    @BeforeEach
    void start() {
        Issued ca = TestCertificates.ca("Test CA");
        this.other = TestCertificates.leaf(ca, "other.portal.test");
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + this.other.writeCertificatePem(this.dir.resolve("o.crt")));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + this.other.writeKeyPem(this.dir.resolve("o.key")));
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
    }

    @AfterEach
    void stop() {
        this.portal.close();
    }

    @Test
    void anHttpsBindingAddedThroughTheApiAnswersTlsChangesCertificateAndReleasesItsPort() throws Exception {
        int port = FreePorts.next();
        AdminApi.Response created = this.api.post("/api/bindings",
                "{\"name\":\"extra\",\"scheme\":\"https\",\"address\":\"0.0.0.0\",\"port\":" + port + ",\"sslBundle\":\"portal\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/bindings/extra");
        assertThat(created.json().at("/binding/state").asString()).isEqualTo("running");
        assertThat(created.json().at("/plan/applied").asBoolean()).isTrue();
        TlsProbe.Handshake first = TlsProbe.handshake(port);
        assertThat(first.leaf().getSubjectX500Principal().getName()).contains("CN=localhost");

        try (HttpExchange open = HttpExchange.connect("https://127.0.0.1:" + port + "/")) {
            assertThat(open.get("/portal.css", true).status()).isEqualTo(200);
            String etag = this.api.get("/api/bindings/extra").header("ETag");
            AdminApi.Response changed = this.api.put("/api/bindings/extra",
                    "{\"scheme\":\"https\",\"address\":\"0.0.0.0\",\"port\":" + port + ",\"sslBundle\":\"other\"}", etag);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().at("/plan/steps/0/action").asString()).isEqualTo("swap-certificate");
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));
            assertThat(open.get("/portal.css", true).status()).as("connection opened before the swap").isEqualTo(200);
        }

        String etag = this.api.get("/api/bindings/extra").header("ETag");
        assertThat(this.api.delete("/api/bindings/extra", etag).status()).isEqualTo(200);
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> TlsProbe.handshake(port));
        try (ServerSocket socket = new ServerSocket()) {
            assertThatCode(() -> socket.bind(new InetSocketAddress(port))).doesNotThrowAnyException();
        }
        assertThat(this.api.get("/api/bindings/extra").status()).isEqualTo(404);
    }

    @Test
    void aDryRunReturnsThePlanAndChangesNothing() {
        int port = FreePorts.next();
        String before = this.api.get("/api/bindings").body();
        AdminApi.Response preview = this.api.post("/api/bindings?dryRun=true",
                "{\"name\":\"extra\",\"scheme\":\"https\",\"port\":" + port + ",\"sslBundle\":\"portal\"}");
        assertThat(preview.status()).isEqualTo(200);
        JsonNode plan = preview.json().get("plan");
        assertThat(plan.get("applied").asBoolean()).isFalse();
        assertThat(plan.at("/steps/0/description").asString()).startsWith("Open port " + port + " (https, all interfaces) with certificate 'portal'");
        assertThat(plan.get("warnings").toString()).contains("self-signed certificate 'portal'");
        assertThat(plan.at("/script/curl/0").asString()).contains("-X POST").contains("/api/bindings")
            .contains("\"port\":" + port);
        assertThat(plan.at("/script/yaml").asString()).contains("    extra:\n      scheme: https\n      port: " + port);
        assertThat(this.api.get("/api/bindings").body()).isEqualTo(before);
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> TlsProbe.handshake(port));

        AdminApi.Response deletePreview = this.api.delete("/api/bindings/web?dryRun=true", null);
        assertThat(deletePreview.status()).as(deletePreview.body()).isEqualTo(200);
        assertThat(deletePreview.json().at("/plan/summary").asString()).startsWith("Disable binding 'web'");
        assertThat(this.api.get("/api/bindings").body()).isEqualTo(before);
    }

    @Test
    void badRequestsAreRefusedWithProblemDetailsAndLeaveEverythingAsItWas() throws IOException {
        String before = this.api.get("/api/bindings").body();
        int taken = FreePorts.next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(taken));
            assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + taken + "}"), 409,
                    "port", "is already in use");
        }
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":0}"), 400, "port", "outside 1-65535");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":70000}"), 400, "port", "outside 1-65535");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"web\",\"scheme\":\"http\",\"port\":" + FreePorts.next() + "}"), 409,
                null, "already exists");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"https\",\"port\":" + FreePorts.next()
                + ",\"sslBundle\":\"nope\"}"), 400, "sslBundle", "uses SSL bundle 'nope', which does not exist");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"https\",\"port\":" + FreePorts.next() + "}"), 400,
                "sslBundle", "has no certificate");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":"
                + this.portal.port("portal.bindings.web.port") + "}"), 400, "port", "which binding 'web' already uses");
        assertThat(this.api.get("/api/bindings").body()).isEqualTo(before);

        int port = FreePorts.next();
        this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"http\",\"port\":" + port + "}");
        String stale = this.api.get("/api/bindings/extra").header("ETag");
        assertThat(this.api.put("/api/bindings/extra", "{\"scheme\":\"http\",\"port\":" + FreePorts.next() + "}", stale).status())
            .isEqualTo(200);
        assertProblem(this.api.put("/api/bindings/extra", "{\"scheme\":\"http\",\"port\":" + FreePorts.next() + "}", stale), 412, null,
                "changed by someone else");
    }

    @Test
    void movingABindingToABusyPortKeepsTheOldListener() throws IOException {
        int port = FreePorts.next();
        this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"http\",\"port\":" + port + "}");
        int taken = FreePorts.next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(taken));
            assertProblem(this.api.put("/api/bindings/extra", "{\"scheme\":\"http\",\"port\":" + taken + "}", null), 409, "port",
                    "already in use");
        }
        assertThat(HttpExchange.get("http://127.0.0.1:" + port + "/portal.css").status()).isEqualTo(200);
        assertThat(this.api.get("/api/bindings/extra").json().get("port").asInt()).isEqualTo(port);
    }

    @Test
    void manyBindingsShareOneRequestThreadPool() {
        for (int i = 0; i < 10; i++) {
            assertThat(this.api.post("/api/bindings", "{\"name\":\"many" + i + "\",\"scheme\":\"https\",\"port\":" + FreePorts.next()
                    + ",\"sslBundle\":\"portal\"}").status()).isEqualTo(201);
        }
        for (int i = 0; i < 10; i++) {
            int port = this.api.get("/api/bindings/many" + i).json().get("port").asInt();
            assertThat(HttpExchange.get("https://127.0.0.1:" + port + "/portal.css").status()).isEqualTo(200);
        }
        java.util.List<String> requestThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
            .filter((name) -> name.contains("-exec-")).toList();
        assertThat(requestThreads).isNotEmpty().allMatch((name) -> name.startsWith("portal-exec-"));
        assertThat(requestThreads.size()).isLessThanOrEqualTo(200);
    }

    @Test
    void runtimeBindingsComeBackAfterARestart() {
        int port = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"https\",\"port\":" + port
                + ",\"sslBundle\":\"other\"}").status()).isEqualTo(201);
        Map<String, Object> settings = sameSettings();
        this.portal.close();
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
        assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));
        assertThat(this.api.get("/api/bindings/extra").json().get("source").asString()).isEqualTo("runtime");
    }

    @Test
    void aStoredBindingWhosePortIsTakenAtStartupIsReportedAsFailedAndCanBeMovedOrRemoved() throws IOException {
        int port = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"http\",\"port\":" + port + "}").status())
            .isEqualTo(201);
        Map<String, Object> settings = sameSettings();
        this.portal.close();
        try (ServerSocket taken = new ServerSocket(); ServerSocket alsoTaken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(port));
            int busy = FreePorts.next();
            alsoTaken.bind(new InetSocketAddress(busy));
            this.portal = PortalInstance.start(settings);
            this.api = this.portal.api();
            JsonNode failed = this.api.get("/api/bindings/extra").json();
            assertThat(failed.get("state").asString()).isEqualTo("failed");
            assertThat(failed.get("failure").asString()).contains(String.valueOf(port));

            assertProblem(this.api.put("/api/bindings/extra", "{\"scheme\":\"http\",\"port\":" + busy + "}", null), 409, "port",
                    "already in use");
            assertThat(this.api.get("/api/bindings/extra").json().get("state").asString()).as("still reported").isEqualTo("failed");

            int free = FreePorts.next();
            AdminApi.Response moved = this.api.put("/api/bindings/extra", "{\"scheme\":\"http\",\"port\":" + free + "}", null);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().at("/binding/state").asString()).isEqualTo("running");
            assertThat(HttpExchange.get("http://127.0.0.1:" + free + "/portal.css").status()).isEqualTo(200);
            assertThat(this.api.delete("/api/bindings/extra", null).status()).isEqualTo(200);
            assertThat(this.api.get("/api/bindings/extra").status()).isEqualTo(404);
        }
    }

    private Map<String, Object> sameSettings() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.bindings.web.port", this.portal.port("portal.bindings.web.port"));
        settings.put("portal.bindings.secure.port", this.portal.port("portal.bindings.secure.port"));
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + this.dir.resolve("o.crt"));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + this.dir.resolve("o.key"));
        return settings;
    }

    static void assertProblem(AdminApi.Response response, int status, String field, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).containsIgnoringCase(detail);
        assertThat(response.json().has("action")).isTrue();
        if (field != null) {
            assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
        }
    }

}
