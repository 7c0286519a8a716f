package io.portal.server;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * HTTPS bindings offer what a modern scanner expects: TLS 1.2 and 1.3, forward-secret AEAD
 * suites only, unless a binding says otherwise.
 */
class TlsDefaultsTests {

    @TempDir
    static Path dir;

    static PortalInstance portal;

    static int port;

    static int tls13Port;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("data"));
        port = (int) settings.get("portal.bindings.secure.port");
        tls13Port = io.portal.testsupport.FreePorts.next();
        settings.put("portal.bindings.modern.scheme", "https");
        settings.put("portal.bindings.modern.port", tls13Port);
        settings.put("portal.bindings.modern.ssl-bundle", "portal");
        settings.put("portal.bindings.modern.protocols", "TLSv1.3");
        portal = PortalInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void tls13IsNegotiatedByDefault() {
        TlsProbe.Handshake handshake = TlsProbe.handshake(port);
        assertThat(handshake.protocol()).isEqualTo("TLSv1.3");
        assertThat(handshake.cipherSuite()).isIn("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void tls12IsAcceptedWithAForwardSecretAeadSuite() {
        TlsProbe.Handshake handshake = TlsProbe.handshake("127.0.0.1", port, null, new String[] { "TLSv1.2" }, null);
        assertThat(handshake.protocol()).isEqualTo("TLSv1.2");
        assertThat(handshake.cipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
    }

    @Test
    void cbcSuitesAreRefused() {
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> TlsProbe.handshake("127.0.0.1", port, null,
                new String[] { "TLSv1.2" }, new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" }));
    }

    @Test
    void tls11IsRefusedEvenWhenTheClientInsists() throws Exception {
        String output = openssl("-tls1_1", port);
        assertThat(output).containsAnyOf("alert protocol version", "no protocols available", "unsupported protocol");
        assertThat(output).contains("Cipher is (NONE)");
    }

    @Test
    void aBindingCanAllowOnlyTls13() throws Exception {
        assertThat(TlsProbe.handshake(tls13Port).protocol()).isEqualTo("TLSv1.3");
        assertThatExceptionOfType(UncheckedIOException.class)
            .isThrownBy(() -> TlsProbe.handshake("127.0.0.1", tls13Port, null, new String[] { "TLSv1.2" }, null));
    }

    private static String openssl(String option, int port) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, option).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes());
    }

}
