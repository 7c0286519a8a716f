package io.portal.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API reads a JSON body up to 1 MB and no further: over a real port, a body that
 * announces more is refused before it is parsed, one sent in chunks once it passes the
 * cap, both as a 413 problem detail that names the limit, which the client receives
 * although it sends the whole body; a body just under the cap is read.
 */
class ApiBodyLimitTests {

    private static final String BASIC = "Basic " + Base64.getEncoder()
        .encodeToString(("admin:" + PortalInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private PortalInstance portal;

    private int port;

    @BeforeEach
    void start() {
        this.portal = PortalInstance.start(PortalInstance.settings(this.dir.resolve("data")));
        this.port = this.portal.port("portal.bindings.web.port");
    }

    @AfterEach
    void stop() {
        this.portal.close();
    }

    @Test
    void aBodyOfFiftyMegabytesIsRefusedBeforeItIsParsed() throws Exception {
        Answer answer = send("PUT", "/api/settings/https", "Content-Length: " + 50 * 1024 * 1024, padded(50 * 1024 * 1024), false);
        assertTooLarge(answer);
        assertThat(answer.json().get("detail").asString()).contains("52428800 bytes");
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        Answer answer = send("POST", "/api/tokens", "Transfer-Encoding: chunked", padded(2 * 1024 * 1024), true);
        assertTooLarge(answer);
        assertThat(answer.json().get("detail").asString()).contains("more than 1048576 bytes");
        assertThat(this.portal.api().get("/api/tokens").json().size()).as("no token was created").isZero();
    }

    @Test
    void aBindingBodyOverTheLimitIsRefusedTheSameWay() throws Exception {
        assertTooLarge(send("POST", "/api/bindings", "Content-Length: " + 3 * 1024 * 1024, padded(3 * 1024 * 1024), false));
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() throws Exception {
        AdminApi.Response read = this.portal.api()
            .send("PUT", "/api/settings/https", "application/json", padded(ApiBodyLimit.MAX_BODY), java.util.Map.of());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("hstsMaxAge").asString()).isEqualTo("2h");
    }

    @Test
    void aRequestWithoutCredentialsIsRefusedBeforeItsBodyIsRead() throws Exception {
        // Over the cap, and under what Tomcat swallows after answering (2 MB), so that the answer is read.
        int size = 3 * 1024 * 1024 / 2;
        Answer answer = sendAnonymous("PUT", "/api/settings/https", "Content-Length: " + size, padded(size));
        assertThat(answer.status()).as("the sign-in check comes first, not the cap").isEqualTo(401);
    }

    private static void assertTooLarge(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("title").asString()).isEqualTo("Request body too large");
        assertThat(problem.get("detail").asString()).contains("1048576").contains("1 MB");
        assertThat(problem.get("type").asString()).endsWith("/problems/request-body-too-large");
    }

    /**
     * A JSON object of exactly this many bytes: one setting, then spaces.
     */
    private static byte[] padded(int size) {
        byte[] head = "{\"hstsMaxAge\":\"2h\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 1] = '}';
        return body;
    }

    private Answer send(String method, String path, String framing, byte[] body, boolean chunked) throws Exception {
        return exchange(method, path, "Authorization: " + BASIC + "\r\n" + framing, body, chunked);
    }

    private Answer sendAnonymous(String method, String path, String framing, byte[] body) throws Exception {
        return exchange(method, path, framing, body, false);
    }

    /**
     * One request on its own connection. The body is written on another thread, which
     * stops when the portal closes the connection: the answer may come before the body
     * has gone out, as it should for a body that is not read.
     */
    private Answer exchange(String method, String path, String headers, byte[] body, boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nContent-Type: application/json\r\n"
                    + headers + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                        int length = Math.min(64 * 1024, body.length - offset);
                        if (chunked) {
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, offset, length);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
                catch (IOException ex) {
                    // The portal answered and closed the connection before the whole body went out.
                }
            });
            String answer = read(socket.getInputStream());
            writing.cancel(true);
            int split = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, split);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, dechunk(head, answer.substring(split + 4)));
        }
    }

    private static String read(InputStream in) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        }
        catch (IOException ex) {
            if (answer.size() == 0) {
                throw new UncheckedIOException(ex);
            }
            // A reset after the answer arrived.
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static String dechunk(String head, String body) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (true) {
            int end = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, end).trim(), 16);
            if (size == 0) {
                return content.toString();
            }
            content.append(body, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
    }

    private record Answer(int status, String headers, String body) {

        JsonNode json() {
            return JsonMapper.builder().build().readTree(this.body);
        }

    }

}
