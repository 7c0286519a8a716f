package io.portal.binding;

import java.util.List;
import java.util.Optional;

/**
 * Storage of bindings created at runtime. Safe for use from several threads.
 */
public interface BindingStore {

    List<Binding> findAll();

    Optional<Binding> find(String name);

    void insert(Binding binding);

    void update(Binding binding);

    void delete(String name);

}
