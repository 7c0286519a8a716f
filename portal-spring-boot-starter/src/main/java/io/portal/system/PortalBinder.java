package io.portal.system;

import java.util.List;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * A {@link Binder} that reads {@code portal.*} properties the way the application
 * context does (the portal's duration format included), for code that binds before or
 * outside the context: shell commands, failure analyzers, the configuration checks.
 */
public final class PortalBinder {

    private PortalBinder() {
    }

    /**
     * A binder over an environment's property sources.
     * @param environment the environment
     * @return the binder
     */
    public static Binder get(Environment environment) {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        PropertySourcesPlaceholdersResolver placeholders = (environment instanceof ConfigurableEnvironment configurable)
                ? new PropertySourcesPlaceholdersResolver(configurable.getPropertySources())
                : new PropertySourcesPlaceholdersResolver(environment);
        return new Binder(sources, placeholders, conversionServices(), null, handler(BindHandler.DEFAULT), null);
    }

    /**
     * A binder over property sources, such as those of a YAML file.
     * @param sources the sources
     * @return the binder
     */
    public static Binder of(Iterable<PropertySource<?>> sources) {
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources),
                conversionServices(), null, handler(BindHandler.DEFAULT), null);
    }

    /**
     * The bind handler that marks portal properties, around another.
     * @param parent the handler to wrap
     * @return the handler
     */
    public static BindHandler handler(BindHandler parent) {
        return new PortalPropertyBindHandler(parent);
    }

    private static List<ConversionService> conversionServices() {
        GenericConversionService portal = new GenericConversionService();
        portal.addConverter(new PortalDurationConverter());
        return List.of(portal, ApplicationConversionService.getSharedInstance());
    }

}
