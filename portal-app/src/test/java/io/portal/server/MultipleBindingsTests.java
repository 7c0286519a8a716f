package io.portal.server;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MultipleBindingsTests {

    @TempDir
    Path dir;

    @Test
    void threeBindingsOpenThreeListenersEachServingItsOwnCertificate() {
        Issued ca = TestCertificates.ca("Test CA");
        Issued pfx = TestCertificates.leaf(ca, "pfx.portal.test");
        Issued pem = TestCertificates.leaf(ca, "pem.portal.test");
        Path pfxFile = pfx.writePkcs12(this.dir.resolve("web.pfx"), "s3cret", "web");
        Path certFile = pem.writeCertificatePem(this.dir.resolve("cert.pem"));
        Path keyFile = pem.writeKeyPem(this.dir.resolve("key.pem"));
        int httpPort = FreePorts.next();
        int pfxPort = FreePorts.next();
        int pemPort = FreePorts.next();
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.bindings.web.port", httpPort);
        settings.put("portal.bindings.secure.enabled", false);
        settings.put("portal.bindings.pfx.scheme", "https");
        settings.put("portal.bindings.pfx.port", pfxPort);
        settings.put("portal.bindings.pfx.ssl-bundle", "pfx");
        settings.put("portal.bindings.pem.scheme", "https");
        settings.put("portal.bindings.pem.port", pemPort);
        settings.put("portal.bindings.pem.address", "127.0.0.1");
        settings.put("portal.bindings.pem.ssl-bundle", "pem");
        settings.put("spring.ssl.bundle.jks.pfx.keystore.location", "file:" + pfxFile);
        settings.put("spring.ssl.bundle.jks.pfx.keystore.password", "s3cret");
        settings.put("spring.ssl.bundle.jks.pfx.keystore.type", "PKCS12");
        settings.put("spring.ssl.bundle.pem.pem.keystore.certificate", "file:" + certFile);
        settings.put("spring.ssl.bundle.pem.pem.keystore.private-key", "file:" + keyFile);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            HttpExchange.Response http = HttpExchange.getAsAdmin("http://127.0.0.1:" + httpPort + "/");
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.body()).contains("pfx.portal.test").contains("pem.portal.test");

            TlsProbe.Handshake pfxHandshake = TlsProbe.handshake(pfxPort);
            assertThat(pfxHandshake.fingerprint()).isEqualTo(TlsProbe.fingerprint(pfx.leaf()));
            assertThat(pfxHandshake.chain()).hasSize(2);
            TlsProbe.Handshake pemHandshake = TlsProbe.handshake(pemPort);
            assertThat(pemHandshake.fingerprint()).isEqualTo(TlsProbe.fingerprint(pem.leaf()));

            assertThat(HttpExchange.get("https://127.0.0.1:" + pfxPort + "/").status()).isEqualTo(200);
            assertThat(HttpExchange.get("https://127.0.0.1:" + pemPort + "/").status()).isEqualTo(200);
            assertThat(portal.bean(BindingConnectors.class).all()).extracting((l) -> l.binding().name())
                .containsExactly("pem", "pfx", "web");
            assertThat(portal.bean(BindingConnectors.class).all()).allMatch(BindingConnectors.Live::isRunning);
        }
    }

    @Test
    void sniSelectsTheCertificateForTheRequestedHostName() {
        Issued ca = TestCertificates.ca("Test CA");
        Issued main = TestCertificates.leaf(ca, "portal.test");
        Issued api = TestCertificates.leaf(ca, "api.portal.test");
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int port = (int) settings.get("portal.bindings.secure.port");
        settings.put("portal.bindings.secure.ssl-bundle", "main");
        settings.put("portal.bindings.secure.sni[api.portal.test]", "api");
        settings.put("spring.ssl.bundle.pem.main.keystore.certificate", "file:" + main.writeCertificatePem(this.dir.resolve("main.crt")));
        settings.put("spring.ssl.bundle.pem.main.keystore.private-key", "file:" + main.writeKeyPem(this.dir.resolve("main.key")));
        settings.put("spring.ssl.bundle.pem.api.keystore.certificate", "file:" + api.writeCertificatePem(this.dir.resolve("api.crt")));
        settings.put("spring.ssl.bundle.pem.api.keystore.private-key", "file:" + api.writeKeyPem(this.dir.resolve("api.key")));
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(TlsProbe.handshake(port, "portal.test").fingerprint()).isEqualTo(TlsProbe.fingerprint(main.leaf()));
            assertThat(TlsProbe.handshake(port, "api.portal.test").fingerprint()).isEqualTo(TlsProbe.fingerprint(api.leaf()));
            assertThat(TlsProbe.handshake(port).fingerprint()).isEqualTo(TlsProbe.fingerprint(main.leaf()));
        }
    }

}
