package io.portal.security;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Where a configured value comes from, in the words an operator uses: the default in
 * code, {@code application.yml} (with the line), an environment variable (by name), the
 * command line. Asks the same property sources, in the same order, as Spring Boot does
 * when it binds the settings.
 */
final class SettingOrigins {

    /**
     * Where a value comes from when no property source sets it.
     */
    static final String DEFAULT = "default";

    private final Environment environment;

    SettingOrigins(Environment environment) {
        this.environment = environment;
    }

    String describe(HttpsSetting setting) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(setting.property());
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return describe(source.getUnderlyingSource(), property.getOrigin());
            }
        }
        return DEFAULT;
    }

    private static String describe(Object source, Origin found) {
        Origin origin = found;
        while (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            origin = wrapper.getOrigin();
        }
        if (origin instanceof SystemEnvironmentOrigin environmentOrigin) {
            return "environment " + environmentOrigin.getProperty();
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null && source instanceof OriginTrackedMapPropertySource) {
            String file = text.getResource().getFilename();
            return file + ((text.getLocation() != null) ? " line " + (text.getLocation().getLine() + 1) : "");
        }
        if (source instanceof CommandLinePropertySource<?>) {
            return "command line";
        }
        if (source instanceof PropertySource<?> propertySource) {
            if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(propertySource.getName())) {
                return "system property";
            }
            if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName())) {
                return "environment";
            }
            return propertySource.getName();
        }
        return String.valueOf(source);
    }

}
