package io.portal.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

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

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.portal.admin.BindingsApiTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bindings from configuration (the defaults {@code web} and {@code secure} here) are
 * changed live like runtime ones: a change is stored as an override of the fields that
 * differ, shown with its origin, kept across restarts, and reset to the configuration;
 * removing one disables it. Changes are serialized and {@code If-Match} is checked when a
 * change has its turn.
 */
class BindingOverridesApiTests {

    @TempDir
    Path dir;

    private PortalInstance portal;

    private AdminApi api;

    private Issued other;

    @BeforeEach
    void start() {
        this.other = TestCertificates.leaf(TestCertificates.ca("Test CA"), "other.portal.test");
        this.other.writeCertificatePem(this.dir.resolve("o.crt"));
        this.other.writeKeyPem(this.dir.resolve("o.key"));
        start(PortalInstance.settings(this.dir.resolve("data")));
    }

    private void start(Map<String, Object> settings) {
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + this.dir.resolve("o.crt"));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + this.dir.resolve("o.key"));
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
    }

    private void restart() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.bindings.web.port", this.portal.port("portal.bindings.web.port"));
        settings.put("portal.bindings.secure.port", this.portal.port("portal.bindings.secure.port"));
        this.portal.close();
        start(settings);
    }

    @AfterEach
    void stop() {
        this.portal.close();
    }

    @Test
    void theDefaultHttpsBindingGetsAnotherCertificateAsAnOverrideThatKeepsConnectionsAndSurvivesARestart() throws Exception {
        int secure = this.portal.port("portal.bindings.secure.port");
        JsonNode before = this.api.get("/api/bindings/secure").json();
        assertThat(before.get("source").asString()).isEqualTo("config");
        assertThat(before.get("overridden").asBoolean()).isFalse();
        assertThat(before.at("/origin/port").asString()).isEqualTo("command line");
        // The tests run in the project's directory, whose application.yml declares the defaults again.
        assertThat(before.at("/origin/sslBundle").asString()).matches("application\\.yml line \\d+");
        assertThat(before.at("/origin/address").asString()).isEqualTo("not set");

        try (HttpExchange open = HttpExchange.connect("https://127.0.0.1:" + secure + "/")) {
            assertThat(open.get("/portal.css", true).status()).isEqualTo(200);
            String etag = this.api.get("/api/bindings/secure").header("ETag");
            AdminApi.Response changed = this.api.put("/api/bindings/secure",
                    "{\"scheme\":\"https\",\"port\":" + secure + ",\"sslBundle\":\"other\"}", etag);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().at("/plan/steps/0/action").asString()).isEqualTo("swap-certificate");
            assertThat(changed.json().at("/plan/summary").asString()).contains("stored as an override of the configuration: sslBundle");
            JsonNode binding = changed.json().get("binding");
            assertThat(binding.get("overridden").asBoolean()).isTrue();
            assertThat(binding.get("override").toString()).isEqualTo("{\"sslBundle\":\"other\"}");
            assertThat(binding.at("/origin/sslBundle").asString()).startsWith("changed by admin at ")
                .endsWith("(overrides " + before.at("/origin/sslBundle").asString() + ")");
            assertThat(binding.at("/origin/port").asString()).isEqualTo("command line");
            assertThat(TlsProbe.handshake(secure).fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));
            assertThat(open.get("/portal.css", true).status()).as("connection opened before the swap").isEqualTo(200);
        }
        JsonNode audit = this.api.get("/api/audit?limit=1").json().get(0);
        assertThat(audit.get("action").asString()).isEqualTo("binding.override");
        assertThat(audit.get("target").asString()).isEqualTo("binding:secure");
        assertThat(audit.get("after").asString()).contains("\"sslBundle\":\"other\"").contains("\"overridden\":[\"sslBundle\"]");

        restart();
        assertThat(TlsProbe.handshake(secure).fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));
        assertThat(this.api.get("/api/bindings/secure").json().get("overridden").asBoolean()).isTrue();

        AdminApi.Response reset = this.api.delete("/api/bindings/secure/override", null);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().at("/binding/overridden").asBoolean()).isFalse();
        assertThat(reset.json().at("/binding/origin/sslBundle").asString()).isEqualTo(before.at("/origin/sslBundle").asString());
        assertThat(TlsProbe.handshake(secure).leaf().getSubjectX500Principal().getName()).startsWith("CN=localhost");
        assertThat(this.portal.bean(JdbcClient.class).sql("select count(*) from binding_override").query(Integer.class).single())
            .isZero();
    }

    @Test
    void aMergePatchChangesOnlyTheFieldsItNamesAndNullResetsAField() throws IOException {
        int web = this.portal.port("portal.bindings.web.port");
        useAnotherBindingForTheApi();
        int moved = FreePorts.next();
        AdminApi.Response patched = this.api.patch("/api/bindings/web", "{\"port\":" + moved + "}", null);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/binding/override").toString()).isEqualTo("{\"port\":" + moved + "}");
        assertThat(patched.json().at("/binding/scheme").asString()).isEqualTo("http");
        assertThat(HttpExchange.get("http://127.0.0.1:" + moved + "/portal.css").status()).isEqualTo(200);
        assertPortFree(web);

        AdminApi.Response back = this.api.patch("/api/bindings/web", "{\"port\":null}", null);
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().at("/binding/overridden").asBoolean()).isFalse();
        assertThat(back.json().at("/binding/port").asInt()).isEqualTo(web);
        assertPortFree(moved);

        int extra = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"https\",\"port\":" + extra
                + ",\"sslBundle\":\"portal\",\"sni\":{\"a.portal.test\":\"other\",\"b.portal.test\":\"other\"}}").status())
            .isEqualTo(201);
        AdminApi.Response sni = this.api.patch("/api/bindings/extra", "{\"sni\":{\"a.portal.test\":null}}", null);
        assertThat(sni.status()).as(sni.body()).isEqualTo(200);
        assertThat(sni.json().at("/binding/sni").toString()).isEqualTo("{\"b.portal.test\":\"other\"}");
        assertThat(sni.json().at("/binding/port").asInt()).isEqualTo(extra);
        assertThat(TlsProbe.handshake(extra, "b.portal.test").fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));

        assertProblem(this.api.patch("/api/bindings/extra", "{\"enabled\":false}", null), 400, "enabled", "cannot be disabled");
        assertProblem(this.api.patch("/api/bindings/extra", "{\"port\":null}", null), 400, "port", "has no port");
        JsonNode patchDocs = this.api.get("/v3/api-docs").json().at("/paths/~1api~1bindings~1{name}/patch/requestBody/content");
        assertThat(patchDocs.has("application/merge-patch+json")).as(patchDocs.toString()).isTrue();
        assertThat(this.api.get("/v3/api-docs").json().at("/components/schemas/Document/properties").has("sslBundle")).isTrue();
        AdminApi.Response json = this.api.send("PATCH", "/api/bindings/web", "application/json", "{}".getBytes(), Map.of());
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void removingAConfiguredBindingDisablesItUntilItIsReset() {
        int web = this.portal.port("portal.bindings.web.port");
        int ops = useAnotherBindingForTheApi();

        AdminApi.Response removed = this.api.delete("/api/bindings/web", null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().at("/plan/steps/0/action").asString()).isEqualTo("close");
        assertThat(removed.json().at("/binding/state").asString()).isEqualTo("disabled");
        assertThat(removed.json().at("/binding/origin/enabled").asString()).startsWith("changed by admin at");
        assertPortFree(web);
        assertProblem(this.api.delete("/api/bindings/web", null), 409, null, "already disabled");
        assertProblem(this.api.post("/api/bindings", "{\"name\":\"web\",\"scheme\":\"http\",\"port\":" + FreePorts.next() + "}"),
                409, null, "declared in the configuration, disabled");
        assertProblem(this.api.delete("/api/bindings/ops/override", null), 409, null, "no configuration to reset to");

        restart();
        this.api = AdminApi.basic("http://127.0.0.1:" + ops, "admin", PortalInstance.ADMIN_PASSWORD);
        assertThat(this.api.get("/api/bindings/web").json().get("state").asString()).isEqualTo("disabled");
        assertPortFree(web);

        AdminApi.Response enabled = this.api.patch("/api/bindings/web", "{\"enabled\":true}", null);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().at("/binding/state").asString()).isEqualTo("running");
        assertThat(enabled.json().at("/binding/overridden").asBoolean()).as("enabled as configured: no override left").isFalse();
        assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/portal.css").status()).isEqualTo(200);
    }

    @Test
    void concurrentChangesAreSerializedWithoutLostUpdatesAndIfMatchIsCheckedAtTheirTurn() throws Exception {
        String etag = this.api.get("/api/bindings/secure").header("ETag");
        List<AdminApi.Response> sameVersion = race(
                () -> this.api.patch("/api/bindings/secure", "{\"protocols\":[\"TLSv1.3\"]}", etag),
                () -> this.api.patch("/api/bindings/secure", "{\"sslBundle\":\"other\"}", etag));
        assertThat(sameVersion).extracting(AdminApi.Response::status).containsExactlyInAnyOrder(200, 412);

        this.api.delete("/api/bindings/secure/override", null);
        List<AdminApi.Response> both = race(() -> this.api.patch("/api/bindings/secure", "{\"protocols\":[\"TLSv1.3\"]}", null),
                () -> this.api.patch("/api/bindings/secure", "{\"sslBundle\":\"other\"}", null));
        assertThat(both).extracting(AdminApi.Response::status).containsExactly(200, 200);
        assertThat(this.api.get("/api/bindings/secure").json().get("override").toString())
            .isEqualTo("{\"sslBundle\":\"other\",\"protocols\":[\"TLSv1.3\"]}");

        int first = FreePorts.next();
        int second = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"again\",\"scheme\":\"http\",\"port\":" + first + "}").status())
            .isEqualTo(201);
        assertThat(this.api.delete("/api/bindings/again", null).status()).isEqualTo(200);
        assertThat(this.api.post("/api/bindings", "{\"name\":\"again\",\"scheme\":\"https\",\"port\":" + second
                + ",\"sslBundle\":\"other\"}").status()).isEqualTo(201);
        assertPortFree(first);
        assertThat(TlsProbe.handshake(second).fingerprint()).isEqualTo(TlsProbe.fingerprint(this.other.leaf()));
    }

    @Test
    void anOverrideThatCannotStartIsReportedAsFailedAndResetFixesIt() throws IOException {
        int web = this.portal.port("portal.bindings.web.port");
        int ops = useAnotherBindingForTheApi();
        int moved = FreePorts.next();
        assertThat(this.api.patch("/api/bindings/web", "{\"port\":" + moved + "}", null).status()).isEqualTo(200);
        this.portal.close();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(moved));
            Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
            settings.put("portal.bindings.web.port", web);
            start(settings);
            this.api = AdminApi.basic("http://127.0.0.1:" + ops, "admin", PortalInstance.ADMIN_PASSWORD);
            JsonNode failed = this.api.get("/api/bindings/web").json();
            assertThat(failed.get("state").asString()).isEqualTo("failed");
            assertThat(failed.get("failure").asString()).contains(String.valueOf(moved));

            AdminApi.Response reset = this.api.delete("/api/bindings/web/override", null);
            assertThat(reset.status()).as(reset.body()).isEqualTo(200);
            assertThat(reset.json().at("/binding/state").asString()).isEqualTo("running");
            assertThat(HttpExchange.get("http://127.0.0.1:" + web + "/portal.css").status()).isEqualTo(200);
        }
    }

    /**
     * Talk to the API through a runtime binding, so that changing {@code web} does not
     * close the connection a request is on.
     */
    private int useAnotherBindingForTheApi() {
        int ops = FreePorts.next();
        assertThat(this.api.post("/api/bindings", "{\"name\":\"ops\",\"scheme\":\"http\",\"port\":" + ops + "}").status())
            .isEqualTo(201);
        this.api = AdminApi.basic("http://127.0.0.1:" + ops, "admin", PortalInstance.ADMIN_PASSWORD);
        return ops;
    }

    /**
     * Send requests at the same moment, each from its own thread.
     */
    @SafeVarargs
    private static List<AdminApi.Response> race(Supplier<AdminApi.Response>... calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AdminApi.Response>> futures = new ArrayList<>();
            for (Supplier<AdminApi.Response> call : calls) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            List<AdminApi.Response> responses = new ArrayList<>();
            for (Future<AdminApi.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
        finally {
            threads.shutdownNow();
        }
    }

    static void assertPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            assertThatCode(() -> socket.bind(new InetSocketAddress(port))).as("port " + port + " is free").doesNotThrowAnyException();
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> HttpExchange.get("http://127.0.0.1:" + port + "/"));
    }

}
