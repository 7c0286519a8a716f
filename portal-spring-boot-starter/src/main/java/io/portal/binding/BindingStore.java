package io.portal.binding;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of bindings created at runtime and of the runtime changes (overrides) of
 * configured bindings. Safe for use from several threads; writes join the transaction of
 * the change that makes them.
 */
public interface BindingStore {

    List<Binding> findAll();

    Optional<Binding> find(String name);

    /**
     * The runtime bindings with who changed them last.
     * @return the stored bindings, sorted by name
     */
    List<Stored> findAllStored();

    void insert(Binding binding, String actor, Instant now);

    void update(Binding binding, String actor, Instant now);

    void delete(String name);

    /**
     * The overrides of configured bindings.
     * @return the overrides by binding name
     */
    Map<String, BindingOverride> findOverrides();

    /**
     * Replace the override of a configured binding; an empty one removes it.
     * @param override the override
     */
    void saveOverride(BindingOverride override);

    /**
     * A runtime binding and its last change.
     *
     * @param binding the binding
     * @param createdBy who added it, {@code null} if not known (stored by an older version)
     * @param createdAt when
     * @param updatedBy who changed it last, {@code null} if no one or not known
     * @param updatedAt when it was changed last
     */
    record Stored(Binding binding, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
    }

}
