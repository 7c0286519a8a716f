package io.portal.certificate;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link CertificateProblemException} at startup.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class CertificateProblemFailureAnalyzer extends AbstractFailureAnalyzer<CertificateProblemException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CertificateProblemException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
