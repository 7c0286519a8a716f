package io.portal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input in the configuration stops startup with one description that names the
 * binding or bundle, the cause and the fix, and no stack trace in place of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

    @TempDir
    Path dir;

    private Map<String, Object> settings;

    private Issued ca;

    @BeforeEach
    void setUp() {
        this.settings = PortalInstance.settings(this.dir.resolve("data"));
        this.ca = TestCertificates.ca("Test CA");
    }

    @Test
    void twoBindingsOnOnePortAndAddress(CapturedOutput output) {
        this.settings.put("portal.bindings.other.port", this.settings.get("portal.bindings.web.port"));
        assertFailure(output, "Binding 'web' uses port " + this.settings.get("portal.bindings.web.port")
                + " on every interface, which binding 'other' already uses", "Give portal.bindings.web.port another port");
    }

    @Test
    void portOutsideTheValidRange(CapturedOutput output) {
        this.settings.put("portal.bindings.web.port", 70000);
        assertFailure(output, "Binding 'web' has port 70000, which is outside 1-65535", "Set portal.bindings.web.port");
    }

    @Test
    void portZero(CapturedOutput output) {
        this.settings.put("portal.bindings.secure.port", 0);
        assertFailure(output, "Binding 'secure' has port 0, which is outside 1-65535", "such as 443 or 8443");
    }

    @Test
    void portAlreadyInUse(CapturedOutput output) throws IOException {
        int port = (int) this.settings.get("portal.bindings.web.port");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(port));
            assertFailure(output, "Binding 'web' cannot listen on *:" + port + ": the port is already in use by another process",
                    "Stop the process that listens on port " + port);
        }
    }

    @Test
    void httpsBindingWithoutABundle(CapturedOutput output) {
        this.settings.put("portal.bindings.extra.scheme", "https");
        this.settings.put("portal.bindings.extra.port", FreePorts.next());
        assertFailure(output, "Binding 'extra' is HTTPS but has no certificate (ssl-bundle is not set)",
                "Set portal.bindings.extra.ssl-bundle to an SSL bundle: portal");
    }

    @Test
    void http2OnAPlainHttpBinding(CapturedOutput output) {
        this.settings.put("portal.bindings.web.http2", "true");
        assertFailure(output, "Binding 'web' is plain HTTP but sets http2; HTTP/2 is offered on HTTPS bindings only",
                "Remove portal.bindings.web.http2, or set portal.bindings.web.scheme=https.");
    }

    @Test
    void unknownBundle(CapturedOutput output) {
        this.settings.put("portal.bindings.secure.ssl-bundle", "missing");
        assertFailure(output, "Binding 'secure' uses SSL bundle 'missing', which does not exist",
                "or use an existing bundle: portal");
    }

    @Test
    void missingKeyStoreFile(CapturedOutput output) {
        useBundle("spring.ssl.bundle.jks.web.keystore.location", "file:" + this.dir.resolve("nowhere.p12"),
                "spring.ssl.bundle.jks.web.keystore.password", "x");
        assertFailure(output, "SSL bundle 'web' (spring.ssl.bundle.jks.web, used by binding 'secure') cannot be used: "
                + "a file it names does not exist (keystore file:" + this.dir.resolve("nowhere.p12") + ")",
                "Correct the path in spring.ssl.bundle.jks.web");
    }

    @Test
    void wrongKeyStorePassword(CapturedOutput output) {
        Path file = TestCertificates.leaf(this.ca, "portal.test").writePkcs12(this.dir.resolve("web.p12"), "right", "web");
        useBundle("spring.ssl.bundle.jks.web.keystore.location", "file:" + file,
                "spring.ssl.bundle.jks.web.keystore.password", "wrong");
        assertFailure(output, "SSL bundle 'web' (spring.ssl.bundle.jks.web, used by binding 'secure') cannot be used: "
                + "the key store password is wrong", "Set spring.ssl.bundle.jks.web.keystore.password");
        assertThat(output).doesNotContain("right").doesNotContain("=wrong");
    }

    @Test
    void keyStoreWithoutPrivateKey(CapturedOutput output) {
        Path file = TestCertificates.leaf(this.ca, "portal.test").writePkcs12WithoutKey(this.dir.resolve("web.p12"), "pw");
        useBundle("spring.ssl.bundle.jks.web.keystore.location", "file:" + file,
                "spring.ssl.bundle.jks.web.keystore.password", "pw");
        assertFailure(output, "cannot be used: the key store holds only certificates ('certificate'), no private key",
                "export the PFX/PKCS12 with its private key");
    }

    @Test
    void aliasNotFound(CapturedOutput output) {
        Path file = TestCertificates.leaf(this.ca, "portal.test").writeJks(this.dir.resolve("web.jks"), "pw", "tomcat");
        useBundle("spring.ssl.bundle.jks.web.keystore.location", "file:" + file,
                "spring.ssl.bundle.jks.web.keystore.password", "pw", "spring.ssl.bundle.jks.web.keystore.type", "JKS",
                "spring.ssl.bundle.jks.web.key.alias", "portal");
        assertFailure(output, "cannot be used: the alias 'portal' is not in the key store, which holds 'tomcat'",
                "Set spring.ssl.bundle.jks.web.key.alias to one of 'tomcat'");
    }

    @Test
    void privateKeyNotMatchingTheCertificate(CapturedOutput output) {
        Issued one = TestCertificates.leaf(this.ca, "portal.test");
        Issued other = TestCertificates.leaf(this.ca, "other.test");
        useBundle("spring.ssl.bundle.pem.web.keystore.certificate", "file:" + one.writeCertificatePem(this.dir.resolve("c.pem")),
                "spring.ssl.bundle.pem.web.keystore.private-key", "file:" + other.writeKeyPem(this.dir.resolve("k.pem")));
        assertFailure(output, "SSL bundle 'web' (spring.ssl.bundle.pem.web, used by binding 'secure') cannot be used: "
                + "the private key does not belong to the certificate for CN=portal.test",
                "Pair the certificate with the private key that was generated with it");
    }

    @Test
    void malformedPem(CapturedOutput output) {
        Issued one = TestCertificates.leaf(this.ca, "portal.test");
        Path broken = TestCertificates.write(this.dir.resolve("c.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        useBundle("spring.ssl.bundle.pem.web.keystore.certificate", "file:" + broken,
                "spring.ssl.bundle.pem.web.keystore.private-key", "file:" + one.writeKeyPem(this.dir.resolve("k.pem")));
        assertFailure(output, "SSL bundle 'web' (spring.ssl.bundle.pem.web, used by binding 'secure') cannot be used: "
                + "its PEM content cannot be parsed", "-----BEGIN CERTIFICATE-----");
    }

    @Test
    void expiredCertificateStartsWithALoudWarningShownOnTheHomePage(CapturedOutput output) {
        Issued expired = TestCertificates.leaf(this.ca, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)), "old.portal.test");
        useBundle("spring.ssl.bundle.pem.web.keystore.certificate", "file:" + expired.writeCertificatePem(this.dir.resolve("c.pem")),
                "spring.ssl.bundle.pem.web.keystore.private-key", "file:" + expired.writeKeyPem(this.dir.resolve("k.pem")));
        try (PortalInstance portal = PortalInstance.start(this.settings)) {
            assertThat(output).contains("!!! Certificate of SSL bundle 'web' (CN=old.portal.test) expired on");
            String home = HttpExchange.getAsAdmin("http://127.0.0.1:" + this.settings.get("portal.bindings.web.port") + "/").body();
            assertThat(home).contains("Warning: this certificate expired on");
        }
    }

    @Test
    void notYetValidCertificateStartsWithAWarning(CapturedOutput output) {
        Issued future = TestCertificates.leaf(this.ca, Instant.now().plus(Duration.ofDays(2)),
                Instant.now().plus(Duration.ofDays(30)), "new.portal.test");
        useBundle("spring.ssl.bundle.pem.web.keystore.certificate", "file:" + future.writeCertificatePem(this.dir.resolve("c.pem")),
                "spring.ssl.bundle.pem.web.keystore.private-key", "file:" + future.writeKeyPem(this.dir.resolve("k.pem")));
        try (PortalInstance portal = PortalInstance.start(this.settings)) {
            assertThat(output).contains("(CN=new.portal.test) not valid until");
        }
    }

    private void useBundle(String... keysAndValues) {
        this.settings.put("portal.bindings.secure.ssl-bundle", "web");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            this.settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    private void assertFailure(CapturedOutput output, String description, String action) {
        PortalInstance.startExpectingFailure(this.settings);
        String text = output.toString();
        assertThat(text).contains("APPLICATION FAILED TO START");
        String report = text.substring(text.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:").contains(description);
        assertThat(report.substring(report.indexOf("Action:"))).contains(action);
    }

}
