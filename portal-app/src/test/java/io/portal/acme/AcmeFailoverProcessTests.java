package io.portal.acme;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.Await;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.PortalProcess;
import io.portal.testsupport.TestPostgres;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three portal nodes, each the packaged jar in its own process, share one PostgreSQL store
 * and master key and obtain their certificate from the real Pebble. The node that holds
 * the issuance lock is killed with SIGKILL in the middle of its order (the CA's validation
 * request is held by a controlled challenge responder in front of the nodes, so the kill
 * lands while the order runs). Pebble sees no second order while the dead node's lease is
 * held; once it has run out, one of the others completes the certificate, and both survivors
 * serve it within two seconds.
 */
class AcmeFailoverProcessTests {

    @TempDir
    Path dir;

    @Test
    void whenTheNodeHoldingTheIssuanceLockDiesMidOrderAnotherCompletesItOnceTheLeaseRunsOutAndAllServeIt() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = Map.of("PORTAL_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        try (TestPostgres.Schema schema = TestPostgres.schema();
                ChallengeResponder responder = new ChallengeResponder();
                Pebble pebble = Pebble.on(responder.port()).start()) {
            Map<String, Object> a = node(schema, pebble, "a");
            Map<String, Object> b = node(schema, pebble, "b");
            Map<String, Object> c = node(schema, pebble, "c");

            // The nodes start at once; whichever takes the issuance lock first orders, and is the one killed.
            try (PortalProcess nodeA = PortalProcess.start(this.dir.resolve("a"), environment, arguments(a));
                    PortalProcess nodeB = PortalProcess.start(this.dir.resolve("b"), environment, arguments(b));
                    PortalProcess nodeC = PortalProcess.start(this.dir.resolve("c"), environment, arguments(c))) {
                responder.awaitHeld(Duration.ofSeconds(180));
                String owner = lockOwner(schema);
                Map<PortalProcess, Map<String, Object>> nodes = new LinkedHashMap<>();
                nodes.put(nodeA, a);
                nodes.put(nodeB, b);
                nodes.put(nodeC, c);
                PortalProcess victim = nodes.keySet().stream().filter((node) -> owner.startsWith(node.pid() + "@")).findFirst()
                    .orElseThrow(() -> new AssertionError("no node holds the lock: " + owner));
                int victimPort = (int) nodes.get(victim).get("portal.bindings.secure.port");
                nodes.remove(victim);
                Map<String, Object> first = nodes.values().iterator().next();
                responder.forwardTo((int) first.get("portal.bindings.web.port"));
                Instant leaseEnds = leaseEnd(schema);

                victim.kill();
                Instant killed = Instant.now();
                responder.release();
                assertThat(leaseEnds).as("a dead node's lease runs out within a minute of its death")
                    .isBefore(killed.plus(Duration.ofMinutes(1)));
                while (Instant.now().isBefore(leaseEnds)) {
                    assertThat(pebble.ordersCreated()).as("orders while the dead node's lease is held").isEqualTo(1);
                    Thread.sleep(250);
                }

                // One of the two survivors takes over and obtains it; both serve it within two seconds.
                Pattern issued = Pattern.compile("ACME certificate 'public' \\[issued\\]");
                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                PortalProcess renewer = null;
                while (renewer == null) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("No survivor obtained the certificate within 4 minutes of the lease's end; their logs:\n"
                                + String.join("\n----\n", nodes.keySet().stream().map(PortalProcess::output).toList()));
                    }
                    renewer = nodes.keySet().stream().filter((node) -> issued.matcher(node.output()).find()).findFirst().orElse(null);
                    Thread.sleep(50);
                }
                Instant obtained = Instant.now();
                System.out.printf("takeover: certificate obtained by a survivor %d s after the kill (lease ended %d s after it)%n",
                        Duration.between(killed, obtained).toSeconds(), Duration.between(killed, leaseEnds).toSeconds());
                assertThat(renewer.output()).as("the survivor found the certificate being obtained while the lease held")
                    .contains("Certificate 'public' is being obtained by another portal node");
                String fingerprint = null;
                for (Map<String, Object> survivor : nodes.values()) {
                    int port = (int) survivor.get("portal.bindings.secure.port");
                    X509Certificate served = Await.until("every survivor to serve the issued certificate", Duration.ofSeconds(2),
                            () -> {
                                X509Certificate leaf = TlsProbe.handshake(port, "localhost").leaf();
                                return leaf.getIssuerX500Principal().getName().contains("Pebble Intermediate CA") ? leaf : null;
                            });
                    if (fingerprint != null) {
                        assertThat(TlsProbe.fingerprint(served)).as("the same certificate on every node").isEqualTo(fingerprint);
                    }
                    fingerprint = TlsProbe.fingerprint(served);
                }
                assertThat(pebble.ordersCreated()).as("orders in all: the dead node's, then the survivor's").isEqualTo(2);
                nodes.keySet().forEach((node) -> assertThat(node.output()).doesNotContain("PRIVATE KEY"));

                // The killed node stays listed, with the bindings it reported as soon as it listened
                // (before it took the lock), marked stale once it has missed three heartbeats (30 s;
                // it has been dead longer by now); the survivors are not.
                AdminApi survivorApi = AdminApi.basic("http://127.0.0.1:" + first.get("portal.bindings.web.port"), "admin",
                        PortalInstance.ADMIN_PASSWORD);
                AtomicReference<JsonNode> seen = new AtomicReference<>();
                JsonNode listed;
                try {
                    listed = Await.until("the killed node listed as stale", Duration.ofSeconds(15), () -> {
                        JsonNode all = survivorApi.get("/api/nodes").json();
                        seen.set(all);
                        boolean ok = all.size() == 3;
                        for (JsonNode node : all) {
                            boolean dead = node.get("bindings").findValues("port").stream().anyMatch((p) -> p.asInt() == victimPort);
                            ok &= node.get("stale").asBoolean() == dead;
                        }
                        return ok ? all : null;
                    });
                }
                catch (AssertionError ex) {
                    throw new AssertionError(ex.getMessage() + "; GET /api/nodes last answered: " + seen.get()
                            + " (the killed node's secure port: " + victimPort + ")", ex);
                }
                System.out.println("nodes after the kill: " + listed);
            }
        }
    }

    private static List<String> arguments(Map<String, Object> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    private Map<String, Object> node(TestPostgres.Schema schema, Pebble pebble, String name) {
        Map<String, Object> settings = new LinkedHashMap<>(PortalInstance.settings(this.dir.resolve(name).resolve("data")));
        schema.configure(settings);
        pebble.configure(settings);
        settings.put("portal.certificates.public.acme.domains", "localhost");
        settings.put("portal.bindings.secure.ssl-bundle", "public");
        settings.put("logging.level.io.portal", "INFO");
        return settings;
    }

    private static String lockOwner(TestPostgres.Schema schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(schema.url(), schema.username(), schema.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select owner from acme_lock where name = 'public'")) {
            assertThat(rows.next()).as("the issuance lock is held").isTrue();
            return rows.getString(1);
        }
    }

    private static Instant leaseEnd(TestPostgres.Schema schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(schema.url(), schema.username(), schema.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select expires_at from acme_lock where name = 'public'")) {
            assertThat(rows.next()).as("the issuance lock is held").isTrue();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * What the CA's validation requests reach: holds each until released, then forwards it
     * to a node's HTTP binding, which answers from the shared store.
     */
    static final class ChallengeResponder implements AutoCloseable {

        private final HttpServer server;

        private final CountDownLatch released = new CountDownLatch(1);

        private final AtomicInteger held = new AtomicInteger();

        private volatile int target;

        ChallengeResponder() throws IOException {
            this.server = HttpServer.create(new InetSocketAddress(FreePorts.next()), 50);
            this.server.setExecutor(Executors.newCachedThreadPool());
            this.server.createContext("/", (exchange) -> {
                this.held.incrementAndGet();
                byte[] body;
                int status;
                try {
                    this.released.await(5, TimeUnit.MINUTES);
                    HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + this.target + exchange.getRequestURI())).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    status = 503;
                    body = new byte[0];
                }
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.readAllBytes();
                    exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
                    out.write(body);
                }
            });
            this.server.start();
        }

        int port() {
            return this.server.getAddress().getPort();
        }

        void forwardTo(int port) {
            this.target = port;
        }

        void awaitHeld(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (this.held.get() == 0) {
                assertThat(System.nanoTime()).as("a validation request from the CA").isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void release() {
            this.released.countDown();
        }

        @Override
        public void close() {
            this.released.countDown();
            this.server.stop(0);
        }

    }

}
