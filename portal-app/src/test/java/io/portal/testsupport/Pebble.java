package io.portal.testsupport;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Pebble ACME test server (Let's Encrypt's test CA) for a test: the Debian
 * package's {@code pebble} as a process where it is on the PATH, else the
 * {@code ghcr.io/letsencrypt/pebble} image through Testcontainers where Docker runs.
 * With neither, the test is skipped, or fails when {@code CI=true}.
 * <p>
 * Pebble listens on free loopback ports, validates HTTP-01 challenges against
 * {@code httpPort} (the portal's HTTP binding) and runs without its artificial validation
 * delay. Pebble ships no TLS certificate, so one is made here, issued by a test CA that
 * the portal trusts through {@code portal.acme.trust-store}.
 */
public final class Pebble implements AutoCloseable {

    private static final Pattern ACCOUNTS = Pattern.compile("There are now \\d+ accounts in memory");

    private static final Pattern ORDERS = Pattern.compile("Added order \"[^\"]+\" to the db");

    private final Settings settings;

    private final Path directory;

    private final int listenPort = FreePorts.next();

    private final int managementPort = FreePorts.next();

    private final TestCertificates.Issued ca = TestCertificates.ca("Pebble listener test CA");

    private final Path trustStore;

    private final StringBuilder previousLogs = new StringBuilder();

    private Runner runner;

    private Pebble(Settings settings) {
        this.settings = settings;
        try {
            this.directory = Files.createTempDirectory("pebble");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        TestCertificates.Issued listener = TestCertificates.leaf(this.ca, "localhost", "127.0.0.1");
        TestCertificates.write(this.directory.resolve("cert.pem"), TestCertificates.pem(listener.chain()));
        TestCertificates.write(this.directory.resolve("key.pem"), TestCertificates.pem(listener.key()));
        this.trustStore = TestCertificates.write(this.directory.resolve("trust.pem"), TestCertificates.pem(java.util.List.of(this.ca.leaf())));
    }

    /**
     * Settings for a Pebble that validates challenges on the given port.
     * @param httpPort the port of the portal's HTTP binding
     * @return the settings
     */
    public static Settings on(int httpPort) {
        return new Settings(httpPort);
    }

    public String directoryUrl() {
        return "https://localhost:" + this.listenPort + "/dir";
    }

    public Path trustStore() {
        return this.trustStore;
    }

    /**
     * Add the settings that make a portal use this Pebble.
     * @param portal the portal's settings
     * @return the same settings
     */
    public Map<String, Object> configure(Map<String, Object> portal) {
        portal.put("portal.acme.directory", directoryUrl());
        portal.put("portal.acme.trust-store", "file:" + this.trustStore);
        portal.put("portal.acme.accept-terms-of-service", true);
        portal.put("portal.acme.email", "ops@portal.test");
        return portal;
    }

    /**
     * The root certificate Pebble issues under, from its management API.
     * @return the root
     */
    public X509Certificate root() {
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(sslContext()).build();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + this.managementPort + "/roots/0")).build(), HttpResponse.BodyHandlers.ofByteArray());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(response.body()));
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot read Pebble's root certificate", ex);
        }
    }

    /**
     * What Pebble logged since it was first started.
     * @return the log
     */
    public String log() {
        return this.previousLogs + ((this.runner != null) ? this.runner.log() : "");
    }

    public int accountsCreated() {
        return count(ACCOUNTS);
    }

    public int ordersCreated() {
        return count(ORDERS);
    }

    private int count(Pattern pattern) {
        Matcher matcher = pattern.matcher(log());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * Stop Pebble; it forgets its accounts, orders and root.
     */
    public void stop() {
        if (this.runner != null) {
            this.previousLogs.append(this.runner.log());
            this.runner.stop();
            this.runner = null;
        }
    }

    /**
     * Start Pebble (again) on the same ports.
     * @return this
     */
    public Pebble start() {
        writeConfig();
        this.runner = onPath() ? new ProcessRunner() : new ContainerRunner();
        this.runner.start();
        Await.until("Pebble to listen on port " + this.listenPort, Duration.ofSeconds(30), () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", this.listenPort), 200);
                return true;
            }
            catch (IOException ex) {
                return false;
            }
        });
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() {
        String certDir = onPath() ? this.directory.toString() : "/test/portal";
        Map<String, Object> pebble = new LinkedHashMap<>();
        pebble.put("listenAddress", "127.0.0.1:" + this.listenPort);
        pebble.put("managementListenAddress", "127.0.0.1:" + this.managementPort);
        pebble.put("certificate", certDir + "/cert.pem");
        pebble.put("privateKey", certDir + "/key.pem");
        pebble.put("httpPort", this.settings.httpPort);
        pebble.put("tlsPort", this.settings.tlsPort);
        pebble.put("ocspResponderURL", "");
        pebble.put("externalAccountBindingRequired", !this.settings.externalAccounts.isEmpty());
        if (!this.settings.externalAccounts.isEmpty()) {
            pebble.put("externalAccountMACKeys", this.settings.externalAccounts);
        }
        if (this.settings.validity != null) {
            pebble.put("certificateValidityPeriod", this.settings.validity.toSeconds());
        }
        TestCertificates.write(this.directory.resolve("pebble-config.json"), "{\"pebble\":" + json(pebble) + "}");
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PEBBLE_VA_NOSLEEP", "1");
        environment.put("PEBBLE_WFE_NONCEREJECT", String.valueOf(this.settings.nonceReject));
        return environment;
    }

    private SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", this.ca.leaf());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static boolean onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pebble"))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder json = new StringBuilder("{");
            ((Map<String, Object>) map).forEach((key, item) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(key).append("\":").append(json(item)));
            return json.append('}').toString();
        }
        return (value instanceof String) ? "\"" + value + "\"" : String.valueOf(value);
    }

    /**
     * What Pebble should do.
     */
    public static final class Settings {

        private final int httpPort;

        private final int tlsPort = FreePorts.next();

        private Duration validity;

        private int nonceReject;

        private final Map<String, Object> externalAccounts = new LinkedHashMap<>();

        private Settings(int httpPort) {
            this.httpPort = httpPort;
        }

        /**
         * How long the certificates Pebble issues are valid (Pebble's default: 5 years).
         * @param validity the validity
         * @return these settings
         */
        public Settings validity(Duration validity) {
            this.validity = validity;
            return this;
        }

        /**
         * Percentage of valid nonces Pebble rejects as bad (default here: 0).
         * @param percent the percentage
         * @return these settings
         */
        public Settings rejectNonces(int percent) {
            this.nonceReject = percent;
            return this;
        }

        /**
         * Require external account binding, with one key.
         * @param keyId the key identifier
         * @param hmacKey the base64url HMAC key
         * @return these settings
         */
        public Settings requireExternalAccount(String keyId, String hmacKey) {
            this.externalAccounts.put(keyId, hmacKey);
            return this;
        }

        public Pebble start() {
            return new Pebble(this).start();
        }

    }

    private interface Runner {

        void start();

        String log();

        void stop();

    }

    private final class ProcessRunner implements Runner {

        private final Path logFile = Pebble.this.directory.resolve("pebble-" + System.nanoTime() + ".log");

        private Process process;

        @Override
        public void start() {
            ProcessBuilder builder = new ProcessBuilder("pebble", "-config", directory.resolve("pebble-config.json").toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(this.logFile.toFile());
            builder.environment().putAll(environment());
            try {
                this.process = builder.start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot start pebble", ex);
            }
        }

        @Override
        public String log() {
            try {
                return Files.readString(this.logFile, StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                return "";
            }
        }

        @Override
        public void stop() {
            this.process.destroy();
            try {
                if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    this.process.destroyForcibly().waitFor();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

    }

    /**
     * Pebble in Docker, on the host's network so that it reaches the portal on loopback.
     */
    private final class ContainerRunner implements Runner {

        private org.testcontainers.containers.GenericContainer<?> container;

        @Override
        public void start() {
            boolean docker;
            try {
                docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            }
            catch (Throwable ex) {
                docker = false;
            }
            if (!docker) {
                String reason = "Neither the pebble command (Debian package 'pebble') nor Docker is available";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(reason + ", and CI=true requires the ACME tests to run.");
                }
                Assumptions.abort(reason + "; skipping the ACME test.");
            }
            this.container = new org.testcontainers.containers.GenericContainer<>("ghcr.io/letsencrypt/pebble:latest")
                .withNetworkMode("host")
                .withEnv(environment())
                .withCopyFileToContainer(org.testcontainers.utility.MountableFile.forHostPath(directory), "/test/portal")
                .withCommand("-config", "/test/portal/pebble-config.json");
            this.container.start();
        }

        @Override
        public String log() {
            return (this.container != null) ? this.container.getLogs() : "";
        }

        @Override
        public void stop() {
            if (this.container != null) {
                this.container.stop();
            }
        }

    }

}
