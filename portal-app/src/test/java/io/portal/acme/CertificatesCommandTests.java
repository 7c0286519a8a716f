package io.portal.acme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portal.cli.PortalCli;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.Await;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.portal.acme.AcmeTestSupport.served;
import static io.portal.acme.AcmeTestSupport.webPort;
import static io.portal.acme.AcmeTestSupport.withPublicCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar portal.jar certificates renew NAME}, against the real Pebble ACME
 * server, with and without a running portal, on PostgreSQL and on the embedded H2.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificatesCommandTests {

    @TempDir
    Path dir;

    @Test
    void aShellOnAnotherNodeRenewsThroughTheSharedPostgresStoreAndTheRunningPortalPicksItUp(CapturedOutput log) throws Exception {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (TestPostgres.Schema schema = TestPostgres.schema(); Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(schema.configure(pebble.configure(settings)), time)) {
            time.runDue();
            X509Certificate first = served(settings);
            Map<String, Object> otherNode = new java.util.LinkedHashMap<>(settings);
            otherNode.put("portal.data-dir", this.dir.resolve("other-node"));
            otherNode.put("portal.master-key", java.nio.file.Files.readString(this.dir.resolve("data/master.key")).strip());

            Result result = run(otherNode, "certificates", "renew", "public");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("HTTP-01 challenges are answered by a portal that shares this store")
                .contains("Renewed certificate 'public' for [localhost]")
                .contains("Running portals that share this store serve it within about 2 s (PostgreSQL announces the change "
                        + "to them), and at the latest within 5 s (portal.acme.poll-interval).");
            assertThat(log).contains("ACME certificate 'public': answered the HTTP-01 challenge for localhost");

            // Announced by PostgreSQL: no poll (the portal's scheduler is not advanced here) is needed.
            Await.until("the running portal to serve the renewed certificate", Duration.ofSeconds(2),
                    () -> !served(settings).getSerialNumber().equals(first.getSerialNumber()));
            assertThat(pebble.accountsCreated()).isEqualTo(1);
        }
    }

    @Test
    void withAPortalRunningInTheDataDirectoryTheShellHasItRenewThroughItsApi() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();
            X509Certificate first = served(settings);

            Result result = run(settings, "certificates", "renew", "public");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("Renewing certificate 'public' on the portal running in " + this.dir.resolve("data"))
                .contains("Renewed certificate 'public' for [localhost]");
            assertThat(served(settings).getSerialNumber()).as("served at once").isNotEqualTo(first.getSerialNumber());
            assertThat(this.dir.resolve("data").resolve("acme-requests")).doesNotExist();

            Result unknown = run(settings, "certificates", "renew", "nope");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("There is no certificate 'nope'.").hasLineCount(1);
        }
    }

    @Test
    void withNoPortalRunningTheShellAnswersTheChallengeItselfAndTheNextStartServesTheNewCertificate() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        try (Pebble pebble = Pebble.on(webPort(settings)).start()) {
            pebble.configure(settings);
            ManualTime time = new ManualTime();
            X509Certificate first;
            try (PortalInstance portal = PortalInstance.start(settings, time)) {
                time.runDue();
                first = served(settings);
            }

            Result result = run(settings, "certificates", "renew", "public");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("HTTP-01 challenges are answered here on web (port " + webPort(settings) + ")")
                .contains("  order: Ordered a certificate for [localhost]")
                .contains("Renewed certificate 'public' for [localhost]")
                .contains("The portal serves it when it starts.");
            try (PortalInstance portal = PortalInstance.start(settings, new ManualTime())) {
                X509Certificate now = served(settings);
                assertThat(now.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
                assertThat(result.out()).contains(now.getSerialNumber().toString(16));
            }
        }
    }

    @Test
    void aCertificateRequestedAtRuntimeIsRenewedFromTheShellAndTheNextStartServesIt() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int port = FreePorts.next();
        try (Pebble pebble = Pebble.on(webPort(settings)).start()) {
            pebble.configure(settings);
            ManualTime time = new ManualTime();
            X509Certificate first;
            try (PortalInstance portal = PortalInstance.start(settings, time)) {
                assertThat(portal.api().post("/api/certificates/acme", RuntimeAcmeCertificatesTests.REQUEST).status()).isEqualTo(202);
                portal.api().post("/api/bindings", "{\"name\":\"shop\",\"scheme\":\"https\",\"port\":" + port
                        + ",\"sslBundle\":\"shop\"}");
                time.runDue();
                first = TlsProbe.handshake(port, "localhost").leaf();
            }

            Result result = run(settings, "certificates", "renew", "shop");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("Renewed certificate 'shop' for [localhost]");
            try (PortalInstance portal = PortalInstance.start(settings, new ManualTime())) {
                X509Certificate now = TlsProbe.handshake(port, "localhost").leaf();
                assertThat(now.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            }
            assertThat(pebble.accountsCreated()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesOfTheAcmeCertificates() {
        PortalInstance.start(PortalInstance.settings(this.dir.resolve("data"))).close();
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        settings.put("portal.acme.directory", "https://127.0.0.1:9/dir");
        settings.put("portal.acme.accept-terms-of-service", true);

        Result result = run(settings, "certificates", "renew", "portal");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("There is no ACME certificate 'portal'; the ACME certificates are: public.\n");
    }

    @Test
    void withoutANameTheCommandSaysHowToUseIt() {
        Result result = run(Map.of(), "certificates");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Usage: java -jar portal.jar certificates renew NAME [--url=https://host:port] "
                + "[--portal.data-dir=...]\n");
    }

    private static Result run(Map<String, Object> settings, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = PortalCli.run(arguments(settings, command), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] arguments(Map<String, Object> settings, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    record Result(int exitCode, String out, String err) {
    }

}
