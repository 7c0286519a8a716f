package io.portal.server;

import java.util.List;

import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.ConfiguredBindings;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Names the binding behind a Tomcat connector that failed to start, for the rare case
 * where the port was free when checked but taken by the time Tomcat bound it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConnectorFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    ConnectorFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Integer port = null;
        for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
            if (candidate instanceof PortInUseException portInUse) {
                port = portInUse.getPort();
            }
            else if (candidate instanceof ConnectorStartFailedException startFailed) {
                port = startFailed.getPort();
            }
        }
        if (port == null) {
            return null;
        }
        int failedPort = port;
        List<String> names = bindings().stream().filter((b) -> b.port() == failedPort).map(Binding::name).toList();
        String who = names.isEmpty() ? "A Tomcat connector" : "Binding '" + String.join("', '", names) + "'";
        return new FailureAnalysis(who + " could not listen on port " + failedPort
                + ": the port is already in use, or the address does not belong to this machine.",
                "Stop the process that listens on port " + failedPort + " (see 'ss -ltnp'), or choose another port"
                        + (names.isEmpty() ? "." : " with portal.bindings." + names.get(0) + ".port."),
                failure);
    }

    private List<Binding> bindings() {
        try {
            BindingProperties properties = Binder.get(this.environment)
                .bindOrCreate("portal", BindingProperties.class);
            return ConfiguredBindings.from(properties);
        }
        catch (RuntimeException ex) {
            return List.of();
        }
    }

}
