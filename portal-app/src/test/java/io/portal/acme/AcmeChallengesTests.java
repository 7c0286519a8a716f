package io.portal.acme;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP-01 challenge answers, on real connectors.
 */
class AcmeChallengesTests {

    @TempDir
    Path dir;

    @Test
    void everyBindingAnswersAChallengeFromTheStoreAndNothingElse() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        int other = FreePorts.next();
        settings.put("portal.bindings.other.port", other);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            portal.bean(AcmeStore.class).putChallenge(new PendingChallenge("Tok_en-1", "Tok_en-1.thumbprint", "portal.test", "public",
                    Instant.now()));
            for (String base : new String[] { "http://127.0.0.1:" + settings.get("portal.bindings.web.port"),
                    "http://127.0.0.1:" + other, "https://127.0.0.1:" + settings.get("portal.bindings.secure.port") }) {
                HttpExchange.Response answer = HttpExchange.get(base + "/.well-known/acme-challenge/Tok_en-1");
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("Tok_en-1.thumbprint");
                assertThat(answer.header("Content-Type")).startsWith("text/plain");
                assertThat(HttpExchange.get(base + "/.well-known/acme-challenge/unknown").status()).isEqualTo(404);
                assertThat(HttpExchange.get(base + "/.well-known/acme-challenge/bad.token").status()).isEqualTo(404);
            }
            portal.bean(AcmeStore.class).removeChallenge("Tok_en-1");
            assertThat(HttpExchange.get("http://127.0.0.1:" + other + "/.well-known/acme-challenge/Tok_en-1").status()).isEqualTo(404);
        }
    }

    @Test
    void challengesAreAnsweredOverHttpWhileHttpsIsForcedAndNeedNoSignIn() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        settings.put("portal.redirect-http-to-https", true);
        try (PortalInstance portal = PortalInstance.start(settings)) {
            String http = "http://127.0.0.1:" + settings.get("portal.bindings.web.port");
            portal.bean(AcmeStore.class).putChallenge(new PendingChallenge("Forced-1", "Forced-1.thumbprint", "portal.test", "public",
                    Instant.now()));
            HttpExchange.Response answer = HttpExchange.get(http + "/.well-known/acme-challenge/Forced-1");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("Forced-1.thumbprint");
            assertThat(HttpExchange.get(http + "/bindings").status()).as("everything else is redirected").isEqualTo(308);
        }
    }

}
