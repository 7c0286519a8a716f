package io.portal.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments: words ({@code renew}, a name), options ({@code --dry-run},
 * {@code --port=8443}), {@code --url} (the running portal) and Spring Boot options, which
 * have a dot ({@code --portal.data-dir=...}, {@code --spring.datasource.url=...}) and say
 * where the portal and its store are.
 *
 * @param words the words, in order
 * @param options the options by name (without dashes), {@code null} for one given without
 * a value
 * @param url the {@code --url} option, or {@code null}
 * @param springArgs the Spring Boot options, as given
 */
record ShellArguments(List<String> words, Map<String, String> options, String url, List<String> springArgs) {

    /**
     * Sort the arguments.
     * @param args the arguments after the command name
     * @param usage the command's usage, for messages
     * @return the arguments
     * @throws ShellException (exit code 2) for an option given twice or an empty one
     */
    static ShellArguments parse(String[] args, String usage) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> springArgs = new ArrayList<>();
        String url = null;
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
            String value = (equals > 0) ? arg.substring(equals + 1) : null;
            if (name.isEmpty()) {
                throw new ShellException(2, "Unexpected argument '" + arg + "'. " + usage);
            }
            if (name.equals("url")) {
                if (value == null || value.isBlank()) {
                    throw new ShellException(2, "Option --url needs the portal's address, such as "
                            + "--url=https://portal.example.com:8443. Nothing was changed.");
                }
                url = value;
            }
            else if (name.contains(".")) {
                springArgs.add(arg);
            }
            else if (options.containsKey(name)) {
                throw new ShellException(2, "Option --" + name + " is given twice; give it once. Nothing was changed.");
            }
            else {
                options.put(name, value);
            }
        }
        return new ShellArguments(List.copyOf(words), options, url, List.copyOf(springArgs));
    }

    /**
     * Refuse options the command does not know.
     * @param known the options it knows
     * @param usage the command's usage
     * @throws ShellException (exit code 2) naming the first unknown option
     */
    void allowOptions(Collection<String> known, String usage) {
        for (String name : this.options.keySet()) {
            if (!known.contains(name)) {
                throw new ShellException(2, "Unknown option --" + name + ". " + usage);
            }
        }
    }

}
