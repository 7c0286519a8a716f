package io.portal.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The longest message that repeats values, such as a problem's detail.
     */
    public static final int MAX_MESSAGE_LENGTH = 2000;

    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (MAX_LENGTH + 1) + ",}");

    private Echo() {
    }

    /**
     * A message that may repeat values, with each overly long word shortened as
     * {@link #of(String)} does and the whole kept under {@value #MAX_MESSAGE_LENGTH}
     * characters: a safety net for messages built elsewhere.
     * @param message the message, or {@code null}
     * @return the bounded message
     */
    public static String within(String message) {
        if (message == null) {
            return null;
        }
        String bounded = LONG_WORD.matcher(message).replaceAll((word) -> Matcher.quoteReplacement(of(word.group())));
        return (bounded.length() <= MAX_MESSAGE_LENGTH) ? bounded
                : bounded.substring(0, MAX_MESSAGE_LENGTH) + "... (" + bounded.length() + " characters)";
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
