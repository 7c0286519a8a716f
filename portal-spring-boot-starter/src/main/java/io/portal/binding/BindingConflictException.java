package io.portal.binding;

/**
 * A binding change conflicts with the current state: the binding is declared in
 * configuration (read-only at runtime), the name is taken, or its port is in use.
 */
public class BindingConflictException extends RuntimeException {

    private final String action;

    public BindingConflictException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String getAction() {
        return this.action;
    }

}
