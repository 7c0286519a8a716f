package io.portal.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented {@code application.yml} at the top of the project states exactly the
 * defaults the code has, for every {@code portal.*} settings class.
 */
class ApplicationYmlTests {

    @TempDir
    Path dir;

    @Test
    void everyPortalSettingInApplicationYmlEqualsTheDefaultInCode() throws Exception {
        Binder documented = binder(yaml());
        Binder builtIn = binder(defaults());
        List<Class<?>> classes = portalPropertiesClasses();
        assertThat(classes).isNotEmpty();
        for (Class<?> type : classes) {
            String prefix = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class).prefix();
            Object fromYaml = documented.bindOrCreate(prefix, type);
            Object fromCode = builtIn.bindOrCreate(prefix, type);
            assertThat(fromYaml).as(type.getSimpleName() + " in application.yml").usingRecursiveComparison()
                .ignoringFields("dataDir")
                .isEqualTo(fromCode);
        }
        PortalProperties yaml = documented.bindOrCreate("portal", PortalProperties.class);
        assertThat(yaml.getDataDir().normalize()).isEqualTo(new PortalProperties().getDataDir().normalize());
    }

    private static List<PropertySource<?>> yaml() throws IOException {
        return new YamlPropertySourceLoader().load("application.yml", new FileSystemResource("application.yml"));
    }

    private List<PropertySource<?>> defaults() {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new MapPropertySource("test", Map.of("portal.data-dir", this.dir.toString())));
        new PortalDefaults().postProcessEnvironment(environment, new SpringApplication());
        new io.portal.PortalApplicationDefaults().postProcessEnvironment(environment, new SpringApplication());
        sources.remove("test");
        return sources.stream().toList();
    }

    private static Binder binder(List<PropertySource<?>> sources) {
        return PortalBinder.of(sources);
    }

    private static List<Class<?>> portalPropertiesClasses() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> classes = new java.util.ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.portal")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (AnnotationUtils.findAnnotation(type, ConfigurationProperties.class).prefix().startsWith("portal")) {
                classes.add(type);
            }
        }
        return classes;
    }

}
