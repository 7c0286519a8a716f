package io.portal.system;

import java.util.Optional;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
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
 * Where a configuration property's value comes from, in the words an operator uses:
 * {@code application.yml line 38}, {@code environment PORTAL_BINDINGS_SECURE_PORT},
 * {@code command line}, {@code built-in default}. Asks the property sources in the order
 * Spring Boot binds them, through Boot's {@link Origin} API, instead of guessing. The one
 * home of this rule: the origins of binding fields and of the HTTPS settings both come
 * from here.
 */
public final class PropertyOrigins {

    /**
     * How a value from {@link PortalDefaults} is described.
     */
    public static final String BUILT_IN = "built-in default";

    private final Environment environment;

    public PropertyOrigins(Environment environment) {
        this.environment = environment;
    }

    /**
     * Where a property is set.
     * @param property the property, such as {@code portal.bindings.secure.port}
     * @return where its value comes from, or empty when no source sets it (nor, for a map
     * or list, any of its elements)
     */
    public Optional<String> describe(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty value = source.getConfigurationProperty(name);
            if (value == null) {
                value = firstDescendant(source, name);
            }
            if (value != null) {
                return Optional.of(describe(source.getUnderlyingSource(), value.getOrigin()));
            }
        }
        return Optional.empty();
    }

    /**
     * A list or map is bound from its elements ({@code protocols[0]}, {@code sni[a.b]}).
     */
    private static ConfigurationProperty firstDescendant(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT
                && source instanceof IterableConfigurationPropertySource iterable) {
            for (ConfigurationPropertyName element : iterable) {
                if (name.isAncestorOf(element)) {
                    return source.getConfigurationProperty(element);
                }
            }
        }
        return null;
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
            if (PortalDefaults.PROPERTY_SOURCE_NAME.equals(propertySource.getName())) {
                return BUILT_IN;
            }
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
