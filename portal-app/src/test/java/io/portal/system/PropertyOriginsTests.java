package io.portal.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a value comes from, in an operator's words, asked in Spring Boot's order.
 */
class PropertyOriginsTests {

    @TempDir
    Path dir;

    @Test
    void eachSourceIsNamedTheWayAnOperatorKnowsIt() throws IOException {
        Path yaml = Files.writeString(this.dir.resolve("application.yml"), """
                portal:
                  bindings:
                    secure:
                      ssl-bundle: public
                      protocols: [TLSv1.3]
                """);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--portal.bindings.web.address=127.0.0.1"));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("PORTAL_BINDINGS_SECURE_PORT", "443")));
        // As Spring Boot does at startup: environment variables that know their names.
        new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(yaml))
            .forEach(environment.getPropertySources()::addLast);
        environment.getPropertySources().addLast(new MapPropertySource(PortalDefaults.PROPERTY_SOURCE_NAME,
                Map.of("portal.bindings.secure.port", 8443, "portal.bindings.secure.scheme", "https")));
        PropertyOrigins origins = new PropertyOrigins(environment);
        assertThat(origins.describe("portal.bindings.secure.port")).hasValue("environment PORTAL_BINDINGS_SECURE_PORT");
        assertThat(origins.describe("portal.bindings.secure.ssl-bundle")).hasValue("application.yml line 4");
        assertThat(origins.describe("portal.bindings.secure.protocols")).hasValue("application.yml line 5");
        assertThat(origins.describe("portal.bindings.secure.scheme")).hasValue(PropertyOrigins.BUILT_IN);
        assertThat(origins.describe("portal.bindings.web.address")).hasValue("command line");
        assertThat(origins.describe("portal.bindings.secure.address")).isEmpty();
    }

}
