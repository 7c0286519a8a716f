package io.portal.binding;

/**
 * A binding cannot be used as declared. The message names the binding and the cause;
 * {@link #getAction()} says how to fix it.
 */
public class InvalidBindingException extends RuntimeException {

    private final String binding;

    private final String field;

    private final String action;

    /**
     * The longest part of a value a message repeats.
     */
    private static final int SHOWN = 64;

    public InvalidBindingException(String binding, String field, String reason, String action) {
        super("Binding '" + shown(binding) + "' " + reason + ".");
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

    /**
     * A value as an error message repeats it: its start only when it is long (a request
     * with a ten-megabyte name must not get it back twice), control characters escaped.
     * @param value the value as given
     * @return the value to show
     */
    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String start = (value.length() > SHOWN) ? value.substring(0, SHOWN) : value;
        StringBuilder shown = new StringBuilder();
        start.codePoints().forEach((c) -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            }
            else {
                shown.appendCodePoint(c);
            }
        });
        if (value.length() > SHOWN) {
            shown.append("... (").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }

}
