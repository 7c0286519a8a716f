package io.portal.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.portal.binding.Binding;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Listeners;
import io.portal.certificate.ServedBundles;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http2.Http2Protocol;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.web.server.Ssl.ClientAuth;

/**
 * The Tomcat connector behind each binding. Configures connectors, opens and closes them
 * at runtime and, when an SSL bundle is updated, reloads the certificate on every
 * connector that uses it (as default certificate or for an SNI host name): new handshakes
 * get the new certificate while open connections carry on. Thread-safe; changes are
 * serialized.
 */
public class BindingConnectors implements Listeners, ServedBundles {

    private static final Log logger = LogFactory.getLog(BindingConnectors.class);

    private final SslBundles sslBundles;

    private final BiFunction<String, SslBundle, Optional<String>> problemWith;

    private final Predicate<String> http2;

    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private volatile Service service;

    private volatile Function<Binding, Connector> connectorFactory;

    /**
     * Follow every SSL bundle, those registered now and those registered later, the way
     * Spring Boot's {@code SslMeterBinder} does: an update handler belongs to one
     * registration, so a bundle removed and registered again under the same name (a
     * certificate deleted and then requested or imported again) gets a new one, and a
     * registration itself reaches the connectors already configured with that name.
     * @param sslBundles the bundles
     * @param problemWith why a bundle cannot serve TLS (a key that does not belong to its
     * certificate, say), or empty: such a bundle is never swapped in
     * @param http2 whether the HTTPS binding of a name offers HTTP/2 (ALPN h2)
     */
    public BindingConnectors(SslBundles sslBundles, BiFunction<String, SslBundle, Optional<String>> problemWith,
            Predicate<String> http2) {
        this.sslBundles = sslBundles;
        this.problemWith = problemWith;
        this.http2 = http2;
        sslBundles.addBundleRegisterHandler((name, bundle) -> {
            follow(name);
            reload(name, bundle);
        });
        sslBundles.getBundleNames().forEach(this::follow);
    }

    /**
     * Connect to the running server, so that bindings can be opened and closed at runtime.
     * @param service the Tomcat service that holds the connectors
     * @param connectorFactory creates a configured, unstarted connector for a binding
     */
    void attach(Service service, Function<Binding, Connector> connectorFactory) {
        this.service = service;
        this.connectorFactory = connectorFactory;
    }

    /**
     * Set a connector up for a binding: port, address and, for HTTPS, TLS with the
     * binding's certificates and HTTP/2 unless the binding declines it (HTTP/1.1 is
     * always served). The connector is tracked from then on.
     * @param connector a connector that has not been started
     * @param binding the binding it serves
     */
    void configure(Connector connector, Binding binding) {
        connector.setPort(binding.port());
        if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
            protocol.setAddress(binding.isWildcard() ? null : resolve(binding.address()));
        }
        SslConnectorCustomizer ssl = null;
        Set<String> hosts = new HashSet<>();
        if (binding.isHttps()) {
            ssl = new SslConnectorCustomizer(logger, connector, ClientAuth.NONE);
            Map<String, SslBundle> sni = new LinkedHashMap<>();
            binding.sni().forEach((host, bundle) -> sni.put(host, bundle(binding, bundle)));
            ssl.customize(bundle(binding, binding.sslBundle()), sni);
            TlsPolicy.honourServerCipherOrder(connector);
            hosts.addAll(binding.sni().keySet());
            if (this.http2.test(binding.name())) {
                connector.addUpgradeProtocol(new Http2Protocol());
            }
        }
        this.live.put(binding.name(), new Live(binding, connector, ssl, hosts, null));
    }

    public List<Live> all() {
        return this.live.values().stream().sorted(Comparator.comparing((l) -> l.binding().name())).toList();
    }

    public Optional<Live> find(String name) {
        return Optional.ofNullable(this.live.get(name));
    }

    @Override
    public List<ListenerState> states() {
        return all().stream().map(Live::state).toList();
    }

    @Override
    public Optional<ListenerState> state(String name) {
        return find(name).map(Live::state);
    }

    @Override
    public List<String> servedBy(String bundle) {
        return all().stream()
            .filter((entry) -> entry.ssl() != null && entry.isRunning() && entry.binding().bundles().contains(bundle))
            .map((entry) -> entry.binding().name())
            .toList();
    }

    @Override
    public List<String> failedHttpsBindings() {
        return all().stream()
            .filter((entry) -> entry.binding().isHttps() && !entry.isRunning())
            .map((entry) -> "binding '" + entry.binding().name() + "' does not listen"
                    + ((entry.failure() != null) ? ": " + entry.failure() : ""))
            .toList();
    }

    @Override
    public boolean noHttpsListener() {
        List<Live> https = all().stream().filter((entry) -> entry.binding().isHttps()).toList();
        return !https.isEmpty() && https.stream().noneMatch(Live::isRunning);
    }

    @Override
    public void checkCanListen(Binding binding) {
        PortProbe.check(binding);
    }

    @Override
    public synchronized void open(Binding binding) {
        Service target = requireAttached();
        PortProbe.check(binding);
        Connector connector = this.connectorFactory.apply(binding);
        connector.setProperty("bindOnInit", "false");
        target.addConnector(connector);
        if (connector.getState() != LifecycleState.STARTED) {
            target.removeConnector(connector);
            destroy(connector);
            this.live.remove(binding.name());
            throw PortProbe.explain(binding, new IllegalStateException("address already in use"));
        }
        logger.info("Binding '" + binding.name() + "' listens on " + binding.localUrl());
    }

    @Override
    public synchronized void close(String name) {
        Live entry = this.live.remove(name);
        if (entry == null || entry.connector() == null) {
            return;
        }
        Service target = requireAttached();
        target.removeConnector(entry.connector());
        destroy(entry.connector());
        logger.info("Binding '" + name + "' stopped listening on port " + entry.binding().port());
    }

    @Override
    public synchronized void reconfigure(Binding binding) {
        Live entry = this.live.get(binding.name());
        if (entry != null && entry.connector() != null && !binding.isHttps() && entry.ssl() == null) {
            this.live.put(binding.name(), new Live(binding, entry.connector(), null, entry.hosts(), null));
            return;
        }
        if (entry == null || entry.ssl() == null || !binding.isHttps()) {
            throw new IllegalStateException("Binding '" + binding.name() + "' has no running HTTPS listener to reconfigure");
        }
        SslBundle defaultBundle = bundle(binding, binding.sslBundle());
        entry.ssl().update(null, defaultBundle);
        binding.sni().forEach((host, name) -> entry.ssl().update(host, bundle(binding, name)));
        // Tomcat cannot drop a host configuration from a running connector; a host name no
        // longer mapped is given the default certificate, which is what an unknown name gets.
        for (String host : entry.hosts()) {
            if (!binding.sni().containsKey(host)) {
                entry.ssl().update(host, defaultBundle);
            }
        }
        TlsPolicy.honourServerCipherOrder(entry.connector());
        Set<String> hosts = new HashSet<>(entry.hosts());
        hosts.addAll(binding.sni().keySet());
        this.live.put(binding.name(), new Live(binding, entry.connector(), entry.ssl(), hosts, null));
    }

    @Override
    public synchronized void replace(Binding current, Binding updated) {
        Live old = this.live.get(current.name());
        boolean samePort = current.port() == updated.port()
                && (current.isWildcard() || updated.isWildcard() || current.address().equals(updated.address()));
        if (old == null || old.connector() == null) {
            open(updated);
            return;
        }
        if (samePort) {
            close(current.name());
            try {
                open(updated);
            }
            catch (RuntimeException ex) {
                open(current);
                throw ex;
            }
            return;
        }
        try {
            open(updated);
        }
        catch (RuntimeException ex) {
            this.live.put(current.name(), old);
            throw ex;
        }
        requireAttached().removeConnector(old.connector());
        destroy(old.connector());
        logger.info("Binding '" + current.name() + "' stopped listening on port " + current.port());
    }

    @Override
    public void markFailed(Binding binding, String reason) {
        this.live.put(binding.name(), new Live(binding, null, null, Set.of(), reason));
    }

    private Service requireAttached() {
        if (this.service == null) {
            throw new IllegalStateException("The web server has not started yet");
        }
        return this.service;
    }

    private static void destroy(Connector connector) {
        try {
            connector.destroy();
        }
        catch (LifecycleException ex) {
            logger.debug("Connector on port " + connector.getPort() + " did not destroy cleanly", ex);
        }
    }

    private SslBundle bundle(Binding binding, String name) {
        return TlsPolicy.apply(this.sslBundles.getBundle(name), binding);
    }

    private void follow(String bundleName) {
        this.sslBundles.addBundleUpdateHandler(bundleName, (updated) -> reload(bundleName, updated));
    }

    private void reload(String bundleName, SslBundle updated) {
        if (this.live.values().stream().noneMatch((entry) -> entry.ssl() != null && entry.binding().bundles().contains(bundleName))) {
            return;
        }
        Optional<String> problem = this.problemWith.apply(bundleName, updated);
        if (problem.isPresent()) {
            logger.error("SSL bundle '" + bundleName + "' was updated with a certificate that cannot be served ("
                    + problem.get() + "); every binding keeps serving the previous one");
            return;
        }
        for (Live entry : this.live.values()) {
            Binding binding = entry.binding();
            if (entry.ssl() == null) {
                continue;
            }
            if (bundleName.equals(binding.sslBundle())) {
                reload(entry, null, bundleName, updated);
                // Host names no longer mapped were given the default certificate (Tomcat cannot
                // drop them), so they follow it.
                entry.hosts().stream().filter((host) -> !binding.sni().containsKey(host))
                    .forEach((host) -> reload(entry, host, bundleName, updated));
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
            TlsPolicy.honourServerCipherOrder(entry.connector());
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
            throw new InvalidBindingException("?", "address", "has an unresolvable address " + address, "Fix the address.");
        }
    }

    /**
     * A binding with its connector.
     *
     * @param binding the binding
     * @param connector its Tomcat connector, {@code null} if it failed to start
     * @param ssl the TLS configurer, {@code null} for HTTP
     * @param hosts SNI host names configured on the connector
     * @param failure why it is not running, or {@code null}
     */
    public record Live(Binding binding, Connector connector, SslConnectorCustomizer ssl, Set<String> hosts, String failure) {

        /**
         * Whether the connector accepts connections.
         * @return whether it is started
         */
        public boolean isRunning() {
            return this.connector != null && this.connector.getState() == LifecycleState.STARTED;
        }

        /**
         * The port the connector actually listens on.
         * @return the local port, or the configured one when not listening
         */
        public int localPort() {
            int port = (this.connector != null) ? this.connector.getLocalPort() : -1;
            return (port > 0) ? port : this.binding.port();
        }

        ListenerState state() {
            return new ListenerState(this.binding, isRunning(), localPort(), this.failure);
        }

    }

}
