package io.portal.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portal.binding.BindingEntries;
import io.portal.binding.BindingEntry;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.equivalent.ApiCall;
import io.portal.system.PropertyOrigins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar portal.jar bindings}: list the running portal's bindings with where each
 * comes from, show one, change fields of one ({@code set NAME --port=443}: a JSON merge
 * patch, stored as an override for a binding declared in configuration), reset a
 * configured binding to its configuration, or remove one; {@code --dry-run} shows the plan
 * and the script instead. Works through the running portal's admin API; without one,
 * {@code list} and {@code show} read the bindings it starts with from its configuration
 * and state store.
 */
final class BindingsCommand implements PortalCli.Command {

    static final String USAGE = "Usage: java -jar portal.jar bindings [list | show NAME | set NAME --field=value ... | "
            + "reset NAME | remove NAME] [--dry-run] [--url=https://host:port]. Fields: " + String.join(", ", Field.options()) + ".";

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String summary() {
        return "list | show NAME | set NAME --port=443 ... | reset NAME | remove NAME [--dry-run]: the bindings and their origin";
    }

    @Override
    public int run(String[] args, PortalCli.Shell shell) {
        ShellArguments arguments = ShellArguments.parse(args, USAGE);
        List<String> words = arguments.words();
        String action = words.isEmpty() ? "list" : words.get(0);
        int names = action.equals("list") ? 0 : 1;
        if (!List.of("list", "show", "set", "reset", "remove").contains(action)) {
            throw new ShellException(2, "Unknown subcommand '" + action + "'. " + USAGE);
        }
        if (words.size() != 1 + names && !(words.isEmpty() && names == 0)) {
            throw new ShellException(2, (words.size() <= names ? "Name the binding: " : "Unexpected argument '"
                    + words.get(words.size() - 1) + "'. ") + USAGE);
        }
        List<String> known = new ArrayList<>();
        if (List.of("set", "reset", "remove").contains(action)) {
            known.add("dry-run");
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        if (action.equals("set")) {
            arguments.options().forEach((option, value) -> {
                if (!option.equals("dry-run")) {
                    Field field = Field.named(option);
                    patch.put(field.json, field.parse(option, value));
                    known.add(option);
                }
            });
            if (patch.isEmpty()) {
                throw new ShellException(2, "Give the fields to change, such as bindings set " + words.get(1)
                        + " --ssl-bundle=public. " + USAGE);
            }
        }
        arguments.allowOptions(known, USAGE);
        if (arguments.options().containsKey("dry-run") && arguments.options().get("dry-run") != null) {
            throw new ShellException(2, "Option --dry-run takes no value; write --dry-run. Nothing was changed.");
        }
        boolean dryRun = arguments.options().containsKey("dry-run");
        PortalLocator.Located located = shell.locator().locate(arguments.url(), arguments.springArgs());
        if (located instanceof PortalLocator.Stopped stopped && List.of("list", "show").contains(action)) {
            return fromStore(stopped, (names == 1) ? words.get(1) : null, shell.out());
        }
        if (!(located instanceof PortalLocator.Running portal)) {
            throw new ShellException(1, "No portal is running in " + ((PortalLocator.Stopped) located).dataDir()
                    + "; bindings are changed through a running portal's admin API. Start the portal (java -jar portal.jar), or "
                    + "give the address of a running one with --url.");
        }
        AdminClient api = portal.client();
        String path = (names == 1) ? ApiCall.path("api", "bindings", words.get(1)) : ApiCall.path("api", "bindings");
        String query = dryRun ? "?dryRun=true" : "";
        PrintStream out = shell.out();
        try {
            switch (action) {
                case "list" -> list(api.get(path), out);
                case "show" -> show(api.get(path), out);
                case "set" -> plan(api.send("PATCH", path + query, MERGE_PATCH, patch), dryRun, out);
                case "reset" -> plan(api.send("DELETE", path + "/override" + query, null, null), dryRun, out);
                default -> plan(api.send("DELETE", path + query, null, null), dryRun, out);
            }
        }
        catch (AdminClient.Problem ex) {
            String nothing = action.equals("list") || action.equals("show") ? "" : " Nothing was changed.";
            if (ex.status() == 404 || ex.status() == 405) {
                String detail = (ex.status() == 405 || (ex.title() != null && ex.getMessage().contains("No static resource")))
                        ? "The portal at " + api.base() + " does not offer this change (" + ex.status() + "); it may be "
                                + "an older version." : ex.line();
                throw new ShellException(2, detail + nothing);
            }
            throw new ShellException((ex.status() < 500) ? 2 : 1, ex.line() + nothing);
        }
        return 0;
    }

    /**
     * {@code list} and {@code show} without a running portal: the bindings it starts with,
     * read from its configuration and state store (configured ones with their overrides,
     * runtime ones), each field with where its value comes from.
     */
    private static int fromStore(PortalLocator.Stopped store, String name, PrintStream out) {
        List<BindingEntry> entries;
        try (ConfigurableApplicationContext context = PortalCli.openContext(store.springArgs())) {
            entries = new BindingEntries(context.getBean(BindingProperties.class),
                    new PropertyOrigins(context.getEnvironment())::describe, context.getBean(BindingStore.class)).all(true);
        }
        ArrayNode bindings = JSON.createArrayNode();
        for (BindingEntry entry : entries) {
            if (name == null || entry.name().equals(name)) {
                bindings.add(JSON.valueToTree(fields(entry)));
            }
        }
        if (name != null && bindings.isEmpty()) {
            throw new ShellException(2, "There is no binding '" + name + "' in the configuration or the state store of "
                    + store.dataDir() + ".");
        }
        out.println("No portal is running in " + store.dataDir() + "; " + ((name == null) ? "the bindings" : "the binding")
                + " it starts with, from its configuration and state store:");
        if (name == null) {
            list(bindings, out);
        }
        else {
            show(bindings.get(0), out);
        }
        return 0;
    }

    /**
     * A binding in the shape the admin API gives it, its state that of a portal that is
     * not running.
     */
    private static Map<String, Object> fields(BindingEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", entry.name());
        fields.put("state", entry.enabled() ? "not running" : "disabled");
        fields.putAll(entry.values().asMap());
        fields.put("enabled", entry.enabled());
        fields.put("source", entry.source().name().toLowerCase(Locale.ROOT));
        fields.put("overridden", !entry.override().fields().isEmpty());
        Map<String, String> origins = new LinkedHashMap<>();
        entry.origins().forEach((field, origin) -> origins.put(field.field(), origin));
        fields.put("origin", origins);
        return fields;
    }

    private static void list(JsonNode bindings, PrintStream out) {
        String format = "%-12s %-8s %-6s %-15s %-6s %-14s %s";
        out.println(String.format(format, "Binding", "State", "Scheme", "Address", "Port", "Certificate", "Origin"));
        for (JsonNode binding : bindings) {
            out.println(String.format(format, text(binding, "name"), text(binding, "state"), text(binding, "scheme"),
                    orElse(text(binding, "address"), "*"), text(binding, "port"), orElse(text(binding, "sslBundle"), "-"),
                    origin(binding)));
        }
    }

    private static void show(JsonNode binding, PrintStream out) {
        List<String> fields = List.of("name", "state", "failure", "scheme", "address", "port", "url", "sslBundle", "sni",
                "protocols", "ciphers", "redirectTo", "enabled");
        for (String field : fields) {
            JsonNode value = binding.get(field);
            if (value != null && !value.isNull() && !(value.isContainer() && value.isEmpty())) {
                out.println(String.format("%-11s %s", field, value.isValueNode() ? value.asString() : value.toString()));
            }
        }
        out.println(String.format("%-11s %s", "origin", origin(binding)));
        fieldOrigins(binding, out);
    }

    /**
     * Where a binding comes from: the portal's words where it gives them, else its source.
     */
    private static String origin(JsonNode binding) {
        JsonNode origin = binding.get("origin");
        if (origin != null && origin.isString()) {
            return origin.asString() + (binding.path("overridden").asBoolean(false) ? " (overridden at runtime)" : "");
        }
        if ("config".equals(text(binding, "source"))) {
            return binding.path("overridden").asBoolean(false) ? "configuration, changed at runtime" : "configuration";
        }
        // A runtime binding's fields share one origin, such as "added by admin at ...".
        JsonNode port = (origin != null) ? origin.get("port") : null;
        return (port != null && port.isString()) ? port.asString() : "added at runtime";
    }

    /**
     * Where each field's value comes from, as the portal gives it per field.
     */
    private static void fieldOrigins(JsonNode binding, PrintStream out) {
        JsonNode origin = binding.get("origin");
        if (origin != null && origin.isObject()) {
            origin.properties().forEach((field) -> out.println(String.format("  %-11s %s", field.getKey(),
                    field.getValue().asString())));
        }
    }

    private static void plan(JsonNode answer, boolean dryRun, PrintStream out) {
        JsonNode plan = answer.path("plan");
        out.println((dryRun ? "Dry run, nothing was changed: " : "Done: ") + plan.path("summary").asString(""));
        int i = 1;
        for (JsonNode step : plan.path("steps")) {
            out.println("  " + i++ + ". " + step.path("description").asString(""));
        }
        for (JsonNode warning : plan.path("warnings")) {
            out.println("Warning: " + warning.asString(""));
        }
        if (dryRun && plan.path("script").path("bash").isString()) {
            out.println("Script:");
            out.print(plan.path("script").path("bash").asString());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value == null || value.isNull()) ? null : value.asString();
    }

    private static String orElse(String value, String fallback) {
        return (value != null && !value.isEmpty()) ? value : fallback;
    }

    /**
     * The fields {@code set} changes, by option and by their name in the API.
     */
    private enum Field {

        SCHEME("scheme"), ADDRESS("address"), PORT("port"), SSL_BUNDLE("sslBundle"), SNI("sni"), PROTOCOLS("protocols"),
        CIPHERS("ciphers"), REDIRECT_TO("redirectTo"), ENABLED("enabled");

        private final String json;

        Field(String json) {
            this.json = json;
        }

        static List<String> options() {
            return java.util.Arrays.stream(values()).map((field) -> "--" + field.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList();
        }

        static Field named(String option) {
            String key = option.replace("-", "").toLowerCase(Locale.ROOT);
            for (Field field : values()) {
                if (field.json.toLowerCase(Locale.ROOT).equals(key)) {
                    return field;
                }
            }
            throw new ShellException(2, "Unknown option --" + option + ". " + USAGE);
        }

        /**
         * The value as the merge patch carries it: {@code null} (an empty value) returns
         * the field to its configuration or default.
         */
        Object parse(String option, String value) {
            if (value == null) {
                throw new ShellException(2, "Option --" + option + " needs a value, such as --" + option + "=" + example()
                        + " (or --" + option + "= to return it to its configuration). Nothing was changed.");
            }
            if (value.isBlank()) {
                return null;
            }
            String trimmed = value.trim();
            return switch (this) {
                case PORT -> port(option, trimmed);
                case ENABLED -> bool(option, trimmed);
                case SCHEME -> scheme(option, trimmed);
                case PROTOCOLS, CIPHERS -> List.of(trimmed.split("\\s*,\\s*"));
                case SNI -> sni(option, trimmed);
                default -> trimmed;
            };
        }

        private String example() {
            return switch (this) {
                case PORT -> "443";
                case ENABLED -> "false";
                case SCHEME -> "https";
                case PROTOCOLS -> "TLSv1.3,TLSv1.2";
                case CIPHERS -> "TLS_AES_128_GCM_SHA256";
                case SNI -> "api.example.com=api";
                case ADDRESS -> "10.0.0.5";
                case REDIRECT_TO -> "secure";
                default -> "public";
            };
        }

        private static Integer port(String option, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            }
            catch (NumberFormatException ex) {
                // explained below
            }
            throw new ShellException(2, "Invalid option --" + option + "=" + value + ": a port is a whole number from 1 to "
                    + "65535, such as --" + option + "=443. Nothing was changed.");
        }

        private static Boolean bool(String option, String value) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.valueOf(value);
            }
            throw new ShellException(2, "Invalid option --" + option + "=" + value + ": give true or false. Nothing was changed.");
        }

        private static String scheme(String option, String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.equals("http") || lower.equals("https")) {
                return lower;
            }
            throw new ShellException(2, "Invalid option --" + option + "=" + value + ": give http or https. Nothing was changed.");
        }

        private static Map<String, String> sni(String option, String value) {
            Map<String, String> sni = new LinkedHashMap<>();
            for (String pair : value.split("\\s*,\\s*")) {
                int equals = pair.indexOf('=');
                if (equals <= 0 || equals == pair.length() - 1) {
                    throw new ShellException(2, "Invalid option --" + option + "=" + value + ": give host=certificate pairs, "
                            + "such as --" + option + "=api.example.com=api,www.example.com=www. Nothing was changed.");
                }
                sni.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return sni;
        }

    }

}
