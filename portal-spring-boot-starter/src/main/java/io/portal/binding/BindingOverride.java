package io.portal.binding;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fields of a configured binding that were changed at runtime, kept in the state store.
 * They win over the configuration; the other fields follow it, also when it changes.
 *
 * @param name the binding's name
 * @param fields the changed fields, each with its value and who changed it when
 */
public record BindingOverride(String name, Map<BindingField, Change> fields) {

    public BindingOverride {
        fields = Collections.unmodifiableMap(fields.isEmpty() ? new EnumMap<>(BindingField.class) : new EnumMap<>(fields));
    }

    /**
     * The configured values with this override applied.
     * @param configured the values from configuration
     * @return the values in force
     */
    public BindingValues applyTo(BindingValues configured) {
        BindingValues values = configured;
        for (Map.Entry<BindingField, Change> field : this.fields.entrySet()) {
            values = values.with(field.getKey(), field.getValue().value());
        }
        return values;
    }

    /**
     * The override that makes the configured values into the desired ones: the fields that
     * differ, those whose value is unchanged keeping who changed them when.
     * @param configured the values from configuration
     * @param desired the values wanted
     * @param actor who asks
     * @param now when
     * @return the new override, empty when the desired values are the configured ones
     */
    public BindingOverride next(BindingValues configured, BindingValues desired, String actor, Instant now) {
        Map<BindingField, Change> next = new EnumMap<>(BindingField.class);
        desired.differences(configured).forEach((field, value) -> {
            Change previous = this.fields.get(field);
            boolean unchanged = previous != null && java.util.Objects.equals(previous.value(), value);
            next.put(field, unchanged ? previous : new Change(value, actor, now));
        });
        return new BindingOverride(this.name, next);
    }

    public boolean isEmpty() {
        return this.fields.isEmpty();
    }

    /**
     * No field changed.
     * @param name the binding's name
     * @return an empty override
     */
    public static BindingOverride none(String name) {
        return new BindingOverride(name, Map.of());
    }

    /**
     * One changed field.
     *
     * @param value the value, in the form {@link BindingValues#get(BindingField)} returns
     * @param changedBy who changed it
     * @param changedAt when
     */
    public record Change(Object value, String changedBy, Instant changedAt) {
    }

}
