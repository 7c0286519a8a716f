package io.portal.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CA-terms lookup of the Let's Encrypt wizard makes the portal read a URL the visitor
 * gives, so it is held to a POST with the form's CSRF token, https URLs (plain http only to
 * this machine), one request without redirects, and bounds of time and size. A stand-in
 * "CA" on loopback answers as the test says.
 */
class LetsEncryptTermsLookupTests {

    static final String DIRECTORY = "{\"newNonce\":\"http://127.0.0.1/n\",\"newAccount\":\"http://127.0.0.1/a\","
            + "\"meta\":{\"termsOfService\":\"https://ca.test/terms\"}}";

    @TempDir
    static Path dir;

    static PortalInstance portal;

    static MockMvc mvc;

    HttpServer ca;

    final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() {
        portal = PortalInstance.start(PortalInstance.settings(dir.resolve("data")));
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) portal.context()).apply(springSecurity()).build();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @BeforeEach
    void startCa() throws IOException {
        this.ca = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.ca.createContext("/dir", (exchange) -> answer(exchange, 200, DIRECTORY.getBytes(StandardCharsets.UTF_8)));
        this.ca.createContext("/huge", (exchange) -> answer(exchange, 200, new byte[1024 * 1024]));
        this.ca.createContext("/moved", (exchange) -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            answer(exchange, 302, new byte[0]);
        });
        this.ca.createContext("/slow", (exchange) -> {
            try {
                Thread.sleep(15_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, DIRECTORY.getBytes(StandardCharsets.UTF_8));
        });
        this.ca.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        this.ca.start();
    }

    @AfterEach
    void stopCa() {
        this.ca.stop(0);
    }

    @Test
    void theLookupIsAPostWithTheFormsCsrfToken() throws Exception {
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", url("/dir")).with(admin()).with(csrf()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.termsOfService").value("https://ca.test/terms"));
        int read = this.requests.get();

        mvc.perform(post("/lets-encrypt/terms.json").param("directory", url("/dir")).with(admin()))
            .andExpect(status().isForbidden());
        mvc.perform(get("/lets-encrypt/terms.json").param("directory", url("/dir")).with(admin()))
            .andExpect(status().is4xxClientError());

        assertThat(this.requests.get()).as("requests the portal made without a valid POST").isEqualTo(read);
    }

    @Test
    void onlyHttpsUrlsArePlainHttpOnlyToThisMachine() throws Exception {
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", "http://192.0.2.10/dir").with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", startsWith("'http://192.0.2.10/dir' is a plain HTTP address on another machine")));
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", "file:///etc/passwd").with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", containsString("is neither letsencrypt, letsencrypt-staging nor the URL")));
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", "gopher://127.0.0.1:25/").with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", containsString("is neither letsencrypt")));
        assertThat(this.requests.get()).isZero();
    }

    @Test
    void theReadIsBoundedInSizeAndFollowsNoRedirect() throws Exception {
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", url("/huge")).with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", containsString("is not an ACME directory: it answered with more than 64 KiB")));
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", url("/moved")).with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", containsString("it answered HTTP 302 (a redirect, which is not followed)")));
    }

    @Test
    void theReadIsBoundedInTime() throws Exception {
        long started = System.nanoTime();
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", url("/slow")).with(admin()).with(csrf()))
            .andExpect(jsonPath("$.problem", containsString("did not answer within 10 seconds")));
        assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds the lookup took").isLessThan(14);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.ca.getAddress().getPort() + path;
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        this.requests.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

}
