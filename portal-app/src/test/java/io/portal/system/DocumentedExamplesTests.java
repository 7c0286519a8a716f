package io.portal.system;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML example of the README and of application.yml works: each {@code ```yaml}
 * block of the README, application.yml itself, and application.yml with every commented
 * example setting uncommented, is bound exactly as the portal binds it (strictly: an
 * unknown name fails, and with Bean Validation), and each SSL bundle it declares is
 * loaded. Files the examples point at ({@code /etc/portal/...}) are replaced by test
 * certificates, and {@code ${VARIABLES}} by a test password.
 */
class DocumentedExamplesTests {

    private static final String PASSWORD = "fixture-password";

    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    private static final Pattern FILE = Pattern.compile("file:/etc/portal/([A-Za-z0-9._-]+)");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private static final Pattern COMMENTED_SETTING = Pattern.compile("^(\\s*)# ( *[a-z][a-z0-9-]*:(?: .*)?)$");

    @TempDir
    static Path fixtures;

    private static Issued ca;

    private static Issued leaf;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.ca("Example CA");
        leaf = TestCertificates.leaf(ca, "portal.example.com");
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockOfTheReadmeWorks() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<DynamicTest> tests = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(readme);
        while (block.find()) {
            int line = readme.substring(0, block.start()).split("\n", -1).length;
            String yaml = block.group(1);
            tests.add(DynamicTest.dynamicTest("README.md line " + line, () -> assertWorks("README.md line " + line, yaml)));
        }
        assertThat(tests).as("yaml blocks in README.md").hasSizeGreaterThan(5);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> applicationYmlWorksAsItIsAndWithEveryCommentedExampleSet() throws IOException {
        String yaml = Files.readString(Path.of("application.yml"));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("application.yml", () -> assertWorks("application.yml", yaml)));
        List<String> documents = uncommented(yaml);
        for (int i = 0; i < documents.size(); i++) {
            String document = documents.get(i);
            tests.add(DynamicTest.dynamicTest("application.yml, commented examples set, part " + (i + 1),
                    () -> assertWorks("application.yml with its commented examples", document)));
        }
        assertThat(documents).as("application.yml's commented examples").hasSizeGreaterThanOrEqualTo(2);
        return tests.stream();
    }

    /**
     * application.yml with each commented setting uncommented: the settings within the
     * file's blocks stay in place; each commented top-level block becomes a document of
     * its own, since two of them may set the same top-level key.
     */
    static List<String> uncommented(String yaml) {
        List<String> documents = new ArrayList<>();
        StringBuilder main = new StringBuilder();
        StringBuilder separate = null;
        for (String line : yaml.split("\n", -1)) {
            Matcher setting = COMMENTED_SETTING.matcher(line);
            boolean topLevel = setting.matches() && setting.group(1).isEmpty() && !setting.group(2).startsWith(" ");
            if (topLevel) {
                if (separate != null) {
                    documents.add(separate.toString());
                }
                separate = new StringBuilder(setting.group(2)).append('\n');
            }
            else if (separate != null && setting.matches() && setting.group(1).isEmpty()) {
                separate.append(setting.group(2)).append('\n');
            }
            else {
                if (separate != null && !line.startsWith("#")) {
                    documents.add(separate.toString());
                    separate = null;
                }
                main.append(setting.matches() ? setting.group(1) + setting.group(2) : line).append('\n');
            }
        }
        if (separate != null) {
            documents.add(separate.toString());
        }
        documents.add(0, main.toString());
        return documents;
    }

    private void assertWorks(String where, String yaml) throws IOException {
        String withFixtures = withFixtures(yaml);
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(where,
                new ByteArrayResource(withFixtures.getBytes(StandardCharsets.UTF_8), where));
        Map<String, Object> variables = new LinkedHashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(withFixtures);
        while (placeholder.find()) {
            variables.put(placeholder.group(1), PASSWORD);
        }
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
            .withConfiguration(AutoConfigurations.of(PortalSystemAutoConfiguration.class)).withUserConfiguration(StrictConfigurationTests.PortalSettings.class, OtherSettings.class)
            .withInitializer((context) -> {
                sources.forEach(context.getEnvironment().getPropertySources()::addFirst);
                context.getEnvironment().getPropertySources().addLast(new MapPropertySource("variables", variables));
            })
            .run((context) -> {
                assertThat(context).as(where + ":\n" + yaml).hasNotFailed();
                SslProperties ssl = context.getBean(SslProperties.class);
                SslBundles bundles = context.getBean(SslBundles.class);
                ssl.getBundle().getJks().keySet().forEach((name) -> assertThat(bundles.getBundle(name).getStores().getKeyStore())
                    .as(where + ": SSL bundle " + name).isNotNull());
                ssl.getBundle().getPem().keySet().forEach((name) -> assertThat(bundles.getBundle(name).getStores().getKeyStore())
                    .as(where + ": SSL bundle " + name).isNotNull());
            });
    }

    /**
     * The example with every {@code file:/etc/portal/NAME} pointing at a test file of the
     * same kind: a PKCS12 or JKS key store (password {@value #PASSWORD}, alias
     * {@code portal}), a private key, a CA certificate or a certificate chain.
     */
    private static String withFixtures(String yaml) {
        Matcher file = FILE.matcher(yaml);
        StringBuilder result = new StringBuilder();
        while (file.find()) {
            Path fixture = fixture(file.group(1));
            file.appendReplacement(result, Matcher.quoteReplacement("file:" + fixture));
        }
        file.appendTail(result);
        return result.toString();
    }

    private static Path fixture(String name) {
        Path path = fixtures.resolve(name);
        if (Files.exists(path)) {
            return path;
        }
        if (name.endsWith(".pfx") || name.endsWith(".p12")) {
            return leaf.writePkcs12(path, PASSWORD, "portal");
        }
        if (name.endsWith(".jks")) {
            return leaf.writeJks(path, PASSWORD, "portal");
        }
        if (name.contains("key")) {
            return leaf.writeKeyPem(path);
        }
        if (name.contains("ca")) {
            return TestCertificates.write(path, TestCertificates.pem(List.of(ca.leaf())));
        }
        return leaf.writeCertificatePem(path);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DataSourceProperties.class)
    static class OtherSettings {

    }

}
