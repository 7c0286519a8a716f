package io.portal.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.PortalProcess;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestPostgres;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three portal nodes, each the packaged jar in its own process, share one PostgreSQL
 * schema, one master key and one admin password. Each kind of change is made on node A
 * through its admin API, and nodes B and C must apply it within two seconds: the time from
 * A's answer to the first probe that sees the change on B (and on C) is measured by
 * polling every 50 ms, printed, and asserted.
 * <p>
 * All three nodes run on this one machine, where an address and port can be opened by one
 * process only. So that every node can serve what a change asks for, each node declares a
 * binding {@code probe} on a loopback address of its own (A 127.0.0.2, B 127.0.0.3, C
 * 127.0.0.4, the same port; Linux answers every address of 127.0.0.0/8 on loopback): moving it to another port on A is stored as an override of
 * the port alone, which each node applies to its own address, as nodes on separate machines
 * apply one override to one port. A runtime binding, which has one address for all nodes,
 * can be opened by one of them here: B and C apply it and report it failed (port taken),
 * while A runs it. A port taken on one node only (the test holds it on C's address) shows
 * as failed on C and running on A and B in {@code GET /api/nodes}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTests {

    /** What the issue asks: every change applied on every other node within this. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);

    /** How long a change is watched for, so that a late one is measured rather than only failed. */
    private static final Duration OBSERVED = Duration.ofSeconds(10);

    private static final Pattern STARTED = Pattern.compile("Started PortalApplication in");

    private static final String HSTS = "Strict-Transport-Security";

    private Path dir;

    private TestPostgres.Schema schema;

    private final List<Node> nodes = new ArrayList<>();

    private Node a;

    private Node b;

    private Node c;

    private final int probePort = FreePorts.next();

    @BeforeAll
    void threeNodesOnOneSchema(@TempDir Path dir) {
        this.dir = dir;
        this.schema = TestPostgres.schema();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = Map.of("PORTAL_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "PORTAL_ADMIN_PASSWORD", PortalInstance.ADMIN_PASSWORD);
        // A first, so that the store is created once; then B and C together.
        this.a = start("a", "127.0.0.2", environment);
        this.a.process.awaitLog(STARTED, Duration.ofSeconds(120));
        this.b = start("b", "127.0.0.3", environment);
        this.c = start("c", "127.0.0.4", environment);
        this.b.process.awaitLog(STARTED, Duration.ofSeconds(120));
        this.c.process.awaitLog(STARTED, Duration.ofSeconds(120));
        // The probes below call the API every 50 ms: with a token of each node's own, not a
        // password that costs a BCrypt check each time.
        for (Node node : this.nodes) {
            AdminApi.Response created = AdminApi.basic(node.base(), "admin", PortalInstance.ADMIN_PASSWORD)
                .post("/api/tokens", "{\"name\":\"probe-" + node.name + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            node.token = created.json().get("token").asString();
        }
    }

    private Node start(String name, String address, Map<String, String> environment) {
        Map<String, Object> settings = new LinkedHashMap<>(PortalInstance.settings(this.dir.resolve(name).resolve("data")));
        this.schema.configure(settings);
        settings.put("portal.bindings.probe.scheme", "http");
        settings.put("portal.bindings.probe.address", address);
        settings.put("portal.bindings.probe.port", this.probePort);
        List<String> arguments = new ArrayList<>();
        settings.forEach((setting, value) -> arguments.add("--" + setting + "=" + value));
        Node node = new Node(name.toUpperCase(Locale.ROOT), address, (int) settings.get("portal.bindings.web.port"),
                (int) settings.get("portal.bindings.secure.port"),
                PortalProcess.start(this.dir.resolve(name), environment, arguments));
        this.nodes.add(node);
        return node;
    }

    @AfterAll
    void stopTheNodes() {
        for (Node node : this.nodes) {
            node.process.close();
        }
        if (this.schema != null) {
            this.schema.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeListsTheNodesSharingTheStore() {
        for (Node node : List.of(this.a, this.b, this.c)) {
            // A node writes its entry at its start, so B's and C's may take a moment to show
            // on A, and lastReconciledAt may wait for the first reconcile.
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (true) {
                AdminApi.Response response = node.api().get("/api/nodes");
                assertThat(response.status()).as("GET /api/nodes on %s: %s", node.name, response.body()).isEqualTo(200);
                try {
                    assertNodeList(node, response);
                    break;
                }
                catch (AssertionError ex) {
                    if (System.nanoTime() > deadline) {
                        throw ex;
                    }
                }
                sleep(500);
            }
        }
        assertThat(List.of(id(this.a), id(this.b), id(this.c))).doesNotHaveDuplicates();
    }

    private static void assertNodeList(Node node, AdminApi.Response response) {
        JsonNode list = response.json();
        assertThat(list.isArray()).as(response.body()).isTrue();
        assertThat(list.size()).as("nodes listed by %s: %s", node.name, response.body()).isEqualTo(3);
        int self = 0;
        for (JsonNode entry : list) {
            assertThat(text(entry, "id")).as(response.body()).isNotBlank();
            assertThat(text(entry, "name")).as(response.body()).isNotBlank();
            assertThat(text(entry, "startedAt")).as(response.body()).isNotBlank();
            assertThat(text(entry, "lastSeenAt")).as(response.body()).isNotBlank();
            assertThat(text(entry, "lastReconciledAt")).as(response.body()).isNotBlank();
            assertThat(entry.has("stale") && entry.has("self") && entry.has("bindings")).as(response.body()).isTrue();
            assertThat(entry.get("stale").asBoolean()).as("stale in %s", response.body()).isFalse();
            assertThat(entry.get("bindings").isArray()).as(response.body()).isTrue();
            assertThat(entry.get("bindings").size()).as("bindings of an entry in %s", response.body()).isGreaterThanOrEqualTo(3);
            self += entry.get("self").asBoolean() ? 1 : 0;
        }
        assertThat(self).as("entries with self=true in %s's list", node.name).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aRuntimeBindingCreatedOnAIsAppliedOnBAndCEachReportingItsOwnState() {
        // One address and port for every node: on this one machine A holds it, so B and C,
        // applying the same binding, find the port taken. Their per-node state says so.
        int port = FreePorts.next();
        AdminApi.Response created = this.a.api().post("/api/bindings",
                "{\"name\":\"shared\",\"scheme\":\"http\",\"address\":\"127.0.0.1\",\"port\":" + port + "}");
        long answered = System.nanoTime();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/binding/state").asString()).isEqualTo("running");
        assertThat(answers("127.0.0.1", port)).as("A serves the new binding").isTrue();

        Map<String, Long> times = propagation("runtime binding 'shared' applied (state failed: port taken by A)", answered, Map.of(
                "B", () -> state(this.b, "shared").equals("failed"),
                "C", () -> state(this.c, "shared").equals("failed")));
        assertWithin(times);
        for (Node node : List.of(this.b, this.c)) {
            JsonNode binding = node.api().get("/api/bindings/shared").json();
            assertThat(binding.get("source").asString()).isEqualTo("runtime");
            assertThat(binding.get("port").asInt()).isEqualTo(port);
            assertThat(text(binding, "failure")).as("why %s cannot open it", node.name).isNotBlank();
        }

        Map<String, Long> listed = propagation("runtime binding 'shared' per node in GET /api/nodes on A", answered, Map.of(
                "B and C", () -> nodeBinding(this.a, this.b, "shared") != null && nodeBinding(this.a, this.c, "shared") != null
                        && !nodeBinding(this.a, this.b, "shared").get("running").asBoolean()
                        && !nodeBinding(this.a, this.c, "shared").get("running").asBoolean()));
        assertWithin(listed);
        JsonNode onA = nodeBinding(this.a, this.a, "shared");
        assertThat(onA.get("running").asBoolean()).as("A runs it: %s", onA).isTrue();
        assertThat(onA.get("port").asInt()).isEqualTo(port);
        assertThat(onA.get("failure").isNull()).as(onA.toString()).isTrue();
        for (Node node : List.of(this.b, this.c)) {
            JsonNode there = nodeBinding(this.a, node, "shared");
            assertThat(there.get("port").asInt()).isEqualTo(port);
            assertThat(text(there, "failure")).as("%s's failure, seen from A: %s", node.name, there).isNotBlank();
        }
    }

    @Test
    @Order(3)
    void aBindingMovedToAnotherPortOnAIsServedByBAndCOnTheirOwnAddresses() {
        int port = FreePorts.next();
        AdminApi.Response changed = this.a.api().patch("/api/bindings/probe", "{\"port\":" + port + "}", null);
        long answered = System.nanoTime();
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(answers(this.a.address, port)).as("A serves the moved binding").isTrue();

        Map<String, Long> times = propagation("binding 'probe' moved to another port, served", answered, Map.of(
                "B", () -> answers(this.b.address, port),
                "C", () -> answers(this.c.address, port)));
        assertWithin(times);
        for (Node node : List.of(this.b, this.c)) {
            JsonNode binding = node.api().get("/api/bindings/probe").json();
            assertThat(binding.get("state").asString()).as("%s: %s", node.name, binding).isEqualTo("running");
            assertThat(binding.get("address").asString()).as("each node keeps its own address").isEqualTo(node.address);
            assertThat(binding.get("port").asInt()).isEqualTo(port);
        }
    }

    @Test
    @Order(4)
    void aPortTakenOnOneNodeFailsThereAndRunsElsewhere() throws IOException {
        int port = FreePorts.next();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(this.c.address), port));
            AdminApi.Response changed = this.a.api().patch("/api/bindings/probe", "{\"port\":" + port + "}", null);
            long answered = System.nanoTime();
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);

            Map<String, Long> times = propagation("binding 'probe' moved to a port taken on C only", answered, Map.of(
                    "B", () -> answers(this.b.address, port),
                    "C", () -> state(this.c, "probe").equals("failed")));
            assertWithin(times);
            assertThat(text(this.c.api().get("/api/bindings/probe").json(), "failure")).as("why C cannot open it").isNotBlank();

            Map<String, Long> listed = propagation("per-node state of 'probe' in GET /api/nodes on A", answered, Map.of(
                    "B and C", () -> {
                        JsonNode onB = nodeBinding(this.a, this.b, "probe");
                        JsonNode onC = nodeBinding(this.a, this.c, "probe");
                        return onB != null && onC != null && onB.get("port").asInt() == port && onC.get("port").asInt() == port
                                && onB.get("running").asBoolean() && !onC.get("running").asBoolean();
                    }));
            assertWithin(listed);
            JsonNode onA = nodeBinding(this.a, this.a, "probe");
            assertThat(onA.get("running").asBoolean()).as("A: %s", onA).isTrue();
            assertThat(onA.get("port").asInt()).isEqualTo(port);
            JsonNode onC = nodeBinding(this.a, this.c, "probe");
            assertThat(text(onC, "failure")).as("C's failure, seen from A: %s", onC).isNotBlank();
            assertThat(nodeBinding(this.a, this.b, "probe").get("failure").isNull()).isTrue();
        }
    }

    @Test
    @Order(5)
    void aCertificateImportedAndSwappedOntoAConfiguredBindingOnAIsServedByBAndC() {
        TestCertificates.Issued leaf = TestCertificates.leaf(TestCertificates.ca("Cluster CA"), "localhost", "127.0.0.1");
        String fingerprint = TlsProbe.fingerprint(leaf.leaf());
        for (Node node : List.of(this.b, this.c)) {
            assertThat(served(node)).as("%s before the swap", node.name).isNotEqualTo(fingerprint);
        }
        AdminApi.Response imported = this.a.api().upload("/api/certificates", Map.of("name", "swapped", "certificate",
                TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        AdminApi.Response swapped = this.a.api().patch("/api/bindings/secure", "{\"sslBundle\":\"swapped\"}", null);
        long answered = System.nanoTime();
        assertThat(swapped.status()).as(swapped.body()).isEqualTo(200);
        assertThat(served(this.a)).as("A serves the new certificate").isEqualTo(fingerprint);

        Map<String, Long> times = propagation("imported certificate swapped onto 'secure', served", answered, Map.of(
                "B", () -> fingerprint.equals(served(this.b)),
                "C", () -> fingerprint.equals(served(this.c))));
        assertWithin(times);

        String hex = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
        Map<String, Long> listed = propagation("served fingerprint of 'secure' in GET /api/nodes on A", answered, Map.of(
                "B and C", () -> hex.equals(fingerprintIn(nodeBinding(this.a, this.b, "secure")))
                        && hex.equals(fingerprintIn(nodeBinding(this.a, this.c, "secure")))));
        assertWithin(listed);
        assertThat(fingerprintIn(nodeBinding(this.a, this.a, "secure"))).isEqualTo(hex);
    }

    @Test
    @Order(6)
    void hstsSwitchedOnAtAIsSentByBAndC() {
        for (Node node : List.of(this.b, this.c)) {
            assertThat(hsts(node)).as("%s before HSTS is switched on", node.name).isNull();
        }
        AdminApi.Response changed = this.a.api().patch("/api/settings/https", "{\"hstsEnabled\":true,\"hstsMaxAge\":\"1h\"}",
                null);
        long answered = System.nanoTime();
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(hsts(this.a)).isEqualTo("max-age=3600");

        Map<String, Long> times = propagation("HSTS switched on, header sent", answered, Map.of(
                "B", () -> "max-age=3600".equals(hsts(this.b)),
                "C", () -> "max-age=3600".equals(hsts(this.c))));
        assertWithin(times);
    }

    @Test
    @Order(7)
    void aTokenCreatedOnAWorksOnBAndC() {
        AdminApi.Response created = this.a.api().post("/api/tokens", "{\"name\":\"cluster\"}");
        long answered = System.nanoTime();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(AdminApi.bearer(this.a.base(), token).get("/api/bindings").status()).isEqualTo(200);

        Map<String, Long> times = propagation("API token created, accepted", answered, Map.of(
                "B", () -> AdminApi.bearer(this.b.base(), token).get("/api/bindings").status() == 200,
                "C", () -> AdminApi.bearer(this.c.base(), token).get("/api/bindings").status() == 200));
        assertWithin(times);
    }

    /**
     * Poll each probe every 50 ms from now (just after node A confirmed the change) until it
     * holds or {@link #OBSERVED} has passed, and print how long each took.
     * @param change what was changed
     * @param start {@link System#nanoTime()} when node A answered the change
     * @param probes by node, whether that node shows the change
     * @return milliseconds by node; {@code -1} for one that did not show it
     */
    private static Map<String, Long> propagation(String change, long start, Map<String, BooleanSupplier> probes) {
        Map<String, Long> times = new LinkedHashMap<>();
        Map<String, Throwable> last = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(probes.keySet().stream().sorted().toList());
        while (!pending.isEmpty() && System.nanoTime() - start < OBSERVED.toNanos()) {
            for (String node : List.copyOf(pending)) {
                try {
                    if (probes.get(node).getAsBoolean()) {
                        times.put(node, (System.nanoTime() - start) / 1_000_000);
                        pending.remove(node);
                    }
                }
                catch (RuntimeException | AssertionError ex) {
                    last.put(node, ex);
                }
            }
            sleep(50);
        }
        pending.forEach((node) -> times.put(node, -1L));
        StringBuilder line = new StringBuilder("Cluster propagation, ").append(change).append(':');
        times.forEach((node, millis) -> line.append(' ').append(node).append(' ')
            .append((millis >= 0) ? millis + " ms" : "not applied within " + OBSERVED.toSeconds() + " s"
                    + (last.containsKey(node) ? " (last probe: " + last.get(node) + ")" : "")));
        System.out.println(line);
        return times;
    }

    private static void assertWithin(Map<String, Long> times) {
        times.forEach((node, millis) -> {
            assertThat(millis).as("%s: ms until applied (-1: not within %s s)", node, OBSERVED.toSeconds())
                .isBetween(0L, PROPAGATION.toMillis());
        });
    }

    private static String state(Node node, String binding) {
        AdminApi.Response response = node.api().get("/api/bindings/" + binding);
        return (response.status() == 200) ? response.json().get("state").asString() : "status " + response.status();
    }

    /**
     * What one node reports, in another's {@code GET /api/nodes}, of one of its bindings.
     * @param asker the node asked
     * @param about the node reported on
     * @param binding the binding's name
     * @return the binding's entry, or {@code null} when it is not listed
     */
    private static JsonNode nodeBinding(Node asker, Node about, String binding) {
        String id = id(about);
        AdminApi.Response response = asker.api().get("/api/nodes");
        assertThat(response.status()).as("GET /api/nodes on %s: %s", asker.name, response.body()).isEqualTo(200);
        for (JsonNode entry : response.json()) {
            if (id.equals(text(entry, "id"))) {
                for (JsonNode listed : entry.get("bindings")) {
                    if (binding.equals(text(listed, "name"))) {
                        return listed;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * A node's id, as it reports itself ({@code self: true}) in its own list of nodes.
     */
    private static String id(Node node) {
        if (node.id == null) {
            AdminApi.Response response = node.api().get("/api/nodes");
            assertThat(response.status()).as("GET /api/nodes on %s: %s", node.name, response.body()).isEqualTo(200);
            for (JsonNode entry : response.json()) {
                if (entry.get("self").asBoolean()) {
                    node.id = text(entry, "id");
                }
            }
            assertThat(node.id).as("%s's own entry in %s", node.name, response.body()).isNotNull();
        }
        return node.id;
    }

    private static String fingerprintIn(JsonNode binding) {
        String fingerprint = (binding != null) ? text(binding, "fingerprint") : null;
        return (fingerprint != null) ? fingerprint.replace(":", "").toLowerCase(Locale.ROOT) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value == null || value.isNull()) ? null : value.asString();
    }

    private static boolean answers(String address, int port) {
        HttpExchange.Response response = HttpExchange.get("http://" + address + ":" + port + "/");
        return response.status() > 0;
    }

    private static String served(Node node) {
        return TlsProbe.handshake("127.0.0.1", node.securePort, "localhost", null, null).fingerprint();
    }

    private static String hsts(Node node) {
        return HttpExchange.get("https://127.0.0.1:" + node.securePort + "/").header(HSTS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * One portal process of the three.
     */
    private static final class Node {

        private final String name;

        private final String address;

        private final int webPort;

        private final int securePort;

        private final PortalProcess process;

        private String id;

        private String token;

        Node(String name, String address, int webPort, int securePort, PortalProcess process) {
            this.name = name;
            this.address = address;
            this.webPort = webPort;
            this.securePort = securePort;
            this.process = Objects.requireNonNull(process);
        }

        String base() {
            return "http://127.0.0.1:" + this.webPort;
        }

        AdminApi api() {
            return AdminApi.bearer(base(), this.token);
        }

    }

}
