package io.portal.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the portal's admin API, as automation would use it: JSON over HTTP with
 * credentials on every request.
 */
public final class AdminApi {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String base;

    private final String authorization;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();

    public AdminApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * A client that sends HTTP Basic credentials.
     * @param base the portal's base URL
     * @param user the user
     * @param password the password
     * @return the client
     */
    public static AdminApi basic(String base, String user, String password) {
        return new AdminApi(base, "Basic " + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static AdminApi bearer(String base, String token) {
        return new AdminApi(base, "Bearer " + token);
    }

    public static AdminApi anonymous(String base) {
        return new AdminApi(base, null);
    }

    /**
     * A response.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body text
     */
    public record Response(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            return AdminApi.json.readTree(this.body);
        }

        public String header(String name) {
            return this.headers.get(name.toLowerCase());
        }

    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response post(String path, String jsonBody) {
        return send("POST", path, "application/json", jsonBody.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response put(String path, String jsonBody, String ifMatch) {
        return send("PUT", path, "application/json", jsonBody.getBytes(StandardCharsets.UTF_8),
                (ifMatch != null) ? Map.of("If-Match", ifMatch) : Map.of());
    }

    /**
     * PATCH with a JSON merge patch (RFC 7396).
     * @param path the path
     * @param mergePatch the patch
     * @param ifMatch an entity tag to send as {@code If-Match}, or {@code null}
     * @return the response
     */
    public Response patch(String path, String mergePatch, String ifMatch) {
        return send("PATCH", path, "application/merge-patch+json", mergePatch.getBytes(StandardCharsets.UTF_8),
                (ifMatch != null) ? Map.of("If-Match", ifMatch) : Map.of());
    }

    public Response delete(String path, String ifMatch) {
        return send("DELETE", path, null, null, (ifMatch != null) ? Map.of("If-Match", ifMatch) : Map.of());
    }

    /**
     * POST a multipart form.
     * @param path the path
     * @param fields text fields
     * @param files file fields: name to content
     * @return the response
     */
    public Response upload(String path, Map<String, String> fields, Map<String, byte[]> files) {
        String boundary = "portal-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                        + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                        + file.getKey() + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file.getValue());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), Map.of());
    }

    public Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30))
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (this.authorization != null) {
            request.header("Authorization", this.authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), String.join(", ", values)));
            return new Response(response.statusCode(), responseHeaders, response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
