package io.portal.admin;

import java.nio.file.Path;
import java.time.Duration;

import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI description and Swagger UI are not made at start (they loaded about 950
 * classes there, for no request a visitor makes), are made in the background once the
 * portal is ready, and are served as before.
 */
class OpenApiOffTheStartPathTests {

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
    void theDescriptionIsMadeAfterTheStartAndServed() {
        OpenApiOffTheStartPath offTheStartPath = portal.bean(OpenApiOffTheStartPath.class);
        assertThat(offTheStartPath.createdBeforeReady()).doesNotContain("portalOpenApi", "openApiResource",
                "indexPageTransformer", "springdocObjectMapperProvider");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(portal.context().getBeanFactory().containsSingleton("springdocObjectMapperProvider")).isTrue());
        HttpExchange.Response description = HttpExchange.getAsAdmin(https + "/v3/api-docs");
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.body()).contains("\"/api/bindings\"");
        assertThat(HttpExchange.getAsAdmin(https + "/swagger-ui/index.html").body()).contains("./swagger-initializer.js");
    }

}
