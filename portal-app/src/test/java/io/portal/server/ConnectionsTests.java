package io.portal.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.portal.testsupport.FreePorts;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What clients get from a binding's connections: one connection kept for as many requests
 * as they send, and HTTP/2 over TLS (ALPN h2) besides HTTP/1.1 on every HTTPS binding
 * unless it is declared with {@code http2: false}.
 */
class ConnectionsTests {

    @TempDir
    static Path dir;

    static PortalInstance portal;

    static int secure;

    static int noHttp2;

    static int web;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("data"));
        noHttp2 = FreePorts.next();
        settings.put("portal.bindings.plain.scheme", "https");
        settings.put("portal.bindings.plain.port", noHttp2);
        settings.put("portal.bindings.plain.ssl-bundle", "portal");
        settings.put("portal.bindings.plain.http2", "false");
        portal = PortalInstance.start(settings);
        secure = portal.port("portal.bindings.secure.port");
        web = portal.port("portal.bindings.web.port");
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void oneTlsConnectionServesTenThousandRequests() {
        try (HttpExchange connection = HttpExchange.connect("https://127.0.0.1:" + secure)) {
            for (int i = 1; i <= 10_000; i++) {
                HttpExchange.Response response = connection.get("/portal.css", true);
                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.body()).as("request %d", i).contains("body");
                assertThat(response.header("Connection")).as("request %d", i).isNotEqualTo("close");
            }
            assertThat(connection.get("/", true).status()).isEqualTo(200);
        }
    }

    @Test
    void everyBindingKeepsIdleConnectionsFor20SecondsWithoutARequestLimit() {
        assertThat(portal.bean(BindingConnectors.class).all()).hasSize(3).allSatisfy((live) -> {
            AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) live.connector().getProtocolHandler();
            assertThat(protocol.getMaxKeepAliveRequests()).as(live.binding().name()).isEqualTo(-1);
            assertThat(protocol.getKeepAliveTimeout()).as(live.binding().name()).isEqualTo(20_000);
        });
    }

    @Test
    void httpsBindingsOfferHttp2AndStillServeHttp11() throws Exception {
        assertThat(alpn(secure)).isEqualTo("h2");
        assertThat(get(secure, HttpClient.Version.HTTP_2).version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> http11 = get(secure, HttpClient.Version.HTTP_1_1);
        assertThat(http11.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(http11.statusCode()).isEqualTo(200);
        assertThat(HttpExchange.get("https://127.0.0.1:" + secure + "/portal.css").status()).isEqualTo(200);
    }

    @Test
    void aBindingDeclaredWithoutHttp2ServesHttp11Only() throws Exception {
        assertThat(alpn(noHttp2)).isIn("http/1.1", "");
        HttpResponse<String> response = get(noHttp2, HttpClient.Version.HTTP_2);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void httpBindingsDoNotUpgradeToCleartextHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /**
     * The application protocol the server picks from h2 and http/1.1 in the TLS handshake.
     */
    private static String alpn(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) TlsProbe.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] { "h2", "http/1.1" });
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getApplicationProtocol();
        }
    }

    private static HttpResponse<String> get(int port, HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(TlsProbe.trustAll()).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/portal.css")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
