package io.portal.system;

import java.io.IOException;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Where a property was set, in the words an operator uses: a file with its line and
 * column, an environment variable by name, a command-line option, a system property.
 * Reads Spring Boot's {@link Origin} of the value rather than guessing.
 */
public final class SettingOrigin {

    private SettingOrigin() {
    }

    /**
     * Where the value of a property in force comes from.
     * @param environment the environment
     * @param name the property
     * @return the description, or {@code null} when no source sets it
     */
    public static String of(Environment environment, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return describe(source, property);
            }
        }
        return null;
    }

    /**
     * Where a property found in a source comes from.
     * @param source the source that holds it
     * @param property the property
     * @return the description, such as {@code application.yml line 12, column 5}
     */
    public static String describe(ConfigurationPropertySource source, ConfigurationProperty property) {
        String described = describe(property.getOrigin());
        if (described != null) {
            return described;
        }
        if (source.getUnderlyingSource() instanceof PropertySource<?> propertySource) {
            return describe(propertySource, property.getName().toString());
        }
        return String.valueOf(property.getOrigin());
    }

    /**
     * Where a value with this origin comes from.
     * @param origin the origin, such as that of a bind or validation error
     * @return the description, or {@code null} when the origin says nothing useful
     */
    public static String describe(Origin origin) {
        Origin inner = origin;
        while (inner instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            inner = wrapper.getOrigin();
        }
        if (inner instanceof SystemEnvironmentOrigin environment) {
            return "environment variable " + environment.getProperty();
        }
        if (inner instanceof TextResourceOrigin text && text.getResource() != null) {
            String file = fileName(text);
            return (text.getLocation() != null)
                    ? file + " line " + (text.getLocation().getLine() + 1) + ", column " + (text.getLocation().getColumn() + 1)
                    : file;
        }
        if (origin instanceof PropertySourceOrigin named) {
            return describe(named.getPropertySource(), named.getPropertyName());
        }
        return null;
    }

    private static String describe(PropertySource<?> propertySource, String propertyName) {
        if (propertySource instanceof CommandLinePropertySource<?>) {
            return "command-line option --" + propertyName;
        }
        if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(propertySource.getName())) {
            return "system property " + propertyName;
        }
        if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName())) {
            return "environment variable " + propertyName;
        }
        return "'" + propertyName + "' of property source '" + propertySource.getName() + "'";
    }

    private static String fileName(TextResourceOrigin text) {
        try {
            if (text.getResource().isFile()) {
                return text.getResource().getFile().getPath();
            }
        }
        catch (IOException ex) {
            // described by its name below
        }
        return text.getResource().getDescription();
    }

}
