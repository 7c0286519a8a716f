package io.portal.https;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.https.HttpsSettingsStore.Author;
import io.portal.https.HttpsSettingsStore.Stored;
import io.portal.system.PropertyOrigins;

/**
 * The stored HTTPS settings, wherever they are changed (the admin API, the settings page,
 * or {@code configure} on the store while no portal runs): check new settings together
 * with the others and the bindings, store them all or nothing, and tell each effective
 * value with where it comes from.
 */
public class HttpsConfigurator {

    private final HttpsSettings configured;

    private final HttpsSettingsStore store;

    private final HstsStateStore hstsState;

    /**
     * How a setting that no property source sets is described.
     */
    static final String DEFAULT = "default";

    private final PropertyOrigins origins;

    private final Supplier<List<Binding>> bindings;

    private final Clock clock;

    private final Runnable afterChange;

    HttpsConfigurator(HttpsSettings configured, HttpsSettingsStore store, HstsStateStore hstsState, PropertyOrigins origins,
            Supplier<List<Binding>> bindings, Clock clock, Runnable afterChange) {
        this.configured = configured;
        this.store = store;
        this.hstsState = hstsState;
        this.origins = origins;
        this.bindings = bindings;
        this.clock = clock;
        this.afterChange = afterChange;
    }

    /**
     * The effective settings: configuration with the stored values on top.
     * @return the settings
     */
    public HttpsSettings effective() {
        return this.configured.with(storedValues());
    }

    /**
     * The settings as configured, without what is stored.
     * @return the settings
     */
    public HttpsSettings configured() {
        return this.configured;
    }

    /**
     * Each setting: its effective value, where it comes from and, when a stored value
     * overrides the configuration, the configured value and its origin.
     * @return the settings in their usual order
     */
    public List<SettingState> states() {
        Map<HttpsSetting, Stored> stored = this.store.load();
        List<SettingState> states = new ArrayList<>();
        for (HttpsSetting setting : HttpsSetting.values()) {
            String configuredValue = setting.format(this.configured.get(setting));
            String configuredOrigin = this.origins.describe(setting.property()).orElse(DEFAULT);
            Stored value = stored.get(setting);
            states.add((value != null)
                    ? new SettingState(setting, setting.format(value.value()), value.origin(), true, configuredValue,
                            configuredOrigin)
                    : new SettingState(setting, configuredValue, configuredOrigin, false, configuredValue, configuredOrigin));
        }
        return states;
    }

    /**
     * Where each setting's effective value comes from, by the API's field name.
     * @return the origins
     */
    Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        states().forEach((state) -> sources.put(state.field(), state.origin()));
        return sources;
    }

    /**
     * The settings that a change would give, checked for consistency with each other and
     * with the given bindings.
     * @param values the new values
     * @param reset the settings that return to their configuration
     * @param bindings the bindings the settings will apply to
     * @return the resulting settings
     * @throws InvalidHttpsSettingsException if they are not consistent
     */
    public HttpsSettings check(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset, List<Binding> bindings) {
        HttpsSettings next = this.configured.with(after(values, reset));
        next.checkConsistent();
        RedirectTargets.check(next, bindings);
        return next;
    }

    /**
     * Check a change against the current bindings.
     * @param values the new values
     * @param reset the settings that return to their configuration
     * @return the resulting settings
     * @throws InvalidHttpsSettingsException if they are not consistent
     */
    public HttpsSettings check(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset) {
        return check(values, reset, this.bindings.get());
    }

    /**
     * Store checked values, remove reset ones, and apply them to a running portal at once.
     * @param values the values
     * @param reset the settings that return to their configuration
     * @param author who changes them, and where
     */
    public void store(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset, Author author) {
        this.store.update(values, reset, this.clock.instant(), author);
        this.afterChange.run();
    }

    /**
     * The warnings that settings give without a running server: those that follow from
     * the settings and the configured bindings. Certificates are checked by the running
     * portal.
     * @param next the settings
     * @param previous the settings before the change
     * @return the warnings
     */
    public List<HttpsWarning> warningsWithoutServer(HttpsSettings next, HttpsSettings previous) {
        Duration maxAge = next.hstsRamp() ? HstsRamp.steps(next.hstsMaxAge()).get(0) : next.hstsMaxAge();
        return HttpsWarnings.evaluate(next, this.bindings.get(), List.of(), maxAge,
                previous.hstsEnabled() ? this.hstsState.load().enabledSince() : null, this.clock.instant());
    }

    private Map<HttpsSetting, Object> after(Map<HttpsSetting, Object> values, Set<HttpsSetting> reset) {
        Map<HttpsSetting, Object> after = storedValues();
        after.keySet().removeAll(reset);
        after.putAll(values);
        return after;
    }

    private Map<HttpsSetting, Object> storedValues() {
        Map<HttpsSetting, Object> values = new EnumMap<>(HttpsSetting.class);
        this.store.load().forEach((setting, stored) -> values.put(setting, stored.value()));
        return values;
    }

    /**
     * One setting as it is now.
     *
     * @param setting the setting
     * @param value its effective value, as text
     * @param origin where that value comes from
     * @param overridden whether a stored value overrides the configuration
     * @param configuredValue the value from configuration (or the default), as text
     * @param configuredOrigin where that comes from, such as {@code application.yml line 50}
     */
    public record SettingState(HttpsSetting setting, String value, String origin, boolean overridden, String configuredValue,
            String configuredOrigin) {

        /**
         * The API's name of the setting.
         * @return such as {@code hstsMaxAge}
         */
        public String field() {
            return HttpsSettingsService.field(this.setting);
        }

        /**
         * The option's name.
         * @return such as {@code hsts-max-age}
         */
        public String option() {
            return this.setting.option();
        }

    }

}
