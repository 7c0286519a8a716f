package io.portal.acme;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AcmeConfigurationFailureAnalyzerTests {

    private final AcmeConfigurationFailureAnalyzer analyzer = new AcmeConfigurationFailureAnalyzer();

    @TempDir
    Path dir;

    @Test
    void aMissingTrustStoreIsNamedWithItsSettingAndTheFix() {
        String location = "file:" + this.dir.resolve("acme-ca.pem");
        AcmeConfigurationException invalid = catchThrowableOfType(AcmeConfigurationException.class,
                () -> AcmeTrust.extraCertificates(location, null));
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("acmeClient", "Error creating bean", invalid));
        assertThat(analysis.getDescription())
            .isEqualTo("The ACME trust store " + location + " (portal.acme.trust-store) does not exist.");
        assertThat(analysis.getAction()).startsWith("Correct the path in portal.acme.trust-store")
            .endsWith("or remove it to trust only the JVM's CAs.");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new BeanCreationException("acmeClient", "Error creating bean",
                new IllegalArgumentException("portal.acme.directory")))).isNull();
    }

}
