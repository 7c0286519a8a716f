package io.portal.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.portal.admin.BindingOverridesApiTests.assertPortFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests to {@code /api/bindings}, one row each (types, sizes, encodings, names,
 * values, headers): each is refused with its status, a problem detail naming the field
 * at fault and no echo of a long value, and leaves the bindings, the ports, the store and
 * the audit log exactly as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindingsBadInputTests {

    private static final int PORT = FreePorts.next();

    private static final String JSON = "application/json";

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private PortalInstance portal;

    private AdminApi api;

    private JdbcClient jdbc;

    private String etag;

    @BeforeAll
    void start(@TempDir Path dir) {
        Issued other = TestCertificates.leaf(TestCertificates.ca("Test CA"), "other.portal.test");
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("data"));
        settings.put("spring.ssl.bundle.pem.other.keystore.certificate", "file:" + other.writeCertificatePem(dir.resolve("o.crt")));
        settings.put("spring.ssl.bundle.pem.other.keystore.private-key", "file:" + other.writeKeyPem(dir.resolve("o.key")));
        this.portal = PortalInstance.start(settings);
        this.api = this.portal.api();
        this.jdbc = this.portal.bean(JdbcClient.class);
        assertThat(this.api.post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"https\",\"port\":" + FreePorts.next()
                + ",\"sslBundle\":\"portal\"}").status()).isEqualTo(201);
        this.etag = this.api.get("/api/bindings/extra").header("ETag");
    }

    @AfterAll
    void stop() {
        this.portal.close();
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Types: nothing is coerced.
        rows.add(post("port with a fraction", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":20460.5}", 400, "port"));
        rows.add(post("port as text", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":\"" + PORT + "\"}", 400, "port"));
        rows.add(post("port as boolean", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":true}", 400, "port"));
        rows.add(post("port in exponent notation", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":1e3}", 400, "port"));
        rows.add(post("port beyond int", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":99999999999}", 400, "port"));
        rows.add(post("port as list", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":[" + PORT + "]}", 400, "port"));
        rows.add(post("port 0", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":0}", 400, "port"));
        rows.add(post("port 65536", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":65536}", 400, "port"));
        rows.add(post("negative port", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":-1}", 400, "port"));
        rows.add(post("port null", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":null}", 400, "port"));
        rows.add(post("scheme as number", "{\"name\":\"a\",\"scheme\":1,\"port\":" + PORT + "}", 400, "scheme"));
        rows.add(post("unknown scheme", "{\"name\":\"a\",\"scheme\":\"ftp\",\"port\":" + PORT + "}", 400, "scheme"));
        rows.add(post("name as number", "{\"name\":42,\"scheme\":\"http\",\"port\":" + PORT + "}", 400, "name"));
        rows.add(post("protocols as text", https("\"protocols\":\"TLSv1.3\""), 400, "protocols"));
        rows.add(post("protocols with a number", https("\"protocols\":[1]"), 400, "protocols"));
        rows.add(post("sni as text", https("\"sni\":\"api.example.com\""), 400, "sni"));
        rows.add(post("sni to a number", https("\"sni\":{\"api.example.com\":5}"), 400, "sni"));
        rows.add(post("enabled as text", https("\"enabled\":\"yes\""), 400, "enabled"));
        // Values that cannot work.
        rows.add(post("TLS 1.0", https("\"protocols\":[\"TLSv1\"]"), 400, "protocols"));
        rows.add(post("TLS 1.1", https("\"protocols\":[\"TLSv1.1\"]"), 400, "protocols"));
        rows.add(post("SSL 3", https("\"protocols\":[\"SSLv3\"]"), 400, "protocols"));
        rows.add(post("unknown cipher suite", https("\"ciphers\":[\"TLS_NO_SUCH_CIPHER\"]"), 400, "ciphers"));
        rows.add(post("SNI key that is no host name", https("\"sni\":{\"not a host!\":\"portal\"}"), 400, "sni"));
        rows.add(post("SNI key with a path", https("\"sni\":{\"../..\":\"portal\"}"), 400, "sni"));
        rows.add(post("SNI to an unknown certificate", https("\"sni\":{\"api.example.com\":\"nope\"}"), 400, "sni"));
        rows.add(post("redirectTo on HTTPS", https("\"redirectTo\":\"secure\""), 400, "redirectTo"));
        rows.add(post("redirectTo to an unknown binding", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT
                + ",\"redirectTo\":\"nope\"}", 400, "redirectTo"));
        rows.add(post("redirectTo to an HTTP binding", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT
                + ",\"redirectTo\":\"web\"}", 400, "redirectTo"));
        rows.add(post("certificate on HTTP", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT + ",\"sslBundle\":\"portal\"}",
                400, "sslBundle"));
        rows.add(post("TLS protocols on HTTP", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT
                + ",\"protocols\":[\"TLSv1.3\"]}", 400, "protocols"));
        rows.add(post("unknown certificate", https("\"sslBundle\":\"nope\"").replace(",\"sslBundle\":\"portal\"", ""), 400, "sslBundle"));
        rows.add(post("address that is no address", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT
                + ",\"address\":\"not an address!\"}", 400, "address"));
        rows.add(post("misspelt field", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT + ",\"prot\":[]}", 400, "prot"));
        rows.add(post("disabled runtime binding", https("\"enabled\":false"), 400, "enabled"));
        // Names.
        rows.add(post("upper-case name", "{\"name\":\"Bad\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400, "name"));
        rows.add(post("name starting with a dash", "{\"name\":\"-a\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400, "name"));
        rows.add(post("name with a slash", "{\"name\":\"a/b\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400, "name"));
        rows.add(post("name with a letter outside ASCII", "{\"name\":\"bücher\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400,
                "name"));
        rows.add(post("name of 64 characters", "{\"name\":\"" + "a".repeat(64) + "\",\"scheme\":\"http\",\"port\":" + PORT + "}",
                400, "name"));
        rows.add(post("empty name", "{\"name\":\"\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400, "name"));
        rows.add(post("name of a configured binding", "{\"name\":\"web\",\"scheme\":\"http\",\"port\":" + PORT + "}", 409, null));
        rows.add(post("name with a control character", "{\"name\":\"a\\u0000b\",\"scheme\":\"http\",\"port\":" + PORT + "}", 400,
                "name"));
        // Sizes: long values are not echoed.
        rows.add(post("name of 60 000 characters", "{\"name\":\"" + "n".repeat(60_000) + "\",\"scheme\":\"http\",\"port\":" + PORT
                + "}", 400, "name"));
        rows.add(post("body of 10 MB", "{\"name\":\"" + "n".repeat(10 * 1024 * 1024) + "\",\"scheme\":\"http\",\"port\":" + PORT
                + "}", 413, null));
        rows.add(post("address of 60 000 characters", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT + ",\"address\":\""
                + "a".repeat(60_000) + "\"}", 400, "address"));
        // Encodings.
        rows.add(post("not JSON", "{\"name\":", 400, "body"));
        rows.add(post("a JSON list", "[{\"name\":\"a\"}]", 400, "body"));
        rows.add(post("something after the object", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT + "} {}", 400, "body"));
        rows.add(post("a field named twice", "{\"name\":\"a\",\"scheme\":\"http\",\"port\":1,\"port\":" + PORT + "}", 400, "body"));
        rows.add(new Row("Latin-1 bytes", "POST", "/api/bindings", JSON,
                ("{\"name\":\"b\u00fccher\",\"scheme\":\"http\",\"port\":" + PORT + "}").getBytes(StandardCharsets.ISO_8859_1),
                Map.of(), 400, "body"));
        rows.add(new Row("empty body", "POST", "/api/bindings", JSON, new byte[0], Map.of(), 400, null));
        // Headers and methods.
        rows.add(new Row("text/plain", "POST", "/api/bindings", "text/plain", bytes(http()), Map.of(), 415, null));
        rows.add(new Row("no Content-Type", "POST", "/api/bindings", null, bytes(http()), Map.of(), 415, null));
        rows.add(new Row("PATCH as application/json", "PATCH", "/api/bindings/extra", JSON, bytes("{\"port\":" + PORT + "}"),
                Map.of(), 415, null));
        rows.add(new Row("stale If-Match", "PUT", "/api/bindings/extra", JSON, bytes(https("").replace("\"name\":\"a\",", "")),
                Map.of("If-Match", "\"0123456789abcdef01234567\""), 412, null));
        rows.add(new Row("dryRun that is no boolean", "POST", "/api/bindings?dryRun=maybe", JSON, bytes(http()), Map.of(), 400,
                null));
        rows.add(new Row("PUT to an unknown binding", "PUT", "/api/bindings/nope", JSON, bytes(http().replace("\"name\":\"a\",", "")),
                Map.of(), 404, null));
        rows.add(new Row("rename with PUT", "PUT", "/api/bindings/extra", JSON, bytes(https("").replace("\"name\":\"a\"",
                "\"name\":\"other\"")), Map.of(), 400, "name"));
        rows.add(new Row("rename with PATCH", "PATCH", "/api/bindings/extra", MERGE_PATCH, bytes("{\"name\":\"other\"}"), Map.of(),
                400, "name"));
        rows.add(new Row("PATCH a port as text", "PATCH", "/api/bindings/web", MERGE_PATCH, bytes("{\"port\":\"8080\"}"), Map.of(),
                400, "port"));
        rows.add(new Row("PATCH removes a required field", "PATCH", "/api/bindings/extra", MERGE_PATCH, bytes("{\"scheme\":null}"),
                Map.of(), 400, "scheme"));
        rows.add(new Row("PATCH disables and changes at once", "PATCH", "/api/bindings/web", MERGE_PATCH,
                bytes("{\"enabled\":false,\"port\":" + PORT + "}"), Map.of(), 400, "enabled"));
        rows.add(new Row("PATCH a certificate onto HTTP", "PATCH", "/api/bindings/web", MERGE_PATCH,
                bytes("{\"sslBundle\":\"portal\"}"), Map.of(), 400, "sslBundle"));
        rows.add(new Row("reset a runtime binding", "DELETE", "/api/bindings/extra/override", null, null, Map.of(), 409, null));
        rows.add(new Row("DELETE an unknown binding", "DELETE", "/api/bindings/nope", null, null, Map.of(), 404, null));
        rows.add(new Row("semicolon in the path (refused by the firewall, answered at /error)", "GET", "/api/bindings/web;x=1",
                null, null, Map.of(), 400, null));
        rows.add(new Row("PUT without a name", "PUT", "/api/bindings", JSON, bytes(http()), Map.of("If-Match", "*"), 405, null));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedAndChangesNothing(Row row) {
        String bindings = this.api.get("/api/bindings").body();
        Map<String, Long> store = store();
        Map<String, String> headers = row.headers().containsKey("If-Match") || !row.method().equals("PUT") ? row.headers()
                : Map.of("If-Match", this.etag);
        AdminApi.Response response = this.api.send(row.method(), row.path(), row.contentType(), row.body(), headers);

        assertThat(response.status()).as(response.body()).isEqualTo(row.status());
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(response.body().length()).as("the answer does not echo long values").isLessThan(4096);
        if (row.field() != null) {
            assertThat(response.json().at("/errors/0/field").asString()).as(response.body()).isEqualTo(row.field());
            assertThat(response.json().get("action").asString()).isNotBlank();
        }
        assertThat(this.api.get("/api/bindings").body()).isEqualTo(bindings);
        assertThat(store()).isEqualTo(store);
        assertPortFree(PORT);
    }

    private Map<String, Long> store() {
        return Map.of("runtime_binding", count("runtime_binding"), "binding_override", count("binding_override"), "audit_event",
                count("audit_event"));
    }

    private long count(String table) {
        return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static Row post(String what, String body, int status, String field) {
        return new Row(what, "POST", "/api/bindings", JSON, bytes(body), Map.of(), status, field);
    }

    private static String http() {
        return "{\"name\":\"a\",\"scheme\":\"http\",\"port\":" + PORT + "}";
    }

    private static String https(String field) {
        return "{\"name\":\"a\",\"scheme\":\"https\",\"port\":" + PORT + ",\"sslBundle\":\"portal\"" + (field.isEmpty() ? "" : ","
                + field) + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One bad request and how it must be answered.
     *
     * @param what the case
     * @param method the method
     * @param path the path and query
     * @param contentType the Content-Type, or {@code null} for none
     * @param body the body, or {@code null}
     * @param headers more headers
     * @param status the status expected
     * @param field the field the problem must name, or {@code null}
     */
    record Row(String what, String method, String path, String contentType, byte[] body, Map<String, String> headers, int status,
            String field) {

        @Override
        public String toString() {
            return this.what;
        }

    }

}
