package io.portal.binding;

/**
 * A binding is valid but its port cannot be opened now: another process holds it, the
 * address is not this machine's, or the port needs privileges.
 */
public class ListenerUnavailableException extends InvalidBindingException {

    public ListenerUnavailableException(String binding, String field, String reason, String action) {
        super(binding, field, reason, action);
    }

}
