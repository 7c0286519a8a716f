package io.portal.web;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How pages and static files go out: whole, with their length; the style sheet from
 * memory, with its modification time; and without the costs that the request path used
 * to carry (bench/performance.sh measures what they cost).
 */
class PageDeliveryTests {

    @TempDir
    static Path dir;

    static PortalInstance portal;

    static String https;

    @BeforeAll
    static void start() {
        portal = PortalInstance.start(PortalInstance.settings(dir.resolve("data")));
        https = "https://127.0.0.1:" + portal.port("portal.bindings.secure.port");
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void pagesGoOutInOnePieceWithTheirLength() {
        for (String path : new String[] { "/", "/login" }) {
            assertWhole(path, HttpExchange.get(https + path));
        }
        HttpExchange.Response dashboard = HttpExchange.getAsAdmin(https + "/");
        assertThat(dashboard.body()).contains("Bindings", "Certificates");
        assertWhole("the dashboard", dashboard);
    }

    private static void assertWhole(String what, HttpExchange.Response response) {
        assertThat(response.status()).as(what).isEqualTo(200);
        assertThat(response.header("Transfer-Encoding")).as(what).isNull();
        assertThat(response.header("Content-Length")).as(what)
            .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.body().strip()).as(what).endsWith("</html>");
    }

    @Test
    void theStyleSheetIsServedFromMemoryWithItsModificationTime() throws Exception {
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream("/static/portal.css")) {
            file = in.readAllBytes();
        }
        HttpExchange.Response first = HttpExchange.get(https + "/portal.css");
        HttpExchange.Response second = HttpExchange.get(https + "/portal.css");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(new String(file, StandardCharsets.UTF_8)).isEqualTo(second.body());
        assertThat(first.header("Content-Type")).startsWith("text/css");
        assertThat(first.header("Content-Length")).isEqualTo(String.valueOf(file.length));
        String lastModified = first.header("Last-Modified");
        assertThat(lastModified).isNotNull().isEqualTo(second.header("Last-Modified"));
        assertThat(HttpExchange.get(https + "/portal.css", Map.of("If-Modified-Since", lastModified)).status()).isEqualTo(304);
        ResourceHttpRequestHandler handler = portal.bean(ResourceUrlProvider.class).getHandlerMap().entrySet().stream()
            .filter((e) -> String.valueOf(e.getKey()).equals("/portal.css"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow();
        assertThat(handler.getResourceResolvers().get(0)).isInstanceOf(StaticFiles.InMemory.class);
        assertThat(HttpExchange.getAsAdmin(https + "/lets-encrypt.js").status()).as("the other file of the pages").isEqualTo(200);
    }

    @Test
    void springSecurityWrapsNoFilterInAnObservationWhileItsObservationsAreOff() throws Exception {
        FilterChainProxy proxy = portal.context().getBeansOfType(FilterChainProxy.class).values().iterator().next();
        Field decorator = FilterChainProxy.class.getDeclaredField("filterChainDecorator");
        decorator.setAccessible(true);
        assertThat(decorator.get(proxy)).isNotInstanceOf(ObservationFilterChainDecorator.class);
        assertThat(portal.context().getEnvironment().getProperty("management.observations.enable.spring.security"))
            .isEqualTo("false");
    }

    @Test
    void pageExpressionsAreCompiled() {
        assertThat(portal.bean(SpringTemplateEngine.class).getEnableSpringELCompiler()).isTrue();
    }

}
