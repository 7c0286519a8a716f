package io.portal.system;

import java.util.Arrays;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Marks every value bound under {@code portal.} with {@link PortalProperty}, which is
 * how the portal's converters know that a value belongs to the portal. Installed for
 * every {@code @ConfigurationProperties} bean through a
 * {@link org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor},
 * and by {@link PortalBinder} for binding outside the application context.
 */
public class PortalPropertyBindHandler extends AbstractBindHandler {

    /**
     * The root of the portal's properties.
     */
    public static final ConfigurationPropertyName PORTAL = ConfigurationPropertyName.of("portal");

    public PortalPropertyBindHandler(BindHandler parent) {
        super(parent);
    }

    @Override
    public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
        Bindable<T> started = super.onStart(name, target, context);
        if (started == null || !PORTAL.isAncestorOf(name) || started.getAnnotation(PortalProperty.class) != null) {
            return started;
        }
        var annotations = Arrays.copyOf(started.getAnnotations(), started.getAnnotations().length + 1);
        annotations[annotations.length - 1] = PortalProperty.INSTANCE;
        return started.withAnnotations(annotations);
    }

}
