package io.portal.certificate;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;

import io.portal.store.MasterKey;
import io.portal.store.SecretCipher;
import io.portal.store.SecretUnreadableException;
import io.portal.system.PortalDefaults;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The zero-configuration certificate: generated on first start, kept, served again after a
 * restart, and unreadable in the database without the master key.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfSignedCertificateTests {

    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesACertificateThatTheSecondStartServesAgain() throws Exception {
        Path data = this.dir.resolve("data");
        Map<String, Object> settings = PortalInstance.settings(data);
        int securePort = (int) settings.get("portal.bindings.secure.port");
        int webPort = (int) settings.get("portal.bindings.web.port");
        String first;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            TlsProbe.Handshake handshake = TlsProbe.handshake(securePort);
            first = handshake.fingerprint();
            assertThat(handshake.leaf().getSubjectAlternativeNames().stream().map((n) -> String.valueOf(n.get(1))).toList())
                .contains("localhost", "127.0.0.1", InetAddress.getLocalHost().getHostName());
            assertThat(handshake.leaf().getPublicKey().getAlgorithm()).isEqualTo("EC");
            String home = HttpExchange.getAsAdmin("http://127.0.0.1:" + webPort + "/").body();
            assertThat(home).contains("CN=localhost").contains("(self-signed)").contains(first)
                .contains(handshake.leaf().getNotAfter().toInstant().toString().substring(0, 10));
            String pem = HttpExchange.getAsAdmin("http://127.0.0.1:" + webPort + "/certificates/portal.pem").body();
            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        }
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(TlsProbe.handshake(securePort).fingerprint()).isEqualTo(first);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("master.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }

    @Test
    void thePrivateKeyIsNotReadableInTheDatabaseWithoutTheMasterKey() throws Exception {
        Path data = this.dir.resolve("data");
        Map<String, Object> settings = PortalInstance.settings(data);
        byte[] privateKey;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            privateKey = portal.bean(ManagedCertificateStore.class).find("portal").orElseThrow().material().privateKey().getEncoded();
        }
        String sealed;
        try (Connection connection = DriverManager.getConnection(PortalDefaults.h2Url(data), "", "");
                ResultSet rs = connection.createStatement().executeQuery("select private_key from managed_certificate where name = 'portal'")) {
            assertThat(rs.next()).isTrue();
            sealed = rs.getString(1);
        }
        assertThat(sealed).doesNotContain("PRIVATE KEY").doesNotContain(Base64.getEncoder().encodeToString(privateKey).substring(0, 40));
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
            .doesNotContain(new String(privateKey, StandardCharsets.ISO_8859_1).substring(0, 40));
        SecretCipher wrongKey = new SecretCipher(new MasterKey(new byte[32]));
        assertThatExceptionOfType(SecretUnreadableException.class)
            .isThrownBy(() -> wrongKey.open("managed_certificate:portal", sealed))
            .withMessageContaining("was encrypted with master key");
        byte[] keyFile = Base64.getDecoder().decode(Files.readString(data.resolve("master.key")).trim());
        SecretCipher rightKey = new SecretCipher(new MasterKey(keyFile));
        assertThat(new String(rightKey.open("managed_certificate:portal", sealed), StandardCharsets.US_ASCII)).contains("BEGIN PRIVATE KEY");
    }

    @Test
    void aDifferentMasterKeyIsRefusedAtStartup(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            // the store is now encrypted with the generated key
        }
        settings.put("portal.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        PortalInstance.startExpectingFailure(settings);
        assertThat(output).contains("The master key from PORTAL_MASTER_KEY (portal.master-key) (id ")
            .contains("is not the key that encrypted the secrets in the state store")
            .contains("Use the master key this store was created with");
    }

    @Test
    void aLostMasterKeyFileIsRefusedRatherThanReplaced(CapturedOutput output) throws Exception {
        Path data = this.dir.resolve("data");
        Map<String, Object> settings = PortalInstance.settings(data);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            // the store is now encrypted with the generated key
        }
        Files.delete(data.resolve("master.key"));
        PortalInstance.startExpectingFailure(settings);
        assertThat(output).contains("The master key is missing").contains("Restore the key");
        assertThat(data.resolve("master.key")).doesNotExist();
    }

    @Test
    void aMalformedMasterKeyIsRefused(CapturedOutput output) {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.master-key", "c2hvcnQ=");
        PortalInstance.startExpectingFailure(settings);
        assertThat(output).contains("The master key from PORTAL_MASTER_KEY (portal.master-key) holds 5 bytes instead of 32")
            .contains("openssl rand -base64 32");
        assertThat(output).doesNotContain("c2hvcnQ=");
    }

    @Test
    void changedSettingsGenerateANewCertificate() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int port = (int) settings.get("portal.bindings.secure.port");
        String first;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            first = TlsProbe.handshake(port).fingerprint();
        }
        settings.put("portal.certificates.portal.self-signed.subject-alternative-names", "portal.internal,10.1.2.3");
        settings.put("portal.certificates.portal.self-signed.key-type", "rsa-2048");
        try (PortalInstance portal = PortalInstance.start(settings)) {
            TlsProbe.Handshake handshake = TlsProbe.handshake(port);
            assertThat(handshake.fingerprint()).isNotEqualTo(first);
            assertThat(handshake.leaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");
            assertThat(handshake.leaf().getSubjectX500Principal().getName()).startsWith("CN=portal.internal");
        }
    }

}
