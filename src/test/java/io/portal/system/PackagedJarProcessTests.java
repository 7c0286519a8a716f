package io.portal.system;

import java.nio.file.Path;
import java.util.Map;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalProcess;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command: the packaged jar, started with no configuration in an empty
 * directory, serves HTTP and HTTPS with a generated self-signed certificate, and its log
 * says which URLs to open (HTTPS first) and how to sign in.
 */
class PackagedJarProcessTests {

    @Test
    void startsWithNoConfigurationAndServesHttpAndHttps(@TempDir Path directory) {
        int http = FreePorts.next();
        int https = FreePorts.next();
        try (PortalProcess portal = PortalProcess.run(directory, Map.of(), Map.of("portal.bindings.web.port", http,
                "portal.bindings.secure.port", https))) {
            assertThat(HttpExchange.get("http://127.0.0.1:" + http + "/").status()).isEqualTo(200);
            assertThat(HttpExchange.get("https://127.0.0.1:" + https + "/").status()).isEqualTo(200);
            assertThat(TlsProbe.handshake(https).leaf().getSubjectX500Principal().getName()).startsWith("CN=localhost,");
            assertThat(directory.resolve("data/master.key")).exists();
            portal.awaitLog(java.util.regex.Pattern.compile("The portal is ready"), java.time.Duration.ofSeconds(30));
            assertThat(portal.output()).as("the first start says what to open and how to sign in")
                .contains("The portal is ready. Open https://localhost:" + https + "/ (binding 'secure'; its certificate is "
                        + "self-signed, so browsers warn until it is trusted: /certificates/portal.pem) or http://localhost:"
                        + http + "/ (binding 'web')")
                .contains("Sign in as 'admin' with the password generated above in this log")
                .containsPattern("Created the administrator account 'admin' with the generated password: \\S+");
        }
    }

}
