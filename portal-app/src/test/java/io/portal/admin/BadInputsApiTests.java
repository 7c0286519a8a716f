package io.portal.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.portal.account.LoginThrottle;
import io.portal.server.BindingConnectors;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of bad inputs to the admin API, other than binding fields (see the bindings'
 * own table): types, sizes, encodings, names, uploads, headers, settings values, tokens
 * and certificates. Each row expects its status and, for invalid input, the field at
 * fault, in a problem detail of bounded size whose type resolves; after each, the
 * bindings, certificates, listening ports and settings are as they were.
 */
class BadInputsApiTests {

    private static final String TEN_MEGABYTES = "n".repeat(10 * 1024 * 1024);

    @TempDir
    static Path dir;

    private static PortalInstance portal;

    private static AdminApi api;

    private static String base;

    private static String tokenId;

    private static String tokenETag;

    private static Issued ca;

    private static Issued leaf;

    @BeforeAll
    static void start() {
        portal = PortalInstance.start(PortalInstance.settings(dir.resolve("data")));
        api = portal.api();
        base = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
        AdminApi.Response token = api.post("/api/tokens", "{\"name\":\"ci\"}");
        tokenId = token.json().at("/entry/id").asString();
        tokenETag = api.get("/api/tokens/" + tokenId).header("ETag");
        ca = TestCertificates.ca("Bad Inputs CA");
        leaf = TestCertificates.leaf(ca, "shop.example.com");
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void everyBadInputIsRefusedWithItsStatusAndFieldAndChangesNothing() {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        State before = State.now();
        SoftAssertions softly = new SoftAssertions();
        List<String> types = new ArrayList<>();
        for (Row row : rows) {
            AdminApi.Response response;
            try {
                response = row.send();
            }
            catch (RuntimeException ex) {
                throw new AssertionError(row.name + ": " + ex.getMessage(), ex);
            }
            String what = row.name + " -> " + response.status() + " " + response.body().substring(0, Math.min(600, response.body().length()));
            softly.assertThat(response.status()).as(what).isEqualTo(row.status);
            softly.assertThat(response.body().length()).as(what + ": size").isLessThan(20_000);
            softly.assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (row.problem) {
                softly.assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
                JsonNode problem = response.json();
                softly.assertThat(problem.path("status").asInt()).as(what).isEqualTo(row.status);
                softly.assertThat(problem.path("detail").asString("")).as(what).isNotBlank();
                String type = problem.path("type").asString("about:blank");
                if (!types.contains(type)) {
                    types.add(type);
                }
                if (row.field != null) {
                    List<String> fields = new ArrayList<>();
                    problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
                    softly.assertThat(fields).as(what + ": field").contains(row.field);
                }
                row.detail.forEach((text) -> softly.assertThat(problem.path("detail").asString()).as(what).contains(text));
            }
            row.extra.forEach((check) -> check.accept(response));
            portal.bean(LoginThrottle.class).succeeded("127.0.0.1");
            softly.assertThat(State.now()).as(row.name + ": state unchanged").isEqualTo(before);
        }
        for (String type : types) {
            if (!type.equals("about:blank")) {
                softly.assertThat(HttpExchange.get(type).status()).as("problem type " + type + " resolves").isEqualTo(200);
            }
        }
        softly.assertThat(api.get("/api/tokens/" + tokenId).json().path("revokedAt").isNull()).as("token not revoked").isTrue();
        softly.assertAll();
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String settings = "/api/settings/https";
        // Settings: values
        rows.add(row("settings: a duration that is not one").put(settings, "{\"hstsMaxAge\":\"a year\"}").expect(400, "hstsMaxAge"));
        rows.add(row("settings: a negative duration").put(settings, "{\"hstsMaxAge\":\"-1\"}").expect(400, "hstsMaxAge"));
        rows.add(row("settings: a fractional number").put(settings, "{\"hstsMaxAge\":1.5}").expect(400, "hstsMaxAge"));
        rows.add(row("settings: a duration too long").put(settings, "{\"hstsMaxAge\":\"99999999999999999999y\"}").expect(400, "hstsMaxAge"));
        rows.add(row("settings: an object for a duration").put(settings, "{\"hstsMaxAge\":{\"h\":1}}").expect(400, "hstsMaxAge"));
        rows.add(row("settings: a list for a boolean").put(settings, "{\"hstsEnabled\":[true]}").expect(400, "hstsEnabled"));
        rows.add(row("settings: yes for a boolean").put(settings, "{\"hstsEnabled\":\"yes\"}").expect(400, "hstsEnabled"));
        rows.add(row("settings: the word null for a boolean").put(settings, "{\"hstsRamp\":\"null\"}").expect(400, "hstsRamp"));
        rows.add(row("settings: a status that is no redirect").put(settings, "{\"redirectStatus\":303}").expect(400, "redirectStatus"));
        rows.add(row("settings: a status that is no number").put(settings, "{\"redirectStatus\":\"moved\"}").expect(400, "redirectStatus"));
        rows.add(row("settings: an unknown setting").put(settings, "{\"colour\":\"blue\"}").expect(400, "colour"));
        rows.add(row("settings: preload without a year").put(settings, "{\"hstsPreload\":true}").expect(400, "hstsPreload"));
        rows.add(row("settings: one good value and one bad").put(settings, "{\"hstsMaxAge\":\"2h\",\"hstsEnabled\":\"maybe\"}")
            .expect(400, "hstsEnabled"));
        // Names are refused as soon as they pass Jackson's limit, before the rest of the body is read; bodies over
        // 1 MB are refused unread (ApiBodyLimitTests).
        rows.add(row("settings: a setting name of 200 000 characters").put(settings, "{\"" + "n".repeat(200_000) + "\":1}")
            .expect(400, null));
        rows.add(row("settings: a long setting name").put(settings, "{\"" + "n".repeat(20_000) + "\":1}").expect(400, null)
            .detail("(20000 characters)"));
        rows.add(row("settings: a ten-megabyte value").put(settings, "{\"hstsMaxAge\":\"" + TEN_MEGABYTES + "\"}").expect(413, null)
            .detail("at most 1048576"));
        rows.add(row("settings: a value of 500 000 characters").put(settings, "{\"hstsMaxAge\":\"" + "n".repeat(500_000) + "\"}")
            .expect(400, "hstsMaxAge"));
        // Settings: types and encodings of the body
        rows.add(row("settings: a list instead of an object").put(settings, "[1,2]").expect(400, null));
        rows.add(row("settings: malformed JSON").put(settings, "{\"hstsMaxAge\":").expect(400, null));
        rows.add(row("settings: an empty body").put(settings, "").expect(400, null));
        rows.add(row("settings: bytes that are not UTF-8").send("PUT", settings, "application/json",
                new byte[] { '{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}' }).expect(400, null));
        rows.add(row("settings: text/plain").send("PUT", settings, "text/plain", "hstsMaxAge=1h").expect(415, null));
        rows.add(row("settings: XML").send("PUT", settings, "application/xml", "<hstsMaxAge>1h</hstsMaxAge>").expect(415, null));
        rows.add(row("settings: a form").send("PUT", settings, "application/x-www-form-urlencoded", "hstsMaxAge=1h").expect(415, null));
        rows.add(row("settings: dryRun that is no boolean").put(settings + "?dryRun=perhaps", "{\"hstsMaxAge\":\"2h\"}").expect(400, null));
        // Settings: preconditions
        rows.add(row("settings: If-Match of another version").put(settings, "{\"hstsMaxAge\":\"2h\"}")
            .header("If-Match", "\"0123456789abcdef01234567\"").expect(412, null));
        rows.add(row("settings: If-Match with the current tag made weak").put(settings, "{\"hstsMaxAge\":\"2h\"}")
            .header("If-Match", () -> "W/" + api.get(settings).header("ETag")).expect(412, null).detail("weak"));
        rows.add(row("settings: If-Match that is no tag").put(settings, "{\"hstsMaxAge\":\"2h\"}").header("If-Match", "yesterday")
            .expect(412, null));
        // Headers
        rows.add(row("headers: Accept XML only").get(settings).header("Accept", "application/xml").expect(406, null).noProblem());
        rows.add(row("headers: a method the resource does not have").send("POST", settings, "application/json", "{}").expect(405, null));
        rows.add(row("settings: a merge patch with a bad value").send("PATCH", settings, "application/merge-patch+json",
                "{\"hstsMaxAge\":\"soon\"}").expect(400, "hstsMaxAge"));
        rows.add(row("headers: a path that does not exist").get("/api/nothing-here").expect(404, null));
        rows.add(row("headers: a huge header").raw("GET", settings, Map.of("X-Filler", "x".repeat(20_000))).expect(400, null).noProblem());
        rows.add(row("headers: no credentials").get(settings).as(AdminApi.anonymous(base)).expect(401, null));
        rows.add(row("headers: a wrong password").get(settings).as(AdminApi.basic(base, "admin", "guess")).expect(401, null));
        rows.add(row("headers: an unknown user").get(settings).as(AdminApi.basic(base, "root", "guess")).expect(401, null));
        rows.add(row("headers: Basic that is not base64").get(settings).as(new AdminApi(base, "Basic %%%")).expect(401, null));
        rows.add(row("headers: an empty bearer token").get(settings).as(new AdminApi(base, "Bearer ")).expect(401, null));
        rows.add(row("headers: a made-up token").get(settings).as(AdminApi.bearer(base, "ptk_made_up")).expect(401, null));
        rows.add(row("headers: another scheme").get(settings).as(new AdminApi(base, "Digest username=\"admin\"")).expect(401, null));
        // Tokens
        rows.add(row("tokens: a name of 101 characters").post("/api/tokens", "{\"name\":\"" + "t".repeat(101) + "\"}").expect(400, "name"));
        rows.add(row("tokens: a ten-megabyte name").post("/api/tokens", "{\"name\":\"" + TEN_MEGABYTES + "\"}").expect(413, null)
            .detail("at most 1048576"));
        rows.add(row("tokens: a name with a control character").post("/api/tokens", "{\"name\":\"ci\\u0000job\"}").expect(400, "name"));
        rows.add(row("tokens: a name with a line break").post("/api/tokens", "{\"name\":\"ci\\njob\"}").expect(400, "name"));
        rows.add(row("tokens: a number for the name").post("/api/tokens", "{\"name\":{\"first\":1}}").expect(400, null));
        rows.add(row("tokens: a string for the body").post("/api/tokens", "\"ci\"").expect(400, null));
        rows.add(row("tokens: malformed JSON").post("/api/tokens", "{name: ci}").expect(400, null));
        rows.add(row("tokens: text/plain").send("POST", "/api/tokens", "text/plain", "ci").expect(415, null));
        rows.add(row("tokens: dryRun that is no boolean").post("/api/tokens?dryRun=2", "{\"name\":\"x\"}").expect(400, null));
        rows.add(row("tokens: revoke one that does not exist").delete("/api/tokens/nonexistent").expect(404, null)
            .detail("There is no API token 'nonexistent'."));
        rows.add(row("tokens: read one that does not exist").get("/api/tokens/nonexistent").expect(404, null));
        rows.add(row("tokens: revoke with If-Match of another version").delete("/api/tokens/" + tokenId)
            .header("If-Match", "\"0123456789abcdef01234567\"").expect(412, null));
        rows.add(row("tokens: revoke with the tag made weak").delete("/api/tokens/" + tokenId)
            .header("If-Match", () -> "W/" + tokenETag).expect(412, null));
        // Certificates: uploads
        String certificates = "/api/certificates";
        rows.add(row("certificates: neither file nor PEM").upload(certificates, Map.of("name", "shop"), Map.of()).expect(400, "certificate"));
        rows.add(row("certificates: a PFX with the wrong password").upload(certificates, Map.of("name", "shop", "password", "wrong"),
                Map.of("file", pkcs12("right"))).expect(400, "password"));
        rows.add(row("certificates: a file that is no PFX").upload(certificates, Map.of("name", "shop", "password", "x"),
                Map.of("file", "not a key store".getBytes(StandardCharsets.UTF_8))).expect(400, "file"));
        rows.add(row("certificates: PEM that is not PEM").upload(certificates, Map.of("name", "shop", "certificate", "hello",
                "privateKey", TestCertificates.pem(leaf.key())), Map.of()).expect(400, "certificate"));
        rows.add(row("certificates: a key that is not PEM").upload(certificates, Map.of("name", "shop", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", "hello"), Map.of()).expect(400, "privateKey"));
        rows.add(row("certificates: a key of another certificate").upload(certificates, Map.of("name", "shop", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(ca.key())), Map.of()).expect(400, "privateKey"));
        rows.add(row("certificates: a chain in the wrong order").upload(certificates, Map.of("name", "shop", "certificate",
                TestCertificates.pem(List.of(ca.leaf(), leaf.leaf())), "privateKey", TestCertificates.pem(leaf.key())), Map.of())
            .expect(400, "certificate").detail("out of order"));
        rows.add(row("certificates: a name with spaces").upload(certificates, Map.of("name", "my shop", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of()).expect(400, "name"));
        rows.add(row("certificates: a name already taken").upload(certificates, Map.of("name", "portal", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of()).expect(409, null));
        rows.add(row("certificates: a file over the size limit").upload(certificates, Map.of("name", "big", "password", "x"),
                Map.of("file", new byte[1_500_000])).expect(413, null).detail("1MB per file").notDetail("-1"));
        rows.add(row("certificates: a request over the size limit").upload(certificates, Map.of("name", "big"),
                Map.of("file", new byte[900_000], "other", new byte[900_000], "third", new byte[900_000])).expect(413, null));
        rows.add(row("certificates: JSON to the upload").post(certificates, "{\"name\":\"shop\"}").expect(415, null));
        // Certificates: generated and from ACME
        rows.add(row("certificates: a key type that does not exist").post(certificates + "/self-signed",
                "{\"name\":\"gen\",\"keyType\":\"dsa-1024\"}").expect(400, "keyType"));
        rows.add(row("certificates: a validity that is no duration").post(certificates + "/self-signed",
                "{\"name\":\"gen\",\"validity\":\"forever\"}").expect(400, "validity"));
        rows.add(row("certificates: a generated one without a name").post(certificates + "/self-signed", "{}").expect(400, "name"));
        rows.add(row("certificates: a generated one named ../..").post(certificates + "/self-signed", "{\"name\":\"../..\"}")
            .expect(400, "name"));
        rows.add(row("certificates: ACME for a wildcard").post(certificates + "/acme",
                "{\"name\":\"wild\",\"domains\":[\"*.example.com\"],\"directory\":\"https://127.0.0.1:9/dir\",\"acceptTermsOfService\":true}")
            .expect(400, "domains"));
        rows.add(row("certificates: ACME for an IP address").post(certificates + "/acme",
                "{\"name\":\"ip\",\"domains\":[\"192.0.2.1\"],\"directory\":\"https://127.0.0.1:9/dir\",\"acceptTermsOfService\":true}")
            .expect(400, "domains"));
        rows.add(row("certificates: ACME without domains").post(certificates + "/acme",
                "{\"name\":\"none\",\"domains\":[],\"directory\":\"https://127.0.0.1:9/dir\",\"acceptTermsOfService\":true}")
            .expect(400, "domains"));
        rows.add(row("certificates: ACME with a bad contact").post(certificates + "/acme",
                "{\"name\":\"mail\",\"domains\":[\"shop.example.com\"],\"email\":\"not an address\",\"directory\":\"https://127.0.0.1:9/dir\","
                        + "\"acceptTermsOfService\":true}").expect(400, "email"));
        rows.add(row("certificates: read one that does not exist").get(certificates + "/nonexistent").expect(404, null));
        rows.add(row("certificates: delete one that does not exist").delete(certificates + "/nonexistent").expect(404, null));
        rows.add(row("certificates: delete one in use").delete(certificates + "/portal").expect(409, null));
        rows.add(row("certificates: the progress of one that does not exist").get(certificates + "/nonexistent/progress")
            .expect(404, null));
        rows.add(row("audit: a limit that is no number").get("/api/audit?limit=many").expect(400, null));
        return rows;
    }

    private static byte[] pkcs12(String password) {
        try {
            return java.nio.file.Files.readAllBytes(leaf.writePkcs12(dir.resolve("shop-" + password + ".p12"), password, "shop"));
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Row row(String name) {
        return new Row(name);
    }

    /**
     * What must not change: the bindings, the certificates, the ports listened on and the
     * HTTPS settings.
     */
    record State(String bindings, String certificates, List<String> ports, String settings) {

        static State now() {
            List<String> ports = portal.bean(BindingConnectors.class).all().stream()
                .map((live) -> live.binding().name() + ":" + live.localPort() + ":" + live.isRunning())
                .toList();
            return new State(api.get("/api/bindings").body(), api.get("/api/certificates").body(), ports,
                    api.get("/api/settings/https").json().toString());
        }

    }

    /**
     * One bad input and the answer it must get.
     */
    static final class Row {

        final String name;

        String method;

        String path;

        String contentType;

        byte[] body;

        Map<String, String> fields;

        Map<String, byte[]> files;

        Map<String, String> rawHeaders;

        final Map<String, java.util.function.Supplier<String>> headers = new LinkedHashMap<>();

        AdminApi client;

        int status;

        String field;

        boolean problem = true;

        final List<String> detail = new ArrayList<>();

        final List<Consumer<AdminApi.Response>> extra = new ArrayList<>();

        Row(String name) {
            this.name = name;
        }

        Row get(String path) {
            return send("GET", path, null, (byte[]) null);
        }

        Row delete(String path) {
            return send("DELETE", path, null, (byte[]) null);
        }

        Row put(String path, String json) {
            return send("PUT", path, "application/json", json);
        }

        Row post(String path, String json) {
            return send("POST", path, "application/json", json);
        }

        Row send(String method, String path, String contentType, String body) {
            return send(method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        Row send(String method, String path, String contentType, byte[] body) {
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.body = body;
            return this;
        }

        Row upload(String path, Map<String, String> fields, Map<String, byte[]> files) {
            this.method = "UPLOAD";
            this.path = path;
            this.fields = fields;
            this.files = files;
            return this;
        }

        Row raw(String method, String path, Map<String, String> headers) {
            this.method = method;
            this.path = path;
            this.rawHeaders = headers;
            return this;
        }

        Row header(String name, String value) {
            this.headers.put(name, () -> value);
            return this;
        }

        Row header(String name, java.util.function.Supplier<String> value) {
            this.headers.put(name, value);
            return this;
        }

        Row as(AdminApi client) {
            this.client = client;
            return this;
        }

        Row expect(int status, String field) {
            this.status = status;
            this.field = field;
            return this;
        }

        Row noProblem() {
            this.problem = false;
            return this;
        }

        Row detail(String text) {
            this.detail.add(text);
            return this;
        }

        Row notDetail(String text) {
            this.extra.add((response) -> assertThat(response.json().path("detail").asString()).as(this.name).doesNotContain(text));
            return this;
        }

        AdminApi.Response send() {
            if (this.rawHeaders != null) {
                Map<String, String> headers = new LinkedHashMap<>(this.rawHeaders);
                headers.put("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
                HttpExchange.Response response = HttpExchange.get(base + this.path, headers);
                return new AdminApi.Response(response.status(), response.headers(), response.body());
            }
            AdminApi client = (this.client != null) ? this.client : api;
            if ("UPLOAD".equals(this.method)) {
                return client.upload(this.path, this.fields, this.files);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            this.headers.forEach((name, value) -> headers.put(name, value.get()));
            return client.send(this.method, this.path, this.contentType, this.body, headers);
        }

        @Override
        public String toString() {
            return this.name;
        }

    }

}
