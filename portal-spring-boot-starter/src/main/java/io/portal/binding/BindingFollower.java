package io.portal.binding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.portal.binding.Listeners.ListenerState;
import io.portal.store.StoreFollower;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Keeps this node's listeners in step with the bindings in the store, which other nodes
 * sharing it may have changed: opens what was added, moves or reconfigures what changed,
 * closes what was removed or disabled. A binding whose port cannot be opened on this node
 * is reported as failed here and tried again at every round (it listens once the port is
 * free); the other nodes run it all the same. Runs between binding changes, never during one.
 */
class BindingFollower implements StoreFollower {

    private static final Log logger = LogFactory.getLog(BindingFollower.class);

    static final String ACTOR = "another node (through the store)";

    private final BindingService service;

    private final BindingProperties properties;

    private final BindingStore store;

    private final Listeners listeners;

    private final ApplicationEventPublisher events;

    private final Map<String, String> reported = new LinkedHashMap<>();

    BindingFollower(BindingService service, BindingProperties properties, BindingStore store, Listeners listeners,
            ApplicationEventPublisher events) {
        this.service = service;
        this.properties = properties;
        this.store = store;
        this.listeners = listeners;
        this.events = events;
    }

    @Override
    public int getOrder() {
        return BINDINGS;
    }

    @Override
    public void follow() {
        this.service.serialized(() -> {
            for (Binding wanted : wanted().values()) {
                Optional<ListenerState> state = this.listeners.state(wanted.name());
                Binding current = state.map(ListenerState::binding).orElse(null);
                boolean running = state.map(ListenerState::running).orElse(false);
                // A binding that failed here (its port was taken) is tried again at every round,
                // so that it listens once the port is free.
                if (running && current.equals(wanted)) {
                    continue;
                }
                apply(wanted.name(), running ? current : null, wanted, current != null && !running && current.equals(wanted));
            }
            return null;
        });
    }

    @Override
    public void prune() {
        this.service.serialized(() -> {
            Map<String, Binding> wanted = wanted();
            for (ListenerState state : this.listeners.states()) {
                String name = state.binding().name();
                if (!wanted.containsKey(name)) {
                    this.listeners.close(name);
                    this.reported.remove(name);
                    if (state.running()) {
                        logger.info("Binding '" + name + "' was removed or disabled by another node; it stopped listening here");
                        this.events.publishEvent(new BindingChangedEvent(ACTOR, "binding.follow", name, state.binding(), null));
                    }
                }
            }
            return null;
        });
    }

    private Map<String, Binding> wanted() {
        Map<String, Binding> wanted = new LinkedHashMap<>();
        ConfiguredBindings.withStored(this.properties, this.store).forEach((b) -> wanted.put(b.name(), b));
        return wanted;
    }

    private void apply(String name, Binding running, Binding wanted, boolean retry) {
        try {
            if (running == null) {
                this.listeners.open(wanted);
            }
            else if (BindingService.sameListener(running, wanted)) {
                this.listeners.reconfigure(wanted);
            }
            else {
                this.listeners.replace(running, wanted);
            }
            this.reported.remove(name);
            logger.info(retry ? "Binding '" + name + "' listens now on " + wanted.localUrl() + " (its port was free again)"
                    : "Binding '" + name + "' follows a change another node made: " + wanted.localUrl());
            this.events.publishEvent(new BindingChangedEvent(ACTOR, "binding.follow", name, running, wanted));
        }
        catch (RuntimeException ex) {
            String reason = Objects.toString(ex.getMessage(), ex.getClass().getSimpleName());
            boolean moved = running != null && !BindingService.sameListener(running, wanted);
            if (moved) {
                // The binding is no longer wanted where it ran: this node stops serving it there
                // and reports it failed where it should run, as the other nodes do.
                this.listeners.close(name);
            }
            if (running == null || moved) {
                this.listeners.markFailed(wanted, reason);
            }
            // A retry that fails again is already reported by the binding's state; a failed
            // change from another node is logged once per reason.
            if (!reason.equals(this.reported.put(name, reason)) && !retry) {
                logger.warn("Binding '" + name + "' was changed by another node, and this node cannot apply it: " + reason
                        + ((running != null && !moved) ? " It keeps its previous TLS settings." : ""));
            }
        }
    }

}
