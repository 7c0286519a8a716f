package io.portal.certificate;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CertificateProblemFailureAnalyzerTests {

    private final CertificateProblemFailureAnalyzer analyzer = new CertificateProblemFailureAnalyzer();

    @Test
    void aBundleWithoutKeyStoreIsNamedWithTheBindingsThatUseItAndTheFix() {
        SslProperties ssl = new SslProperties();
        ssl.getBundle().getJks().put("shop", new JksSslBundleProperties());
        CertificateInspector inspector = new CertificateInspector(new BundleOrigins(ssl, new CertificatesProperties()), Clock.systemUTC());
        CertificateProblemException problem = catchThrowableOfType(CertificateProblemException.class,
                () -> inspector.inspect("shop", SslBundle.of(SslStoreBundle.NONE)));
        CertificateProblemException atStartup = problem.usedBy(List.of("secure", "admin"), "spring.ssl.bundle.jks.shop");
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("bindingConnectors", "Error creating bean", atStartup));
        assertThat(analysis.getDescription()).isEqualTo("SSL bundle 'shop' (spring.ssl.bundle.jks.shop, used by bindings 'secure', "
                + "'admin') cannot be used: it has no key store, so it has no certificate and private key to serve.");
        assertThat(analysis.getAction()).startsWith("Give the bundle a certificate and its private key: keystore.location");
        assertThat(analysis.getCause()).isSameAs(atStartup);
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new BeanCreationException("x", "Error creating bean", new IllegalStateException("bundle")))).isNull();
    }

}
