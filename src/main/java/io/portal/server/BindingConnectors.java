package io.portal.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.portal.binding.Binding;

import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.web.server.Ssl.ClientAuth;

/**
 * The Tomcat connector behind each binding. Configures a connector for a binding and,
 * when an SSL bundle is updated, reloads the certificate on every connector that uses it
 * (as default certificate or for an SNI host name): new handshakes get the new
 * certificate while open connections carry on. Thread-safe.
 */
public class BindingConnectors {

    private static final Log logger = LogFactory.getLog(BindingConnectors.class);

    private final SslBundles sslBundles;

    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private final Set<String> watchedBundles = ConcurrentHashMap.newKeySet();

    public BindingConnectors(SslBundles sslBundles) {
        this.sslBundles = sslBundles;
    }

    /**
     * Set a connector up for a binding: port, address and, for HTTPS, TLS with the
     * binding's certificates. The connector is tracked from then on.
     * @param connector a connector that has not been started
     * @param binding the binding it serves
     */
    void configure(Connector connector, Binding binding) {
        connector.setPort(binding.port());
        if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
            protocol.setAddress(binding.isWildcard() ? null : resolve(binding.address()));
        }
        SslConnectorCustomizer ssl = null;
        if (binding.isHttps()) {
            ssl = new SslConnectorCustomizer(logger, connector, ClientAuth.NONE);
            Map<String, SslBundle> sni = new LinkedHashMap<>();
            binding.sni().forEach((host, bundle) -> sni.put(host, bundle(binding, bundle)));
            ssl.customize(bundle(binding, binding.sslBundle()), sni);
            binding.bundles().forEach(this::watch);
        }
        this.live.put(binding.name(), new Live(binding, connector, ssl));
    }

    /**
     * Forget a binding's connector, for example after it was removed from the server.
     * @param name the binding's name
     */
    void forget(String name) {
        this.live.remove(name);
    }

    public List<Live> all() {
        return this.live.values().stream().sorted(Comparator.comparing((l) -> l.binding().name())).toList();
    }

    public Optional<Live> find(String name) {
        return Optional.ofNullable(this.live.get(name));
    }

    private SslBundle bundle(Binding binding, String name) {
        return TlsPolicy.apply(this.sslBundles.getBundle(name), binding);
    }

    private void watch(String bundleName) {
        if (this.watchedBundles.add(bundleName)) {
            this.sslBundles.addBundleUpdateHandler(bundleName, (updated) -> reload(bundleName, updated));
        }
    }

    private void reload(String bundleName, SslBundle updated) {
        for (Live entry : this.live.values()) {
            Binding binding = entry.binding();
            if (entry.ssl() == null) {
                continue;
            }
            if (bundleName.equals(binding.sslBundle())) {
                reload(entry, null, bundleName, updated);
            }
            binding.sni().forEach((host, name) -> {
                if (bundleName.equals(name)) {
                    reload(entry, host, bundleName, updated);
                }
            });
        }
    }

    private void reload(Live entry, String host, String bundleName, SslBundle updated) {
        String target = "binding '" + entry.binding().name() + "'" + ((host != null) ? " for " + host : "");
        try {
            entry.ssl().update(host, TlsPolicy.apply(updated, entry.binding()));
            logger.info("Reloaded SSL bundle '" + bundleName + "' on " + target);
        }
        catch (RuntimeException ex) {
            logger.error("SSL bundle '" + bundleName + "' was updated but cannot be served on " + target
                    + "; the previous certificate stays in use: " + ex.getMessage());
        }
    }

    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("Address " + address + " cannot be resolved", ex);
        }
    }

    /**
     * A binding with its connector.
     *
     * @param binding the binding
     * @param connector its Tomcat connector
     * @param ssl the TLS configurer, {@code null} for HTTP
     */
    public record Live(Binding binding, Connector connector, SslConnectorCustomizer ssl) {

        /**
         * Whether the connector accepts connections.
         * @return whether it is started
         */
        public boolean isRunning() {
            return this.connector.getState() == LifecycleState.STARTED;
        }

        /**
         * The port the connector actually listens on.
         * @return the local port, or the configured one when not listening
         */
        public int localPort() {
            int port = this.connector.getLocalPort();
            return (port > 0) ? port : this.binding.port();
        }

    }

}
