package io.portal.system;

import java.io.IOException;
import java.util.List;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Spring Boot's YAML loader, with the file named when it cannot be parsed: the parser's
 * own error says where in the file, not which file. Ordered first, so that it reads
 * {@code .yml} and {@code .yaml} files in place of Boot's loader.
 */
public class NamingYamlPropertySourceLoader implements PropertySourceLoader, Ordered {

    private final YamlPropertySourceLoader delegate = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return this.delegate.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return this.delegate.load(name, resource);
        }
        catch (MarkedYAMLException ex) {
            throw new MalformedConfigurationException(describe(resource), ex);
        }
    }

    private static String describe(Resource resource) {
        try {
            if (resource.isFile()) {
                return resource.getFile().getPath();
            }
        }
        catch (IOException ex) {
            // named by its description below
        }
        return resource.getDescription();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * A configuration file that is not valid YAML.
     */
    public static class MalformedConfigurationException extends RuntimeException {

        private final String file;

        MalformedConfigurationException(String file, MarkedYAMLException cause) {
            super(file + " is not valid YAML: " + cause.getMessage(), cause);
            this.file = file;
        }

        public String getFile() {
            return this.file;
        }

    }

}
