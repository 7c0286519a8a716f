package io.portal.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code configure}, checked: settings to store, settings to reset, and
 * whether to show the result. Options with a dot that name no setting
 * ({@code --portal.data-dir=...}, {@code --spring.datasource.url=...}) are Spring Boot
 * options for reaching the right store.
 *
 * @param values the settings to store
 * @param reset the stored settings to remove
 * @param show whether to print the effective settings
 * @param commandArgs the arguments about settings, as given
 * @param springArgs the Spring Boot options
 */
record ConfigureOptions(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset, boolean show, List<String> commandArgs,
        List<String> springArgs) {

    static final String USAGE = "Give settings such as --redirect-http-to-https=true --hsts-enabled=true --hsts-max-age=1h, "
            + "--reset to return to application.yml, or --show. Settings: " + String.join(", ",
                    java.util.Arrays.stream(HttpsSetting.values()).map((s) -> "--" + s.option()).toList()) + ".";

    boolean isEmpty() {
        return this.values.isEmpty() && this.reset.isEmpty() && !this.show;
    }

    boolean changes() {
        return !this.values.isEmpty() || !this.reset.isEmpty();
    }

    /**
     * Check the arguments.
     * @param args the arguments after {@code configure}
     * @return the options
     * @throws IllegalArgumentException with one line that names the option, the problem
     * and the fix
     */
    static ConfigureOptions parse(String[] args) {
        Map<HttpsSetting, Object> values = new EnumMap<>(HttpsSetting.class);
        Set<HttpsSetting> reset = EnumSet.noneOf(HttpsSetting.class);
        boolean show = false;
        List<String> commandArgs = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': options look like --hsts-enabled=true. "
                        + USAGE);
            }
            int equals = arg.indexOf('=');
            String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
            String value = (equals > 0) ? arg.substring(equals + 1) : null;
            HttpsSetting setting = HttpsSetting.named(name).orElse(null);
            if (setting != null) {
                if (values.containsKey(setting)) {
                    throw new IllegalArgumentException("Option --" + name + " sets " + setting.option()
                            + " again; give each setting once.");
                }
                values.put(setting, parse(setting, name, value));
                commandArgs.add(arg);
            }
            else if (name.equals("show") && value == null) {
                show = true;
                commandArgs.add(arg);
            }
            else if (name.equals("reset")) {
                reset.addAll(resetting(value));
                commandArgs.add(arg);
            }
            else if (name.contains(".")) {
                springArgs.add(arg);
            }
            else {
                throw new IllegalArgumentException("Unknown option --" + name + ". " + USAGE);
            }
        }
        for (HttpsSetting setting : values.keySet()) {
            if (reset.contains(setting)) {
                throw new IllegalArgumentException("Setting " + setting.option() + " is both given and reset; either "
                        + "give --" + setting.option() + "=<value> or reset it, not both.");
            }
        }
        return new ConfigureOptions(Collections.unmodifiableMap(values), Collections.unmodifiableSet(reset), show,
                List.copyOf(commandArgs), List.copyOf(springArgs));
    }

    private static Object parse(HttpsSetting setting, String name, String value) {
        try {
            return setting.parse(value);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid option --" + name + ((value != null) ? "=" + value : "") + ": "
                    + ex.getMessage() + ". Nothing was changed.");
        }
    }

    private static Set<HttpsSetting> resetting(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(HttpsSetting.class);
        }
        Set<HttpsSetting> settings = EnumSet.noneOf(HttpsSetting.class);
        for (String name : value.split(",")) {
            settings.add(HttpsSetting.named(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "Invalid option --reset=" + value + ": '" + name.trim() + "' is not a setting. " + USAGE)));
        }
        return settings;
    }

}
