package io.portal.https;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.portal.binding.Binding;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The settings in force in a running portal: configuration with the stored settings on
 * top, checked against the current bindings. {@link #refresh()} reads the store again; a
 * stored change that does not check out is logged and the previous settings stay in
 * force. Thread-safe: readers see one consistent snapshot.
 */
public class LiveHttpsSettings implements Supplier<HttpsSettings> {

    private static final Log logger = LogFactory.getLog(LiveHttpsSettings.class);

    private final HttpsSettings configured;

    private final HttpsSettingsStore store;

    private final Supplier<List<Binding>> bindings;

    private volatile HttpsSettings current;

    private String lastProblem;

    /**
     * Read and check the settings.
     * @param configured the settings from configuration
     * @param store the stored settings
     * @param bindings the current bindings
     * @throws InvalidHttpsSettingsException if the settings cannot be used
     */
    public LiveHttpsSettings(HttpsSettings configured, HttpsSettingsStore store, Supplier<List<Binding>> bindings) {
        this.configured = configured;
        this.store = store;
        this.bindings = bindings;
        this.current = effective();
    }

    @Override
    public HttpsSettings get() {
        return this.current;
    }

    /**
     * Read the stored settings again and put them in force if they check out.
     * @return whether the settings in force changed
     */
    public synchronized boolean refresh() {
        HttpsSettings next;
        try {
            next = effective();
        }
        catch (InvalidHttpsSettingsException ex) {
            String problem = ex.getMessage() + " " + ex.getAction();
            if (!problem.equals(this.lastProblem)) {
                logger.error("The HTTPS settings cannot change as stored; the previous ones stay in force: " + problem);
                this.lastProblem = problem;
            }
            return false;
        }
        this.lastProblem = null;
        HttpsSettings previous = this.current;
        if (next.equals(previous)) {
            return false;
        }
        this.current = next;
        logger.info("HTTPS settings changed: " + differences(previous, next));
        return true;
    }

    private HttpsSettings effective() {
        Map<HttpsSetting, Object> stored = new EnumMap<>(HttpsSetting.class);
        this.store.load().forEach((setting, value) -> stored.put(setting, value.value()));
        HttpsSettings settings = this.configured.with(stored);
        settings.checkConsistent();
        RedirectTargets.check(settings, this.bindings.get());
        return settings;
    }

    private static String differences(HttpsSettings before, HttpsSettings after) {
        StringBuilder text = new StringBuilder();
        for (HttpsSetting setting : HttpsSetting.values()) {
            if (!Objects.equals(before.get(setting), after.get(setting))) {
                text.append((text.length() > 0) ? ", " : "")
                    .append(setting.option())
                    .append(' ')
                    .append(setting.format(before.get(setting)))
                    .append(" -> ")
                    .append(setting.format(after.get(setting)));
            }
        }
        return text.toString();
    }

}
