package io.portal.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.https.HttpsConfigurator;
import io.portal.https.HttpsConfigurator.SettingState;
import io.portal.https.HttpsSetting;
import io.portal.https.HttpsSettings;
import io.portal.https.HttpsSettingsService;
import io.portal.https.HttpsSettingsStore.Author;
import io.portal.https.HttpsWarning;
import io.portal.https.InvalidHttpsSettingsException;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar portal.jar configure}: force HTTPS and set HSTS, as Octopus'
 * {@code configure --hstsEnabled=true --hstsMaxAge=31556926} does, and show the effective
 * settings with where each comes from. A running portal is changed through its admin API
 * (found through its data directory, or {@code --url}) and prints the warnings it lists;
 * while none runs, the settings are stored in its state store for its next start.
 */
final class ConfigureCommand implements PortalCli.Command {

    private static final String SETTINGS = "/api/settings/https";

    @Override
    public String summary() {
        return "Force HTTPS and set HSTS (--redirect-http-to-https, --hsts-enabled, --hsts-max-age=1h, ...), "
                + "--show the settings and their sources, --reset to return to the configuration";
    }

    @Override
    public int run(String[] args, PortalCli.Shell shell) {
        ConfigureOptions options;
        try {
            options = ConfigureOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            throw new ShellException(2, ex.getMessage());
        }
        if (options.isEmpty()) {
            throw new ShellException(2, "Nothing to configure. " + ConfigureOptions.USAGE);
        }
        PortalLocator.Located portal = shell.locator().locate(options.url(), options.springArgs());
        if (portal instanceof PortalLocator.Running running) {
            return throughApi(options, running, shell.out());
        }
        return onStore(options, (PortalLocator.Stopped) portal, shell);
    }

    private int throughApi(ConfigureOptions options, PortalLocator.Running portal, PrintStream out) {
        AdminClient api = portal.client();
        JsonNode settings;
        if (options.changes()) {
            List<SettingState> before = options.reset().isEmpty() ? List.of() : states(api.get(SETTINGS));
            Map<String, Object> body = new LinkedHashMap<>();
            options.values().forEach((setting, value) -> body.put(HttpsSettingsService.field(setting), setting.format(value)));
            options.reset().forEach((setting) -> body.put(HttpsSettingsService.field(setting), null));
            try {
                settings = api.send("PATCH", SETTINGS, "application/merge-patch+json", body);
            }
            catch (AdminClient.Problem ex) {
                throw new ShellException((ex.status() < 500) ? 2 : 1, ex.line() + " Nothing was changed.");
            }
            out.println("Changed " + describe(options, before) + " on " + portal.description() + "; in force now.");
        }
        else {
            settings = api.get(SETTINGS);
        }
        if (options.show()) {
            printTable(states(settings), out);
        }
        for (JsonNode warning : settings.get("warnings")) {
            out.println("Warning: " + warning.get("message").asString() + " Fix: " + warning.get("fix").asString());
        }
        return 0;
    }

    private int onStore(ConfigureOptions options, PortalLocator.Stopped store, PortalCli.Shell shell) {
        try (ConfigurableApplicationContext context = PortalCli.openContext(store.springArgs())) {
            HttpsConfigurator configurator = context.getBean(HttpsConfigurator.class);
            if (options.changes()) {
                HttpsSettings previous = configurator.effective();
                List<SettingState> before = configurator.states();
                HttpsSettings next;
                try {
                    next = configurator.check(options.values(), options.reset());
                }
                catch (InvalidHttpsSettingsException ex) {
                    throw new ShellException(2, ex.getMessage() + " " + ex.getAction() + " Nothing was changed.");
                }
                configurator.store(options.values(), options.reset(), Author.configure(System.getProperty("user.name")));
                shell.out().println("Stored " + describe(options, before) + " in the state store of "
                        + store.dataDir() + "; no portal runs there now, it applies them when it starts" + (store.shared()
                                ? ", and portals elsewhere that share this database within their portal.settings-refresh (2s)."
                                : "."));
                for (HttpsWarning warning : configurator.warningsWithoutServer(next, previous)) {
                    shell.out().println("Warning: " + warning.message() + " Fix: " + warning.fix());
                }
                if (next.hstsEnabled()) {
                    shell.out().println("Whether each HTTPS binding's certificate is trusted is checked by the running portal: "
                            + "run configure --show once it has started.");
                }
            }
            if (options.show()) {
                printTable(configurator.states(), shell.out());
            }
            return 0;
        }
    }

    /**
     * The changes in words, such as {@code hsts-enabled=true, hsts-max-age reset to 1h
     * (application.yml line 5)}.
     * @param options the options
     * @param before the settings before the change: a reset is told for those that were
     * changed at runtime
     */
    private static String describe(ConfigureOptions options, List<SettingState> before) {
        List<String> changes = new ArrayList<>();
        options.values().forEach((setting, value) -> changes.add(setting.option() + "=" + setting.format(value)));
        for (HttpsSetting setting : options.reset()) {
            before.stream().filter((state) -> state.setting() == setting && state.overridden()).findFirst().ifPresent((state) -> changes.add(
                    setting.option() + " reset to " + state.configuredValue() + " (" + state.configuredOrigin() + ")"));
        }
        return changes.isEmpty() ? "nothing" : String.join(", ", changes);
    }

    private static List<SettingState> states(JsonNode settings) {
        List<SettingState> states = new ArrayList<>();
        for (JsonNode node : settings.get("settings")) {
            HttpsSetting setting = HttpsSetting.named(node.get("name").asString()).orElse(null);
            if (setting != null) {
                states.add(new SettingState(setting, node.get("value").asString(), node.get("origin").asString(),
                        node.get("overridden").asBoolean(), node.get("configuredValue").asString(),
                        node.get("configuredOrigin").asString()));
            }
        }
        return states;
    }

    private static void printTable(List<SettingState> states, PrintStream out) {
        out.println(String.format("%-25s %-13s %s", "Setting", "Value", "Source"));
        for (SettingState state : states) {
            String source = state.overridden() ? state.origin() + " (overrides " + state.configuredOrigin() + ": "
                    + state.configuredValue() + ")" : state.origin();
            out.println(String.format("%-25s %-13s %s", state.option(), state.value(), source));
        }
    }

}
