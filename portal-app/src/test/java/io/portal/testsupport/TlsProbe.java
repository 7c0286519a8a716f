package io.portal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client that completes a real handshake and reports what the server presented,
 * trusting anything (tests compare fingerprints instead).
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    /**
     * What a handshake produced.
     *
     * @param chain the server's certificates, leaf first
     * @param protocol the negotiated protocol
     * @param cipherSuite the negotiated cipher suite
     */
    public record Handshake(List<X509Certificate> chain, String protocol, String cipherSuite) {

        public X509Certificate leaf() {
            return this.chain.get(0);
        }

        public String fingerprint() {
            return TlsProbe.fingerprint(leaf());
        }

    }

    public static Handshake handshake(int port) {
        return handshake("127.0.0.1", port, null, null, null);
    }

    public static Handshake handshake(int port, String serverName) {
        return handshake("127.0.0.1", port, serverName, null, null);
    }

    /**
     * Connect and complete a handshake.
     * @param host host to connect to
     * @param port port
     * @param serverName SNI name to send, or {@code null}
     * @param protocols protocols to offer, or {@code null} for the JDK's defaults
     * @param cipherSuites suites to offer, or {@code null} for the JDK's defaults
     * @return the handshake
     * @throws UncheckedIOException if the handshake fails
     */
    public static Handshake handshake(String host, int port, String serverName, String[] protocols, String[] cipherSuites) {
        try (SSLSocket socket = open(host, port, serverName, protocols, cipherSuites)) {
            return describe(socket);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static SSLSocket open(String host, int port, String serverName, String[] protocols, String[] cipherSuites)
            throws IOException {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(host, port);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (protocols != null) {
            parameters.setProtocols(protocols);
        }
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    public static Handshake describe(SSLSocket socket) throws IOException {
        X509Certificate[] chain = Arrays.stream(socket.getSession().getPeerCertificates())
            .map(X509Certificate.class::cast)
            .toArray(X509Certificate[]::new);
        return new Handshake(List.of(chain), socket.getSession().getProtocol(), socket.getSession().getCipherSuite());
    }

    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, null);
            return context;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
