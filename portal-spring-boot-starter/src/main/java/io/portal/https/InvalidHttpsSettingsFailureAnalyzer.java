package io.portal.https;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains an {@link InvalidHttpsSettingsException} at startup.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidHttpsSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHttpsSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidHttpsSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
