package io.portal.https;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.binding.Binding;
import io.portal.https.HttpsSettingsStore.Author;
import io.portal.binding.Listeners;

/**
 * The HTTPS settings for the admin API, the pages and the shell: the effective values with
 * where each comes from and the current warnings, and changes checked and stored in one
 * place (the same store, the same words for errors).
 */
public class HttpsSettingsService {

    private final HttpsConfigurator configurator;

    private final HttpsWarnings warnings;

    private final ServedCertificates certificates;

    private final HstsRamp ramp;

    private final Listeners connectors;

    private final Clock clock;

    HttpsSettingsService(HttpsConfigurator configurator, HttpsWarnings warnings, ServedCertificates certificates, HstsRamp ramp,
            Listeners connectors, Clock clock) {
        this.configurator = configurator;
        this.warnings = warnings;
        this.certificates = certificates;
        this.ramp = ramp;
        this.connectors = connectors;
        this.clock = clock;
    }

    /**
     * The settings as they are now.
     * @return the view
     */
    public View view() {
        HttpsSettings effective = this.configurator.effective();
        return new View(effective, this.configurator.states(), this.warnings.current(), this.ramp.maxAge(effective));
    }

    /**
     * Check and store changed settings, or only check them.
     * @param changes new values by setting name (any of the names {@code configure}
     * accepts, such as {@code hstsMaxAge} or {@code hsts-max-age}), as text; a
     * {@code null} value returns the setting to its configuration
     * @param dryRun whether to check only
     * @param author who changes them, and where
     * @return the settings with the change, and the warnings that then apply
     * @throws InvalidHttpsSettingsException if a name or value is invalid or the result
     * is inconsistent; nothing is stored
     */
    public View update(Map<String, String> changes, boolean dryRun, Author author) {
        return update(changes, dryRun, author, currentBindings());
    }

    /**
     * Check and store changed settings for the bindings they will apply to, such as
     * bindings about to get another redirect target.
     * @param changes new values by setting name; {@code null} to return to configuration
     * @param dryRun whether to check only
     * @param author who changes them, and where
     * @param bindings the bindings the settings apply to
     * @return the settings with the change, and the warnings that then apply
     * @throws InvalidHttpsSettingsException if a name or value is invalid or the result
     * is inconsistent; nothing is stored
     */
    public View update(Map<String, String> changes, boolean dryRun, Author author, List<Binding> bindings) {
        Change change = parse(changes);
        HttpsSettings next = this.configurator.check(change.values(), change.reset(), bindings);
        if (!dryRun) {
            if (!change.isEmpty()) {
                this.configurator.store(change.values(), change.reset(), author);
            }
            return view();
        }
        Duration maxAge = next.hstsRamp() ? HstsRamp.steps(next.hstsMaxAge()).get(0) : next.hstsMaxAge();
        return new View(next, this.configurator.states(), HttpsWarnings.evaluate(next, bindings,
                next.hstsEnabled() ? this.certificates.untrusted(bindings) : List.of(), maxAge, this.ramp.enabledSince(),
                this.clock.instant()), maxAge);
    }

    /**
     * The change that turns the effective settings into those of a form that shows all of
     * them: only the settings whose value differs, and a setting set back to its configured
     * value is reset rather than stored, so that the configuration applies again.
     * @param form every setting's value by API field name, as text
     * @return the changes, for {@link #update}; {@code null} values reset
     * @throws InvalidHttpsSettingsException if a name or value is invalid
     */
    public Map<String, String> changesFrom(Map<String, String> form) {
        Change wanted = parse(form);
        HttpsSettings effective = this.configurator.effective();
        HttpsSettings configured = this.configurator.configured();
        Map<String, String> changes = new LinkedHashMap<>();
        wanted.values().forEach((setting, value) -> {
            if (!value.equals(effective.get(setting))) {
                changes.put(field(setting), value.equals(configured.get(setting)) ? null : setting.format(value));
            }
        });
        return changes;
    }

    private Change parse(Map<String, String> changes) {
        Map<HttpsSetting, Object> values = new EnumMap<>(HttpsSetting.class);
        Set<HttpsSetting> reset = EnumSet.noneOf(HttpsSetting.class);
        changes.forEach((name, text) -> {
            HttpsSetting setting = HttpsSetting.named(name).orElseThrow(() -> new InvalidHttpsSettingsException(name,
                    "is not an HTTPS setting", "Use one of " + String.join(", ", names()) + "."));
            if (values.containsKey(setting) || reset.contains(setting)) {
                throw new InvalidHttpsSettingsException(setting, "is given twice (as " + name + ")",
                        "Give each setting once; nothing was changed.");
            }
            if (text == null) {
                reset.add(setting);
                return;
            }
            try {
                values.put(setting, setting.parse(text));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidHttpsSettingsException(setting, "cannot be " + ex.getMessage(),
                        "Give " + field(setting) + " a valid value; nothing was changed.");
            }
        });
        return new Change(values, reset);
    }

    private List<Binding> currentBindings() {
        return this.connectors.states().stream().map(Listeners.ListenerState::binding).toList();
    }

    private static List<String> names() {
        return java.util.Arrays.stream(HttpsSetting.values()).map(HttpsSettingsService::field).toList();
    }

    /**
     * The API's name of a setting, such as {@code hstsMaxAge}.
     * @param setting the setting
     * @return the name
     */
    public static String field(HttpsSetting setting) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : setting.option().toCharArray()) {
            if (c == '-') {
                upper = true;
            }
            else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /**
     * The field that a property of a settings error is about.
     * @param property such as {@code portal.hsts.preload}
     * @return the API's field name, such as {@code hstsPreload}
     */
    public static String fieldOf(String property) {
        for (HttpsSetting setting : HttpsSetting.values()) {
            if (setting.property().equals(property)) {
                return field(setting);
            }
        }
        return HttpsSetting.named(property).map(HttpsSettingsService::field).orElse(property);
    }

    private record Change(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset) {

        boolean isEmpty() {
            return this.values.isEmpty() && this.reset.isEmpty();
        }

    }

    /**
     * The HTTPS settings with their origins and warnings.
     *
     * @param settings the effective settings
     * @param states each setting with its origin
     * @param warnings the warnings that apply
     * @param sentMaxAge the max-age sent now (lower than configured while ramping)
     */
    public record View(HttpsSettings settings, List<HttpsConfigurator.SettingState> states, List<HttpsWarning> warnings,
            Duration sentMaxAge) {

        /**
         * The values by API field name, durations as text such as {@code 1h}.
         * @return the values
         */
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (HttpsSetting setting : HttpsSetting.values()) {
                Object value = this.settings.get(setting);
                values.put(field(setting), (value instanceof Duration duration) ? HttpsSetting.formatDuration(duration) : value);
            }
            return values;
        }

        /**
         * Where each effective value comes from, by API field name.
         * @return the origins
         */
        public Map<String, String> sources() {
            Map<String, String> sources = new LinkedHashMap<>();
            this.states.forEach((state) -> sources.put(state.field(), state.origin()));
            return sources;
        }

    }

}
