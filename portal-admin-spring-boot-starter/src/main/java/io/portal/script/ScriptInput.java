package io.portal.script;

/**
 * A value a script needs from whoever runs it, as an environment variable: a secret such
 * as a password (no default: the script stops and says what to set), or a file to upload
 * (a default name that the operator replaces by setting the variable).
 *
 * @param variable the variable's name, such as {@code PFX_PASSWORD}
 * @param defaultValue the value used when it is unset, or {@code null} if it must be set
 * @param description what it holds, for the message and the script's comment
 */
public record ScriptInput(String variable, String defaultValue, String description) {

    /**
     * A value that must be set.
     * @param variable the variable
     * @param description what it holds
     * @return the input
     */
    public static ScriptInput required(String variable, String description) {
        return new ScriptInput(variable, null, description);
    }

    /**
     * A file, with the name it has by default.
     * @param variable the variable
     * @param defaultValue the default path
     * @param description what it holds
     * @return the input
     */
    public static ScriptInput file(String variable, String defaultValue, String description) {
        return new ScriptInput(variable, defaultValue, description);
    }

}
