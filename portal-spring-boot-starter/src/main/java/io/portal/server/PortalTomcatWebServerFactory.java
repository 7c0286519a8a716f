package io.portal.server;

import java.util.List;
import java.util.function.Supplier;

import io.portal.binding.Binding;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardThreadExecutor;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Tomcat with one connector per binding. Every connector gets exactly what Spring Boot
 * gives its own connector (server.tomcat.* settings, compression, customizers), then the
 * binding's port, address, TLS and HTTP/2. {@code server.port}, {@code server.ssl} and
 * {@code server.http2} are replaced by the bindings; only when every binding is switched
 * off does Tomcat listen as Spring Boot configures it.
 */
public class PortalTomcatWebServerFactory extends TomcatServletWebServerFactory {

    private final Supplier<List<Binding>> bindings;

    private final BindingConnectors connectors;

    private volatile Binding primary;

    private StandardThreadExecutor executor;

    public PortalTomcatWebServerFactory(Supplier<List<Binding>> bindings, BindingConnectors connectors) {
        this.bindings = bindings;
        this.connectors = connectors;
    }

    @Override
    public WebServer getWebServer(ServletContextInitializer... initializers) {
        List<Binding> planned = this.bindings.get();
        if (planned.isEmpty()) {
            return super.getWebServer(initializers);
        }
        this.primary = planned.get(0);
        setPort(this.primary.port());
        setSsl(null);
        // Each HTTPS binding offers HTTP/2 itself unless it declines it (BindingConnectors),
        // and no HTTP binding offers cleartext h2c.
        setHttp2(null);
        setAdditionalConnectors(planned.subList(1, planned.size()).stream().map(this::createConnector).toList());
        return super.getWebServer(initializers);
    }

    @Override
    protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
        if (this.executor != null) {
            tomcat.getService().addExecutor(this.executor);
        }
        this.connectors.attach(tomcat.getService(), this::createConnector);
        return super.getTomcatWebServer(tomcat);
    }

    @Override
    protected void customizeConnector(Connector connector) {
        super.customizeConnector(connector);
        if (this.primary != null) {
            useSharedExecutor(connector);
            this.connectors.configure(connector, this.primary);
        }
    }

    /**
     * A connector for a binding, configured but not started.
     * @param binding the binding
     * @return the connector
     */
    public Connector createConnector(Binding binding) {
        Connector connector = new Connector(getProtocol());
        super.customizeConnector(connector);
        useSharedExecutor(connector);
        this.connectors.configure(connector, binding);
        return connector;
    }

    /**
     * Let every connector run its requests on one thread pool, sized by
     * {@code server.tomcat.threads.*}, so that the number of threads does not grow with the
     * number of bindings. A connector that Spring Boot already gave an executor (virtual
     * threads) keeps it.
     */
    private synchronized void useSharedExecutor(Connector connector) {
        if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) || protocol.getExecutor() != null) {
            return;
        }
        if (this.executor == null) {
            StandardThreadExecutor shared = new StandardThreadExecutor();
            shared.setName("portal-connectors");
            shared.setNamePrefix("portal-exec-");
            shared.setMaxThreads(protocol.getMaxThreads());
            shared.setMinSpareThreads(protocol.getMinSpareThreads());
            this.executor = shared;
        }
        protocol.setExecutor(this.executor);
    }

}
