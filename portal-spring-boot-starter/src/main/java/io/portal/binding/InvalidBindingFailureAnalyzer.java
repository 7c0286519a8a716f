package io.portal.binding;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains an {@link InvalidBindingException} at startup.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidBindingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBindingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidBindingException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
