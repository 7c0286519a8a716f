package io.portal.binding;

import java.util.Map;

/**
 * A binding as the API and the pages show it, from configuration or added at runtime:
 * its values in force, whether it is enabled, what configuration says and what was
 * changed at runtime, and where each value comes from.
 *
 * @param binding the binding in force (for a disabled one, what it would be)
 * @param values the values in force
 * @param configured the values from configuration, {@code null} for a runtime binding
 * @param override the fields changed at runtime of a configured binding (empty if none,
 * and for a runtime binding)
 * @param origins where each field's value comes from, in plain words
 */
public record BindingEntry(Binding binding, BindingValues values, BindingValues configured, BindingOverride override,
        Map<BindingField, String> origins) {

    public String name() {
        return this.binding.name();
    }

    public Binding.Source source() {
        return this.binding.source();
    }

    public boolean enabled() {
        return this.values.enabled();
    }

    /**
     * Whether a configured binding has fields changed at runtime.
     * @return whether an override is stored
     */
    public boolean overridden() {
        return !this.override.isEmpty();
    }

}
