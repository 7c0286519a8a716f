package io.portal.binding;

import java.util.Optional;

import io.portal.binding.Listeners.ListenerState;
import io.portal.store.ChangeTransaction;

/**
 * Moves a binding's listener from what runs now to what a change asks for, and registers
 * with the change's transaction how to move it back if the change does not commit. A
 * listener that failed to start is reported as failed again after such an undo.
 */
final class ListenerSwitch {

    private ListenerSwitch() {
    }

    /**
     * Switch a listener.
     * @param listeners the listeners
     * @param name the binding's name
     * @param current the binding as it is in force, {@code null} if none (new or disabled)
     * @param target the binding as it should run, {@code null} to stop listening
     */
    static void apply(Listeners listeners, String name, Binding current, Binding target) {
        Optional<ListenerState> state = listeners.state(name);
        boolean running = current != null && state.map(ListenerState::running).orElse(false);
        ListenerState failed = state.filter((s) -> !s.running() && s.failure() != null).orElse(null);
        Runnable restoreFailed = () -> {
            if (failed != null) {
                listeners.markFailed(failed.binding(), failed.failure());
            }
        };
        if (!running) {
            if (target != null) {
                try {
                    listeners.open(target);
                }
                catch (RuntimeException ex) {
                    restoreFailed.run();
                    throw ex;
                }
                ChangeTransaction.onRollback(() -> {
                    listeners.close(name);
                    restoreFailed.run();
                });
            }
            else if (state.isPresent()) {
                listeners.close(name);
                ChangeTransaction.onRollback(restoreFailed);
            }
        }
        else if (target == null) {
            listeners.close(name);
            ChangeTransaction.onRollback(() -> listeners.open(current));
        }
        else if (BindingService.sameListener(current, target)) {
            listeners.reconfigure(target);
            ChangeTransaction.onRollback(() -> listeners.reconfigure(current));
        }
        else {
            listeners.replace(current, target);
            ChangeTransaction.onRollback(() -> listeners.replace(target, current));
        }
    }

}
