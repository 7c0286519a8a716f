package io.portal.security;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.security.HttpsSettingsStore.Stored;

/**
 * What {@code configure} does, wherever it runs (in the shell against the store, or inside
 * the running portal on the shell's behalf): check the new settings together with the
 * current ones and the bindings, store them all or nothing, and show the effective
 * settings with their sources.
 */
public class HttpsConfigurator {

    private final HttpsSettings configured;

    private final HttpsSettingsStore store;

    private final HstsStateStore hstsState;

    private final SettingOrigins origins;

    private final Supplier<List<Binding>> bindings;

    private final Clock clock;

    private final Duration refresh;

    private final Runnable afterChange;

    HttpsConfigurator(HttpsSettings configured, HttpsSettingsStore store, HstsStateStore hstsState, SettingOrigins origins,
            Supplier<List<Binding>> bindings, Clock clock, Duration refresh, Runnable afterChange) {
        this.configured = configured;
        this.store = store;
        this.hstsState = hstsState;
        this.origins = origins;
        this.bindings = bindings;
        this.clock = clock;
        this.refresh = refresh;
        this.afterChange = afterChange;
    }

    /**
     * Carry out checked options.
     * @param options the options
     * @param out where results go
     * @param err where the one line about a refused change goes
     * @return the exit code: 0 when done, 2 when refused (nothing is stored then)
     */
    int execute(ConfigureOptions options, PrintStream out, PrintStream err) {
        if (options.changes()) {
            int status = change(options, out, err);
            if (status != 0) {
                return status;
            }
        }
        if (options.show()) {
            show(out);
        }
        return 0;
    }

    private int change(ConfigureOptions options, PrintStream out, PrintStream err) {
        Map<HttpsSetting, Object> before = storedValues();
        Map<HttpsSetting, Object> after = new EnumMap<>(HttpsSetting.class);
        after.putAll(before);
        after.keySet().removeAll(options.reset());
        after.putAll(options.values());
        HttpsSettings previous = this.configured.with(before);
        HttpsSettings next = this.configured.with(after);
        List<Binding> bindings = this.bindings.get();
        try {
            next.checkConsistent();
            RedirectTargets.check(next, bindings);
        }
        catch (InvalidHttpsSettingsException ex) {
            err.println(ex.getMessage() + " " + ex.getAction() + " Nothing was changed.");
            return 2;
        }
        this.store.update(options.values(), options.reset(), this.clock.instant());
        this.afterChange.run();
        List<String> changes = new ArrayList<>();
        options.values().forEach((setting, value) -> changes.add(setting.option() + "=" + setting.format(value)));
        options.reset().stream().filter(before::containsKey).forEach((setting) -> changes.add(setting.option()
                + " reset to " + setting.format(this.configured.get(setting)) + " (" + this.origins.describe(setting) + ")"));
        out.println("Stored " + (changes.isEmpty() ? "nothing new" : String.join(", ", changes))
                + ". A running portal applies stored settings within " + HttpsSetting.formatDuration(this.refresh)
                + ", a stopped one when it starts.");
        Duration maxAge = next.hstsRamp() ? HstsRamp.steps(next.hstsMaxAge()).get(0) : next.hstsMaxAge();
        boolean anyHttp = bindings.stream().anyMatch((b) -> !b.isHttps());
        HttpsWarnings.forSettings(next, maxAge, previous.hstsEnabled() ? this.hstsState.load().enabledSince() : null,
                this.clock.instant(), anyHttp)
            .forEach((warning) -> out.println("Warning: " + warning.message() + " Fix: " + warning.fix()));
        return 0;
    }

    /**
     * Print each effective setting, its value and where it comes from.
     * @param out where to print
     */
    void show(PrintStream out) {
        Map<HttpsSetting, Stored> stored = this.store.load();
        out.println("Setting                   Value         Source");
        for (HttpsSetting setting : HttpsSetting.values()) {
            String configuredSource = this.origins.describe(setting);
            Stored value = stored.get(setting);
            String text;
            String source;
            if (value != null) {
                text = setting.format(value.value());
                source = "stored by configure at " + value.updatedAt() + " (overrides " + configuredSource + ": "
                        + setting.format(this.configured.get(setting)) + ")";
            }
            else {
                text = setting.format(this.configured.get(setting));
                source = configuredSource;
            }
            out.println(String.format("%-25s %-13s %s", setting.option(), text, source));
        }
    }

    /**
     * The effective settings: configuration with the stored values on top.
     * @return the settings
     */
    HttpsSettings effective() {
        return this.configured.with(storedValues());
    }

    /**
     * Where each setting's effective value comes from, by the API's field name.
     * @return the sources
     */
    Map<String, String> sources() {
        Map<HttpsSetting, Stored> stored = this.store.load();
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (HttpsSetting setting : HttpsSetting.values()) {
            Stored value = stored.get(setting);
            sources.put(HttpsSettingsService.field(setting),
                    (value != null) ? "stored at " + value.updatedAt() : this.origins.describe(setting));
        }
        return sources;
    }

    /**
     * The settings that changing these values would give, checked for consistency with
     * each other and with the bindings.
     * @param values the new values
     * @return the resulting settings
     * @throws InvalidHttpsSettingsException if they are not consistent
     */
    HttpsSettings check(Map<HttpsSetting, Object> values) {
        Map<HttpsSetting, Object> after = new EnumMap<>(HttpsSetting.class);
        after.putAll(storedValues());
        after.putAll(values);
        HttpsSettings next = this.configured.with(after);
        next.checkConsistent();
        RedirectTargets.check(next, this.bindings.get());
        return next;
    }

    /**
     * Store checked values and apply them to a running portal at once.
     * @param values the values
     */
    void store(Map<HttpsSetting, Object> values) {
        this.store.update(values, java.util.Set.of(), this.clock.instant());
        this.afterChange.run();
    }

    private Map<HttpsSetting, Object> storedValues() {
        Map<HttpsSetting, Object> values = new EnumMap<>(HttpsSetting.class);
        this.store.load().forEach((setting, stored) -> values.put(setting, stored.value()));
        return values;
    }

}
