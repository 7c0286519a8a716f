package io.portal.equivalent;

import java.util.regex.Pattern;

/**
 * The one way a value becomes a word of a generated shell script: left as it is when it
 * holds only characters that no POSIX shell treats specially, otherwise in single quotes
 * (inside which nothing is special), each single quote of the value written as
 * {@code '\''}. Whatever the value holds (quotes, dollars, back-ticks, newlines), the shell
 * passes it on unchanged as one argument.
 */
public final class ShellQuoting {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private ShellQuoting() {
    }

    /**
     * A value as one shell word.
     * @param value the value
     * @return the word, quoted where needed; {@code ''} for an empty value
     */
    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

}
