package io.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.server.BindingConnectors;

/**
 * The HTTPS settings for the admin API and the pages: the effective values with where
 * each comes from and the current warnings, and changes checked and stored exactly as the
 * {@code configure} command does (the same store, the same words for errors).
 */
public class HttpsSettingsService {

    private final HttpsConfigurator configurator;

    private final HttpsWarnings warnings;

    private final ServedCertificates certificates;

    private final HstsRamp ramp;

    private final BindingConnectors connectors;

    private final Clock clock;

    HttpsSettingsService(HttpsConfigurator configurator, HttpsWarnings warnings, ServedCertificates certificates, HstsRamp ramp,
            BindingConnectors connectors, Clock clock) {
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
        return new View(this.configurator.effective(), this.configurator.sources(), this.warnings.current(),
                this.ramp.maxAge(this.configurator.effective()));
    }

    /**
     * Check and store changed settings, or only check them.
     * @param changes new values by setting name (any of the names {@code configure}
     * accepts, such as {@code hstsMaxAge} or {@code hsts-max-age}), as text
     * @param dryRun whether to check only
     * @return the settings with the change, and the warnings that would then apply
     * @throws InvalidHttpsSettingsException if a name or value is invalid or the result
     * is inconsistent; nothing is stored
     */
    public View update(Map<String, String> changes, boolean dryRun) {
        Map<HttpsSetting, Object> values = new EnumMap<>(HttpsSetting.class);
        changes.forEach((name, text) -> {
            HttpsSetting setting = HttpsSetting.named(name).orElseThrow(() -> new InvalidHttpsSettingsException(name,
                    "is not an HTTPS setting", "Use one of " + String.join(", ", names()) + "."));
            try {
                values.put(setting, setting.parse(text));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidHttpsSettingsException(setting, "cannot be " + ex.getMessage(),
                        "Give " + field(setting) + " a valid value; nothing was changed.");
            }
        });
        HttpsSettings next = this.configurator.check(values);
        if (!dryRun) {
            this.configurator.store(values);
            return view();
        }
        List<Binding> bindings = this.connectors.all().stream().map(BindingConnectors.Live::binding).toList();
        Duration maxAge = next.hstsRamp() ? HstsRamp.steps(next.hstsMaxAge()).get(0) : next.hstsMaxAge();
        return new View(next, this.configurator.sources(), HttpsWarnings.evaluate(next, bindings,
                next.hstsEnabled() ? this.certificates.untrusted() : List.of(), maxAge, this.ramp.enabledSince(),
                this.clock.instant()), maxAge);
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
        return property;
    }

    /**
     * The HTTPS settings with their sources and warnings.
     *
     * @param settings the effective settings
     * @param sources where each setting's value comes from, by API field name
     * @param warnings the warnings that apply
     * @param sentMaxAge the max-age sent now (lower than configured while ramping)
     */
    public record View(HttpsSettings settings, Map<String, String> sources, List<HttpsWarning> warnings, Duration sentMaxAge) {

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

    }

}
