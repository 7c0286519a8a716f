package io.portal.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorFailureAnalyzerTests {

    private final MockEnvironment environment = new MockEnvironment()
        .withProperty("portal.bindings.web.port", "8080")
        .withProperty("portal.bindings.shop.scheme", "https")
        .withProperty("portal.bindings.shop.port", "9443")
        .withProperty("portal.bindings.shop.ssl-bundle", "shop");

    private final ConnectorFailureAnalyzer analyzer = new ConnectorFailureAnalyzer(this.environment);

    @Test
    void aConnectorThatCouldNotStartIsNamedByItsBindingWithThePortToChange() {
        ConnectorStartFailedException failed = new ConnectorStartFailedException(9443);
        FailureAnalysis analysis = this.analyzer.analyze(new ApplicationContextException("Unable to start web server", failed));
        assertThat(analysis.getDescription()).isEqualTo("Binding 'shop' could not listen on port 9443: the port is already in use, "
                + "or the address does not belong to this machine.");
        assertThat(analysis.getAction()).isEqualTo("Stop the process that listens on port 9443 (see 'ss -ltnp'), or choose another "
                + "port with portal.bindings.shop.port.");
    }

    @Test
    void aPortInUseIsNamedByItsBinding() {
        PortInUseException inUse = new PortInUseException(8080, new java.net.BindException("Address already in use"));
        FailureAnalysis analysis = this.analyzer.analyze(new ApplicationContextException("Unable to start web server", inUse));
        assertThat(analysis.getDescription()).startsWith("Binding 'web' could not listen on port 8080: ");
        assertThat(analysis.getAction()).endsWith("or choose another port with portal.bindings.web.port.");
    }

    @Test
    void aPortNoBindingUsesIsReportedAsAConnectorWithoutSetting() {
        FailureAnalysis analysis = this.analyzer.analyze(new ConnectorStartFailedException(7000));
        assertThat(analysis.getDescription()).startsWith("A Tomcat connector could not listen on port 7000: ");
        assertThat(analysis.getAction()).isEqualTo("Stop the process that listens on port 7000 (see 'ss -ltnp'), or choose another port.");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new ApplicationContextException("Unable to start web server",
                new IllegalStateException("port 8080")))).isNull();
    }

}
