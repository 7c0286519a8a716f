package io.portal.system;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration sets {@code portal.*} properties that the portal does not have.
 */
public class UnknownPropertiesException extends RuntimeException {

    private final List<UnknownProperties.UnknownProperty> properties;

    public UnknownPropertiesException(List<UnknownProperties.UnknownProperty> properties) {
        super("Unknown settings: " + properties.stream().map(UnknownProperties.UnknownProperty::name).collect(Collectors.joining(", ")));
        this.properties = List.copyOf(properties);
    }

    public List<UnknownProperties.UnknownProperty> getProperties() {
        return this.properties;
    }

}
