package io.portal.acme;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains an {@link AcmeConfigurationException} at startup.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcmeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AcmeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AcmeConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
