package io.portal.https;

import java.util.List;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.ConfiguredBindings;
import io.portal.binding.Listeners;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The bindings as they are now: those with a connector in a running server (bindings can
 * change at runtime), else, in the shell or before the server has made its connectors,
 * those the portal starts with: configured ones with their stored overrides, and those
 * added at runtime.
 */
class CurrentBindings implements Supplier<List<Binding>> {

    private final BindingProperties properties;

    private final BindingStore store;

    private final ObjectProvider<Listeners> connectors;

    CurrentBindings(BindingProperties properties, BindingStore store, ObjectProvider<Listeners> connectors) {
        this.properties = properties;
        this.store = store;
        this.connectors = connectors;
    }

    @Override
    public List<Binding> get() {
        Listeners live = this.connectors.getIfAvailable();
        if (live != null && !live.states().isEmpty()) {
            return live.states().stream().map(Listeners.ListenerState::binding).toList();
        }
        return ConfiguredBindings.withStored(this.properties, this.store);
    }

}
