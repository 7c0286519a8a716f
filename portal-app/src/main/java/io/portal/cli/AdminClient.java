package io.portal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shell's client of a portal's admin API: JSON over HTTP(S) with an API token, no
 * redirects followed (a redirect would carry the token elsewhere), errors read as the
 * portal's problem details.
 */
final class AdminClient {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String base;

    private final String token;

    private final HttpClient client;

    private final Duration timeout;

    private AdminClient(String base, String token, SSLContext ssl, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
    }

    /**
     * A client for a portal on this machine, at the URL it wrote into its data directory.
     * Its certificate is not checked: the connection goes to a loopback (or this
     * machine's own) address, where only a process of this machine listens, and the token
     * is accepted by the portal process that wrote it only; checking would refuse the
     * self-signed certificates most portals start with.
     * @param file what the portal wrote
     * @param timeout how long a call may take
     * @return the client
     */
    static AdminClient local(LocalApiFile file, Duration timeout) {
        return new AdminClient(file.url(), file.token(), acceptingAnyCertificate(), timeout);
    }

    /**
     * A client for a portal named by URL, whose certificate must be trusted by the JVM
     * or be in the given PEM file.
     * @param url the portal's base URL
     * @param token the API token
     * @param caCertificates a PEM file of certificates to trust, or {@code null}
     * @param timeout how long a call may take
     * @return the client
     * @throws ShellException if the PEM file cannot be read
     */
    static AdminClient remote(String url, String token, Path caCertificates, Duration timeout) {
        return new AdminClient(url, token, (caCertificates != null) ? trusting(caCertificates) : null, timeout);
    }

    String base() {
        return this.base;
    }

    JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    /**
     * Call the API.
     * @param method the method
     * @param path the path and query
     * @param contentType the body's media type, or {@code null} for none
     * @param body the body, written as JSON, or {@code null}
     * @return the response body as JSON (an empty object for an empty body)
     * @throws Problem if the portal refused the call
     * @throws Unreachable if the portal cannot be reached
     */
    JsonNode send(String method, String path, String contentType, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
            .timeout(this.timeout)
            .header("Authorization", "Bearer " + this.token)
            .header("Accept", "application/json, application/problem+json")
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)
                    : HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new Unreachable(this.base, describe(ex), refused(ex));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Unreachable(this.base, "interrupted", false);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 300) {
            throw new Problem(response.statusCode(), text(answer, "title"), text(answer, "detail"), text(answer, "action"),
                    response.headers().firstValue("Location").orElse(null));
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        }
        catch (RuntimeException ex) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value == null || value.isNull()) ? null : value.asString();
    }

    private static boolean refused(IOException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
        return (root instanceof ConnectException) ? "connection refused" : message;
    }

    private static SSLContext acceptingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new LoopbackTrustManager() }, new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new ShellException(2, "PORTAL_CACERT names " + pem + ", which holds no certificate. Give a PEM file "
                        + "with the portal's certificate chain, such as the one from https://HOST:PORT/certificates/portal.pem.");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new ShellException(2, "PORTAL_CACERT names " + pem + ", which cannot be read as PEM certificates ("
                    + ex.getMessage() + "). Give a PEM file with the portal's certificate chain.");
        }
    }

    /**
     * The portal refused a call, with its problem detail.
     */
    static final class Problem extends RuntimeException {

        private final int status;

        private final String title;

        private final String action;

        private final String location;

        Problem(int status, String title, String detail, String action, String location) {
            super((detail != null) ? detail : (title != null) ? title : "HTTP status " + status);
            this.status = status;
            this.title = title;
            this.action = action;
            this.location = location;
        }

        int status() {
            return this.status;
        }

        String title() {
            return this.title;
        }

        /**
         * The problem in one line: what is wrong and how to fix it.
         * @return the line
         */
        String line() {
            if (this.status >= 300 && this.status < 400) {
                return "The portal answered with a redirect (" + this.status + ") to " + this.location
                        + "; give that URL with --url.";
            }
            return getMessage() + ((this.action != null) ? " " + this.action : "");
        }

    }

    /**
     * The portal does not answer.
     */
    static final class Unreachable extends RuntimeException {

        private final boolean refused;

        Unreachable(String base, String reason, boolean refused) {
            super("The portal at " + base + " cannot be reached: " + reason + ".");
            this.refused = refused;
        }

        /**
         * Whether nothing listens there (rather than, say, a TLS failure).
         * @return whether the connection was refused
         */
        boolean refused() {
            return this.refused;
        }

    }

    /**
     * Accepts the certificate of a portal on this machine; see {@link #local}.
     */
    private static final class LoopbackTrustManager extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

    }

}
