package io.portal.example;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.testsupport.Await;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application, started as an operator would start it, with its own
 * {@code application.yml}; only the ports, the data directory and the ACME CA (a local
 * Pebble instead of Let's Encrypt) are changed for the test.
 */
class HostApplicationTests {

    @TempDir
    Path dir;

    @Test
    void theStarterAloneGivesTheApplicationHttpsOnTwoBindingsARedirectHstsAndACertificateFromPebble() {
        int web = FreePorts.next();
        int publicPort = FreePorts.next();
        int internal = FreePorts.next();
        try (Pebble pebble = Pebble.on(web).start()) {
            Map<String, Object> settings = pebble.configure(new LinkedHashMap<>());
            settings.put("portal.data-dir", this.dir.resolve("data").toString());
            settings.put("portal.bindings.web.port", web);
            settings.put("portal.bindings.public.port", publicPort);
            settings.put("portal.bindings.internal.port", internal);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HostApplication.class)
                .run(arguments(settings))) {
                X509Certificate root = pebble.root();
                List<X509Certificate> issued = Await.until("the Pebble-issued certificate on binding 'public'",
                        Duration.ofSeconds(60), () -> {
                            List<X509Certificate> chain = TlsProbe.handshake(publicPort, "localhost").chain();
                            return validatesTo(chain, root) ? chain : null;
                        });
                assertThat(issued.get(0).getSubjectX500Principal()).isNotEqualTo(issued.get(0).getIssuerX500Principal());

                X509Certificate internalLeaf = TlsProbe.handshake(internal, "localhost").leaf();
                assertThat(internalLeaf.getSubjectX500Principal()).isEqualTo(internalLeaf.getIssuerX500Principal());
                assertThat(validatesTo(List.of(internalLeaf), root)).isFalse();

                for (int port : new int[] { publicPort, internal }) {
                    HttpExchange.Response hello = HttpExchange.get("https://localhost:" + port + "/hello");
                    assertThat(hello.status()).as("GET /hello on port %d", port).isEqualTo(200);
                    assertThat(hello.body()).isEqualTo("Hello from the host application");
                    assertThat(hello.header("Strict-Transport-Security")).isEqualTo("max-age=3600");
                }

                // The state: an H2 file and the master key in portal.data-dir, as application.yml says.
                assertThat(this.dir.resolve("data/portal.mv.db")).isRegularFile();
                assertThat(this.dir.resolve("data/master.key")).isRegularFile();

                HttpExchange.Response redirected = HttpExchange.get("http://localhost:" + web + "/hello?name=x");
                assertThat(redirected.status()).isEqualTo(308);
                assertThat(redirected.header("Location")).isEqualTo("https://localhost:" + publicPort + "/hello?name=x");
                assertThat(redirected.header("Strict-Transport-Security")).isNull();
            }
        }
    }

    @Test
    void theReadmeShowsThisApplicationsYaml() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        String section = readme.substring(readme.indexOf("## Add HTTPS to your own Spring Boot application"));
        String block = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml\n") + 8));
        Object shown = new Yaml().load(block);
        Object file;
        try (InputStream in = new ClassPathResource("application.yml").getInputStream()) {
            file = new Yaml().load(in);
        }
        assertThat(shown).isEqualTo(file);
    }

    private static String[] arguments(Map<String, Object> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private static boolean validatesTo(List<X509Certificate> chain, X509Certificate root) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return true;
        }
        catch (Exception ex) {
            return false;
        }
    }

}
