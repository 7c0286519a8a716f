package io.portal.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.https.HttpsSetting;

/**
 * The arguments of {@code configure}, checked: settings to change, settings to reset, and
 * whether to show the result. {@code --url} names a running portal; options with a dot
 * that name no setting ({@code --portal.data-dir=...}, {@code --spring.datasource.url=...})
 * are Spring Boot options for finding the portal and its store.
 *
 * @param values the settings to store
 * @param reset the stored settings to remove
 * @param show whether to print the effective settings
 * @param url the running portal's URL, or {@code null} to find it from the data directory
 * @param springArgs the Spring Boot options
 */
record ConfigureOptions(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset, boolean show, String url,
        List<String> springArgs) {

    static final String USAGE = "Give settings such as --redirect-http-to-https=true --hsts-enabled=true --hsts-max-age=1h, "
            + "--reset to return to the configuration, or --show; --url=https://host:port for a portal elsewhere. Settings: "
            + String.join(", ", java.util.Arrays.stream(HttpsSetting.values()).map((s) -> "--" + s.option()).toList()) + ".";

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
        String url = null;
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
            }
            else if (name.equals("show")) {
                if (value != null) {
                    throw new IllegalArgumentException("Option --show takes no value (it was given '" + value
                            + "'); write --show. Nothing was changed.");
                }
                show = true;
            }
            else if (name.equals("reset")) {
                reset.addAll(resetting(value));
            }
            else if (name.equals("url")) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("Option --url needs the portal's address, such as "
                            + "--url=https://portal.example.com:8443. Nothing was changed.");
                }
                url = value;
            }
            else if (name.contains(".") && !name.startsWith("portal.hsts") && !name.startsWith("portal.redirect")) {
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
        return new ConfigureOptions(Collections.unmodifiableMap(values), Collections.unmodifiableSet(reset), show, url,
                List.copyOf(springArgs));
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
