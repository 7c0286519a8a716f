package io.portal.binding;

/**
 * A binding cannot be used as declared. The message names the binding and the cause;
 * {@link #getAction()} says how to fix it.
 */
public class InvalidBindingException extends RuntimeException {

    private final String binding;

    private final String field;

    private final String action;

    public InvalidBindingException(String binding, String field, String reason, String action) {
        super("Binding '" + binding + "' " + reason + ".");
        this.binding = binding;
        this.field = field;
        this.action = action;
    }

    public String getBinding() {
        return this.binding;
    }

    /**
     * The field at fault, such as {@code port}, for forms and field-level errors.
     * @return the field name
     */
    public String getField() {
        return this.field;
    }

    public String getAction() {
        return this.action;
    }

}
