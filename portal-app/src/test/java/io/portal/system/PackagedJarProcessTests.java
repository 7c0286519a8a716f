package io.portal.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    void startsWithNoConfigurationAndServesHttpAndHttps(@TempDir Path directory) throws IOException {
        int http = FreePorts.next();
        int https = FreePorts.next();
        FirstCommand readme = FirstCommand.read(Path.of("README.md"));
        assertThat(readme.jvmOptions()).as("the README's JVM options").contains("-XX:+UseSerialGC");
        try (PortalProcess portal = PortalProcess.start(directory, readme.environment(), readme.jvmOptions(),
                List.of("--portal.bindings.web.port=" + http, "--portal.bindings.secure.port=" + https))) {
            portal.awaitLog(java.util.regex.Pattern.compile("Started PortalApplication"), java.time.Duration.ofSeconds(90));
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

    /**
     * The environment variables and JVM options of the README's first command, the one
     * that runs {@code target/portal.jar}.
     */
    record FirstCommand(Map<String, String> environment, List<String> jvmOptions) {

        static FirstCommand read(Path readme) throws IOException {
            String line = Files.readAllLines(readme).stream().filter((l) -> l.contains("-jar target/portal.jar")).findFirst()
                .orElseThrow();
            List<String> words = List.of(line.substring(line.lastIndexOf("&&") + 2, line.indexOf("-jar target/portal.jar"))
                .trim().split("\\s+"));
            Map<String, String> environment = new LinkedHashMap<>();
            int java = words.indexOf("java");
            for (String assignment : words.subList(0, java)) {
                environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
            return new FirstCommand(environment, words.subList(java + 1, words.size()));
        }

    }

}
