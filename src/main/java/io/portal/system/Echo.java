package io.portal.system;

/**
 * A value a client or operator sent, repeated in a message so they see what was wrong,
 * but never more than {@value #MAX_LENGTH} characters of it: a ten-megabyte name must not
 * come back as a ten-megabyte error.
 */
public final class Echo {

    /**
     * The longest part of a value that a message repeats.
     */
    public static final int MAX_LENGTH = 100;

    private Echo() {
    }

    /**
     * The value, shortened when it is too long to repeat in full.
     * @param value the value, or {@code null}
     * @return the value, or its start followed by how long it was
     */
    public static String of(String value) {
        if (value == null || value.length() <= MAX_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_LENGTH) + "... (" + value.length() + " characters)";
    }

}
