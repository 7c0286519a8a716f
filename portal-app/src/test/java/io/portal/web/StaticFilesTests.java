package io.portal.web;

import java.nio.file.Path;

import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's own static files and Swagger UI's: each is served, and the links a page
 * renders are written as they are, without a look-up among the static files on every
 * request (Spring Boot's resource chain, which Swagger UI's webjar would otherwise switch
 * on).
 */
class StaticFilesTests {

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
    void pagesLinkTheStyleSheetThatIsServed() {
        assertThat(HttpExchange.get(https + "/").body()).contains("<link rel=\"stylesheet\" href=\"/portal.css\">");
        assertThat(HttpExchange.get(https + "/login").body()).contains("<link rel=\"stylesheet\" href=\"/portal.css\">");
        HttpExchange.Response css = HttpExchange.get(https + "/portal.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.body()).contains("body");
    }

    @Test
    void linksAreNotLookedUpAmongTheStaticFiles() {
        assertThat(portal.context().getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
        ResourceUrlProvider provider = portal.bean(ResourceUrlProvider.class);
        assertThat(provider.getHandlerMap()).allSatisfy((pattern, handler) -> assertThat(handler.getResourceResolvers())
            .as(pattern.toString())
            .noneMatch((resolver) -> resolver.getClass().getSimpleName().contains("WebJars")
                    && !pattern.toString().startsWith("/swagger-ui")));
    }

    @Test
    void swaggerUiAndItsFilesLoadForTheAdministrator() {
        HttpExchange.Response index = HttpExchange.getAsAdmin(https + "/swagger-ui/index.html");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("./swagger-ui-bundle.js", "./swagger-ui.css", "./swagger-initializer.js");
        for (String file : new String[] { "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "swagger-initializer.js", "index.css" }) {
            HttpExchange.Response response = HttpExchange.getAsAdmin(https + "/swagger-ui/" + file);
            assertThat(response.status()).as(file).isEqualTo(200);
            assertThat(response.body()).as(file).isNotEmpty();
        }
        assertThat(HttpExchange.getAsAdmin(https + "/swagger-ui/swagger-initializer.js").body()).contains("/v3/api-docs/swagger-config");
        assertThat(HttpExchange.getAsAdmin(https + "/v3/api-docs/swagger-config").body()).contains("/v3/api-docs");
        assertThat(HttpExchange.getAsAdmin(https + "/v3/api-docs").body()).contains("\"/api/bindings\"");
    }

}
