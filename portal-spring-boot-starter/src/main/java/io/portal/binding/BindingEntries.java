package io.portal.binding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every binding in one list: those declared in configuration (enabled or not) with their
 * runtime overrides applied, and those added at runtime, each with where its values come
 * from. Reads the store each time; thread-safe. What the admin API lists, and what the
 * shell lists from the store when no portal runs.
 */
public class BindingEntries {

    private final BindingProperties properties;

    private final Function<String, Optional<String>> propertyOrigins;

    private final BindingStore store;

    /**
     * @param properties the configuration
     * @param propertyOrigins where a configuration property is set, empty when nowhere
     * @param store the state store
     */
    public BindingEntries(BindingProperties properties, Function<String, Optional<String>> propertyOrigins, BindingStore store) {
        this.properties = properties;
        this.propertyOrigins = propertyOrigins;
        this.store = store;
    }

    /**
     * Every binding, sorted by name. A runtime binding whose name is now declared in
     * configuration is left out (startup reports it).
     * @param withOrigins whether to work out where each value comes from
     * @return the entries
     */
    public List<BindingEntry> all(boolean withOrigins) {
        Map<String, BindingValues> declared = ConfiguredBindings.declared(this.properties);
        Map<String, BindingOverride> overrides = this.store.findOverrides();
        List<BindingEntry> entries = new ArrayList<>();
        declared.forEach((name, configured) -> entries
            .add(configured(name, configured, overrides.getOrDefault(name, BindingOverride.none(name)), withOrigins)));
        for (BindingStore.Stored stored : this.store.findAllStored()) {
            if (!declared.containsKey(stored.binding().name())) {
                entries.add(runtime(stored));
            }
        }
        entries.sort(Comparator.comparing(BindingEntry::name));
        return entries;
    }

    /**
     * The stored override of a binding the configuration no longer declares: nothing
     * listens for it (see {@link StoredBindingWarnings}).
     * @param name the binding's name
     * @return the override, if one is stored for an undeclared name
     */
    Optional<BindingOverride> unusedOverride(String name) {
        if (this.properties.getBindings().containsKey(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(this.store.findOverrides().get(name));
    }

    void discard(BindingOverride unused) {
        this.store.saveOverride(BindingOverride.none(unused.name()));
    }

    Optional<BindingEntry> find(String name, boolean withOrigins) {
        return all(withOrigins).stream().filter((e) -> e.name().equals(name)).findFirst();
    }

    private BindingEntry configured(String name, BindingValues configured, BindingOverride override, boolean withOrigins) {
        BindingValues values = override.applyTo(configured);
        Map<BindingField, String> origins = new EnumMap<>(BindingField.class);
        if (withOrigins) {
            for (BindingField field : BindingField.values()) {
                String declaredAt = this.propertyOrigins.apply("portal.bindings." + name + "." + field.property()).orElse(null);
                BindingOverride.Change change = override.fields().get(field);
                origins.put(field, (change != null) ? changed(change.changedBy(), change.changedAt())
                        + ((declaredAt != null) ? " (overrides " + declaredAt + ")" : "")
                        : (declaredAt != null) ? declaredAt : "not set");
            }
        }
        return new BindingEntry(values.toBinding(name, Binding.Source.CONFIG), values, configured, override, origins);
    }

    private static BindingEntry runtime(BindingStore.Stored stored) {
        String origin = (stored.updatedBy() != null) ? changed(stored.updatedBy(), stored.updatedAt())
                : (stored.createdBy() != null) ? "added by " + stored.createdBy() + " at " + stored.createdAt()
                        : "added at runtime at " + stored.createdAt();
        Map<BindingField, String> origins = new EnumMap<>(BindingField.class);
        for (BindingField field : BindingField.values()) {
            origins.put(field, origin);
        }
        return new BindingEntry(stored.binding(), BindingValues.of(stored.binding()), null,
                BindingOverride.none(stored.binding().name()), origins);
    }

    private static String changed(String actor, Instant at) {
        return "changed by " + actor + " at " + at;
    }

}
