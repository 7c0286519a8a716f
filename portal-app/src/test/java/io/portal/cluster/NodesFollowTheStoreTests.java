package io.portal.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.portal.server.BindingConnectors;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.Await;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestPostgres;
import io.portal.testsupport.TlsProbe;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portals in this JVM on one PostgreSQL schema: what one changes, the other applies
 * within two seconds, through PostgreSQL's announcements; each reports its own state of
 * every binding; a round against a store that did not change touches nothing. (Three
 * packaged-jar nodes: {@code ClusterProcessTests}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodesFollowTheStoreTests {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    private Path dir;

    private TestPostgres.Schema schema;

    private PortalInstance a;

    private PortalInstance b;

    private AdminApi apiA;

    private AdminApi apiB;

    private int probePort;

    @BeforeAll
    void start() throws Exception {
        this.dir = Files.createTempDirectory("nodes");
        this.schema = TestPostgres.schema();
        String masterKey = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        this.probePort = FreePorts.next();
        this.a = PortalInstance.start(node("a", masterKey));
        this.b = PortalInstance.start(node("b", masterKey));
        this.apiA = this.a.api();
        this.apiB = this.b.api();
    }

    private Map<String, Object> node(String name, String masterKey) {
        Map<String, Object> settings = this.schema.configure(PortalInstance.settings(this.dir.resolve(name)));
        settings.put("portal.master-key", masterKey);
        settings.put("portal.cluster.node-name", name);
        settings.put("portal.cluster.heartbeat-interval", "2s");
        // A binding each node declares on an address of its own, as nodes on two machines would.
        settings.put("portal.bindings.probe.scheme", "http");
        settings.put("portal.bindings.probe.address", address(name));
        settings.put("portal.bindings.probe.port", this.probePort);
        return settings;
    }

    @AfterAll
    void stop() {
        if (this.b != null) {
            this.b.close();
        }
        if (this.a != null) {
            this.a.close();
        }
        this.schema.close();
    }

    @Test
    void aCertificateCreatedOnOneNodeAndSwappedOntoItsHttpsBindingIsServedByTheOtherWithinTwoSeconds() {
        int secureA = this.a.port("portal.bindings.secure.port");
        int secureB = this.b.port("portal.bindings.secure.port");
        String before = TlsProbe.handshake(secureB).fingerprint();
        AdminApi.Response created = this.apiA.post("/api/certificates/self-signed",
                "{\"name\":\"shared\",\"subjectAlternativeNames\":[\"localhost\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        AdminApi.Response swapped = this.apiA.patch("/api/bindings/secure", "{\"sslBundle\":\"shared\"}", null);
        assertThat(swapped.status()).as(swapped.body()).isEqualTo(200);
        String served = TlsProbe.handshake(secureA).fingerprint();
        assertThat(served).isNotEqualTo(before);
        long start = System.nanoTime();
        Await.until("node b to serve the certificate node a swapped in", WITHIN,
                () -> TlsProbe.handshake(secureB).fingerprint().equals(served));
        System.out.printf("certificate swap reached node b in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(this.apiB.get("/api/certificates/shared").status()).isEqualTo(200);

        // Reset on a, then deleted there: b goes back to its own certificate and drops it.
        assertThat(this.apiA.delete("/api/bindings/secure/override", null).status()).isIn(200, 204);
        Await.until("node b to serve its certificate again", WITHIN, () -> TlsProbe.handshake(secureB).fingerprint().equals(before));
        assertThat(this.apiA.delete("/api/certificates/shared", null).status()).isEqualTo(204);
        Await.until("node b to forget the deleted certificate", WITHIN,
                () -> this.apiB.get("/api/certificates/shared").status() == 404);
    }

    @Test
    void aRuntimeBindingRunsOnEveryNodeThatCanOpenItAndEachNodeReportsItsOwnState() {
        int port = FreePorts.next();
        AdminApi.Response created = this.apiA.post("/api/bindings",
                "{\"name\":\"extra\",\"scheme\":\"http\",\"address\":\"127.0.0.1\",\"port\":" + port + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // Both nodes run on this one machine, so node b finds the address taken (by node a):
        // it reports the binding failed, with the reason, while node a runs it.
        JsonNode nodeB = Await.until("node b's report of binding 'extra'", WITHIN, () -> node(this.apiA, "b", "extra"));
        assertThat(nodeB.get("running").asBoolean()).isFalse();
        assertThat(nodeB.get("failure").asString()).contains("already in use");
        JsonNode nodeA = node(this.apiA, "a", "extra");
        assertThat(nodeA.get("running").asBoolean()).isTrue();
        assertThat(nodeA.get("port").asInt()).isEqualTo(port);
        // The dashboard shows the nodes as of the last heartbeat, and where one differs.
        String dashboard = "http://127.0.0.1:" + this.a.port("portal.bindings.web.port") + "/";
        String page = Await.until("the dashboard to show node b's failed binding", Duration.ofSeconds(5), () -> {
            String body = HttpExchange.getAsAdmin(dashboard).body();
            return body.contains("binding &#39;extra&#39; does not listen there") ? body : null;
        });
        assertThat(page).contains("data-node=\"a\"", "data-node=\"b\"", "a (this node)");
        JsonNode nodes = this.apiB.get("/api/nodes").json();
        assertThat(nodes).hasSize(2);
        for (JsonNode node : nodes) {
            assertThat(node.get("self").asBoolean()).isEqualTo(node.get("name").asString().equals("b"));
            assertThat(node.get("stale").asBoolean()).isFalse();
            assertThat(node.get("lastReconciledAt").isNull()).isFalse();
        }
        assertThat(this.apiA.delete("/api/bindings/extra", null).status()).isIn(200, 204);
        Await.until("node b to drop binding 'extra'", WITHIN, () -> node(this.apiA, "b", "extra") == null);
    }

    @Test
    void hstsSwitchedOnOnOneNodeIsSentByTheOtherWithinTwoSeconds() {
        String etag = this.apiA.get("/api/settings/https").header("ETag");
        AdminApi.Response changed = this.apiA.put("/api/settings/https", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"5m\"}", etag);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String secureB = "https://localhost:" + this.b.port("portal.bindings.secure.port") + "/";
        Await.until("node b to send HSTS", WITHIN,
                () -> "max-age=300".equals(HttpExchange.get(secureB).header("Strict-Transport-Security")));
        String reset = this.apiA.get("/api/settings/https").header("ETag");
        this.apiA.put("/api/settings/https", "{\"hstsEnabled\":false}", reset);
        Await.until("node b to stop sending HSTS", WITHIN,
                () -> HttpExchange.get(secureB).header("Strict-Transport-Security") == null);
    }

    @Test
    void aRoundAgainstAStoreThatDidNotChangeTouchesNoListener() {
        BindingConnectors connectors = this.b.bean(BindingConnectors.class);
        Connector secure = connectors.find("secure").orElseThrow().connector();
        Connector web = connectors.find("web").orElseThrow().connector();
        StoreFollowing following = this.b.bean(StoreFollowing.class);
        following.round();
        following.round();
        assertThat(following.problem()).isNull();
        assertThat(connectors.find("secure").orElseThrow().connector()).isSameAs(secure);
        assertThat(connectors.find("web").orElseThrow().connector()).isSameAs(web);
        assertThat(connectors.find("secure").orElseThrow().binding().sslBundle()).isEqualTo("portal");
    }

    @Test
    void aBindingMovedToAPortTakenOnOneNodeFailsThereUntilThePortIsFree() throws Exception {
        int port = FreePorts.next();
        StoreFollowing followingB = this.b.bean(StoreFollowing.class);
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName(address("b")))) {
            AdminApi.Response moved = this.apiA.patch("/api/bindings/probe", "{\"port\":" + port + "}", null);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(HttpExchange.get("http://" + address("a") + ":" + port + "/").status()).isEqualTo(200);
            // Node b stops serving the old port and reports the new one failed, with the reason.
            Await.until("node b to report 'probe' failed", WITHIN,
                    () -> "failed".equals(this.apiB.get("/api/bindings/probe").json().get("state").asString()));
            assertThat(this.apiB.get("/api/bindings/probe").json().get("failure").asString()).contains("already in use");
            assertThat(listens(address("b"), this.probePort)).as("the old port on node b").isFalse();
        }
        // Once the port is free, node b's next round opens it.
        followingB.round();
        assertThat(HttpExchange.get("http://" + address("b") + ":" + port + "/").status()).isEqualTo(200);
        assertThat(this.apiB.get("/api/bindings/probe").json().get("state").asString()).isEqualTo("running");
        assertThat(this.apiA.delete("/api/bindings/probe/override", null).status()).isIn(200, 204);
        Await.until("node b back on its configured port", WITHIN, () -> listens(address("b"), this.probePort));
    }

    private static String address(String node) {
        return node.equals("a") ? "127.0.0.2" : "127.0.0.3";
    }

    private static boolean listens(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static JsonNode node(AdminApi api, String node, String binding) {
        for (JsonNode candidate : api.get("/api/nodes").json()) {
            if (candidate.get("name").asString().equals(node)) {
                for (JsonNode state : candidate.get("bindings")) {
                    if (state.get("name").asString().equals(binding)) {
                        return state;
                    }
                }
            }
        }
        return null;
    }

}
