package io.portal.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
            if (scheme == Scheme.HTTP && listener.getHttp2() != null) {
                throw new InvalidBindingException(name, "http2", "is plain HTTP but sets http2; HTTP/2 is offered on "
                        + "HTTPS bindings only (through TLS ALPN), and cleartext HTTP/2 is not served",
                        "Remove portal.bindings." + name + ".http2, or set portal.bindings." + name + ".scheme=https.");
            }
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

    /**
     * Every binding declared in configuration, enabled or not, as declared.
     * @param properties the configuration
     * @return the values by name, sorted by name
     */
    public static Map<String, BindingValues> declared(BindingProperties properties) {
        Map<String, BindingValues> declared = new TreeMap<>();
        properties.getBindings().forEach((name, listener) -> declared.put(name, BindingValues.of(listener)));
        return declared;
    }

    /**
     * The bindings that listen: those from configuration with their runtime changes
     * (overrides) applied, enabled ones only, and those added at runtime. Bindings whose
     * configuration is incomplete (no port) are left out; startup reports them.
     * @param properties the configuration
     * @param store the state store
     * @return the bindings, sorted by name
     */
    public static List<Binding> withStored(BindingProperties properties, BindingStore store) {
        Map<String, BindingOverride> overrides = store.findOverrides();
        List<Binding> bindings = new ArrayList<>();
        declared(properties).forEach((name, configured) -> {
            BindingValues values = overrides.getOrDefault(name, BindingOverride.none(name)).applyTo(configured);
            if (values.enabled() && values.port() != null) {
                bindings.add(values.toBinding(name, Binding.Source.CONFIG));
            }
        });
        store.findAll().stream().filter((b) -> !properties.getBindings().containsKey(b.name())).forEach(bindings::add);
        bindings.sort(Comparator.comparing(Binding::name));
        return List.copyOf(bindings);
    }

}
