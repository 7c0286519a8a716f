package io.portal.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains a {@code portal.*} value that cannot be read or is out of range, naming the
 * setting, where it was set, the value, what is wrong and what to write instead. Other
 * properties are left to Spring Boot's own analyzers, which this one comes before.
 */
class PortalBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        BindValidationException validation = findCause(cause, BindValidationException.class);
        if (validation != null) {
            return analyzeValidation(cause, validation);
        }
        ConfigurationProperty property = cause.getProperty();
        if (property == null || !PortalPropertyBindHandler.PORTAL.isAncestorOf(property.getName())) {
            return null;
        }
        String name = property.getName().toString();
        String where = where(property.getOrigin());
        ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
        Class<?> type = (conversion != null) ? conversion.getTargetType().getObjectType() : null;
        String value = Echo.of(String.valueOf(property.getValue()));
        String reason = reason(cause, type, value);
        String description = name + where + " cannot be used: " + reason + (reason.endsWith(".") ? "" : ".");
        String action = "Set " + name + where + " to " + expected(type) + ".";
        return new FailureAnalysis(description, action, cause);
    }

    private FailureAnalysis analyzeValidation(BindException cause, BindValidationException validation) {
        List<ObjectError> errors = validation.getValidationErrors().getAllErrors();
        if (errors.isEmpty() || !PortalPropertyBindHandler.PORTAL.isAncestorOf(validation.getValidationErrors().getName())
                && !"portal".equals(validation.getValidationErrors().getName().toString())) {
            return null;
        }
        StringBuilder description = new StringBuilder();
        StringBuilder action = new StringBuilder();
        for (ObjectError error : errors) {
            String name = (error instanceof FieldError field)
                    ? DataObjectPropertyName.toDashedForm(error.getObjectName() + "." + field.getField()) : error.getObjectName();
            String where = where(Origin.from(error));
            Object rejected = (error instanceof FieldError field) ? field.getRejectedValue() : null;
            String value = (rejected instanceof Duration duration) ? PortalDurations.format(duration)
                    : Echo.of(String.valueOf(rejected));
            if (description.length() > 0) {
                description.append(System.lineSeparator());
                action.append(System.lineSeparator());
            }
            description.append(name).append(where).append(" is ").append(value).append(", but it ")
                .append(error.getDefaultMessage()).append('.');
            action.append("Change ").append(name).append(where).append(": it ").append(error.getDefaultMessage()).append('.');
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    private static String where(Origin origin) {
        String described = (origin != null) ? SettingOrigin.describe(origin) : null;
        return (described != null) ? " (" + described + ")" : "";
    }

    private String reason(BindException cause, Class<?> type, String value) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (type == Duration.class && root instanceof IllegalArgumentException) {
            return root.getMessage();
        }
        if (type != null && (type == Integer.class || type == Long.class)) {
            return "'" + value + "' is not a whole number";
        }
        if (type == Boolean.class) {
            return "'" + value + "' is not true or false";
        }
        if (type != null && type.isEnum()) {
            return "'" + value + "' is not one of " + choices(type);
        }
        return "'" + value + "' cannot be read (" + root.getMessage() + ")";
    }

    private static String expected(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 30s, 5m, 1h30m, 365d or 1y (a plain number is seconds)";
        }
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type != null && type.isEnum()) {
            return "one of " + choices(type);
        }
        return "a valid value (application.yml lists every setting with its default)";
    }

    private static String choices(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
            .map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
