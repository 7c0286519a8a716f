package io.portal.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP/1.1 client over a socket: no redirects followed, no header rewriting, any
 * certificate accepted, so tests see exactly what the server sent. One instance keeps one
 * connection open for keep-alive requests.
 */
public final class HttpExchange implements AutoCloseable {

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    private final String hostHeader;

    private HttpExchange(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.hostHeader = hostHeader;
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param headers headers, names in lower case
     * @param body the body as text
     */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }

    }

    /**
     * Open a connection to the URL's host and port.
     * @param url an http or https URL
     * @return the open connection
     */
    public static HttpExchange connect(String url) {
        URI uri = URI.create(url);
        boolean https = "https".equals(uri.getScheme());
        int port = (uri.getPort() != -1) ? uri.getPort() : (https ? 443 : 80);
        try {
            Socket socket = https ? TlsProbe.open(uri.getHost(), port, null, null, null) : new Socket(uri.getHost(), port);
            socket.setSoTimeout(10_000);
            return new HttpExchange(socket, uri.getHost() + ":" + port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One request on a new connection.
     * @param url the URL
     * @return the response
     */
    public static Response get(String url) {
        return get(url, Map.of());
    }

    /**
     * One request on a new connection, signed in as the test portals' administrator.
     * @param url the URL
     * @return the response
     */
    public static Response getAsAdmin(String url) {
        return get(url, Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))));
    }

    public static Response get(String url, Map<String, String> headers) {
        try (HttpExchange exchange = connect(url)) {
            URI uri = URI.create(url);
            return exchange.send("GET", pathAndQuery(uri), headers, null);
        }
    }

    public Response get(String path, boolean keepAlive) {
        return send("GET", path, keepAlive ? Map.of() : Map.of("Connection", "close"), null);
    }

    public Socket socket() {
        return this.socket;
    }

    /**
     * Send a request on this connection and read the whole response.
     * @param method the method
     * @param path the path and query
     * @param headers extra headers
     * @param body a body, or {@code null}
     * @return the response
     */
    public Response send(String method, String path, Map<String, String> headers, String body) {
        try {
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", this.hostHeader);
            all.putAll(headers);
            byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
            if (bytes != null) {
                all.put("Content-Length", String.valueOf(bytes.length));
            }
            all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            this.out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (bytes != null) {
                this.out.write(bytes);
            }
            this.out.flush();
            return read(method);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Response read(String method) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("Connection closed before a response arrived");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            return new Response(status, headers, "");
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(this.in.readNBytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are ignored
            }
        }
        else if (headers.containsKey("content-length")) {
            body.write(this.in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        else {
            body.write(this.in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = this.in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String pathAndQuery(URI uri) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
        return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
    }

    public static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Override
    public void close() {
        try {
            this.socket.close();
        }
        catch (IOException ex) {
            // closing quietly
        }
    }

}
