package io.portal.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bindings declared in configuration, as immutable {@link Binding}s sorted by name.
 */
public final class ConfiguredBindings {

    private static final Log logger = LogFactory.getLog(ConfiguredBindings.class);

    private ConfiguredBindings() {
    }

    public static List<Binding> from(BindingProperties properties) {
        List<Binding> bindings = new ArrayList<>();
        for (Map.Entry<String, BindingProperties.Listener> entry : properties.getBindings().entrySet()) {
            String name = entry.getKey();
            BindingProperties.Listener listener = entry.getValue();
            if (!listener.isEnabled()) {
                continue;
            }
            if (listener.getPort() == null) {
                throw new InvalidBindingException(name, "port", "has no port",
                        "Set portal.bindings." + name + ".port to a port between 1 and 65535.");
            }
            Scheme scheme = listener.getScheme();
            String sslBundle = listener.getSslBundle();
            if (scheme == Scheme.HTTP && (sslBundle != null || !listener.getSni().isEmpty())) {
                logger.warn("Binding '" + name + "' is plain HTTP, so its SSL settings (ssl-bundle " + sslBundle
                        + ", sni) are not used. Set portal.bindings." + name + ".scheme=https to serve TLS.");
                sslBundle = null;
            }
            bindings.add(new Binding(name, scheme, listener.getAddress(), listener.getPort(), sslBundle,
                    (scheme == Scheme.HTTPS) ? listener.getSni() : Map.of(), listener.getProtocols(), listener.getCiphers(),
                    listener.getRedirectTo(), Binding.Source.CONFIG));
        }
        bindings.sort(Comparator.comparing(Binding::name));
        return List.copyOf(bindings);
    }

}
