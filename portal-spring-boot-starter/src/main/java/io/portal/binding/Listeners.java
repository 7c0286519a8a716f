package io.portal.binding;

import java.util.List;
import java.util.Optional;

/**
 * The live listeners behind the bindings, as the rest of the portal sees them. Implemented
 * by the server; every change either completes or leaves the listeners as they were.
 */
public interface Listeners {

    /**
     * Every binding with its listener's state, sorted by name.
     * @return the states
     */
    List<ListenerState> states();

    Optional<ListenerState> state(String name);

    /**
     * Whether a binding's port could be opened now, without opening it.
     * @param binding the binding
     * @throws InvalidBindingException naming the reason if it could not
     */
    void checkCanListen(Binding binding);

    /**
     * Start listening for a binding.
     * @param binding the binding
     * @throws InvalidBindingException if the port cannot be opened; nothing is left open
     */
    void open(Binding binding);

    /**
     * Stop listening for a binding and release its port. Connections in progress are
     * closed.
     * @param name the binding's name
     */
    void close(String name);

    /**
     * Apply new TLS settings (certificate, SNI certificates, protocols, ciphers) to a
     * running HTTPS listener without closing its connections.
     * @param binding the binding, with the same scheme, address and port as before
     * @throws RuntimeException if the new settings cannot be served; the old ones stay
     */
    void reconfigure(Binding binding);

    /**
     * Move a binding to another scheme, address or port: the new listener opens before the
     * old one closes, unless they need the same port, in which case the old one closes
     * first and is reopened if the new one fails.
     * @param current the binding as it runs now
     * @param updated the binding as it should run
     * @throws InvalidBindingException if the new listener cannot be opened; the old one
     * keeps running
     */
    void replace(Binding current, Binding updated);

    /**
     * Record a binding that could not be started, so that it is reported with its reason.
     * @param binding the binding
     * @param reason why it is not listening
     */
    void markFailed(Binding binding, String reason);

    /**
     * A binding and its listener.
     *
     * @param binding the binding
     * @param running whether it accepts connections
     * @param localPort the port it listens on
     * @param failure why it is not running, or {@code null}
     */
    record ListenerState(Binding binding, boolean running, int localPort, String failure) {
    }

}
