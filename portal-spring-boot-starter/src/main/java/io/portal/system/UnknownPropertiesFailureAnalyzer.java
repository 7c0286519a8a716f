package io.portal.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains settings the portal does not have: each one with where it was set and the
 * name it most likely meant.
 */
class UnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
        StringBuilder description = new StringBuilder();
        StringBuilder action = new StringBuilder();
        int count = cause.getProperties().size();
        description.append((count == 1) ? "The configuration sets a setting the portal does not have, so it would be ignored:"
                : "The configuration sets " + count + " settings the portal does not have, so they would be ignored:");
        for (UnknownProperties.UnknownProperty property : cause.getProperties()) {
            description.append(System.lineSeparator()).append("    ").append(property.spelled());
            if (property.environmentVariable() != null) {
                description.append(" (environment variable, read as ").append(property.name()).append(')');
            }
            else if (!property.origin().isEmpty()) {
                description.append(" (").append(property.origin()).append(')');
            }
            action.append((action.length() > 0) ? System.lineSeparator() : "");
            if (property.suggestion() != null) {
                action.append("Rename ").append(property.spelled()).append(" to ").append(property.suggestionSpelled()).append('.');
            }
            else if (!property.validNames().isEmpty()) {
                action.append("Remove ").append(property.spelled()).append(", or use one of the settings of ").append(property.parent())
                    .append(": ").append(String.join(", ", property.validNames())).append('.');
            }
            else {
                action.append("Remove ").append(property.spelled()).append('.');
            }
        }
        action.append(System.lineSeparator()).append("All settings, with their defaults, are listed in application.yml.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

}
