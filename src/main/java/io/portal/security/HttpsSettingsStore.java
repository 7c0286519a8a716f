package io.portal.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settings written by {@code configure}, in the state store, one row per setting that
 * overrides configuration. Thread-safe; a change is all-or-nothing.
 */
public class HttpsSettingsStore {

    private static final Log logger = LogFactory.getLog(HttpsSettingsStore.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    public HttpsSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * The stored settings. A row this version does not know, or cannot read, is skipped
     * with a warning rather than stopping the portal.
     * @return the values and when each was stored
     */
    public Map<HttpsSetting, Stored> load() {
        Map<HttpsSetting, Stored> stored = new EnumMap<>(HttpsSetting.class);
        this.jdbc.sql("select name, setting_value, updated_at from https_setting").query((rs) -> {
            String name = rs.getString("name");
            String text = rs.getString("setting_value");
            HttpsSetting setting = HttpsSetting.named(name).orElse(null);
            if (setting == null || !setting.property().equals(name)) {
                logger.warn("Ignoring unknown stored setting '" + name + "'");
                return;
            }
            try {
                stored.put(setting, new Stored(setting.parse(text), rs.getObject("updated_at", OffsetDateTime.class).toInstant()));
            }
            catch (IllegalArgumentException ex) {
                logger.warn("Ignoring stored setting " + name + ": " + ex.getMessage()
                        + ". Store a valid value with: java -jar portal.jar configure --" + setting.option() + "=...");
            }
        });
        return stored;
    }

    /**
     * Store some settings and remove others, in one transaction.
     * @param values the settings to store
     * @param removed the settings to remove, so that configuration applies again
     * @param now the time of the change
     */
    public void update(Map<HttpsSetting, Object> values, Set<HttpsSetting> removed, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        this.transactions.executeWithoutResult((status) -> {
            for (HttpsSetting setting : removed) {
                this.jdbc.sql("delete from https_setting where name = ?").param(setting.property()).update();
            }
            values.forEach((setting, value) -> {
                String text = storedText(value);
                int rows = this.jdbc.sql("update https_setting set setting_value = ?, updated_at = ? where name = ?")
                    .params(text, at, setting.property())
                    .update();
                if (rows == 0) {
                    this.jdbc.sql("insert into https_setting (name, setting_value, updated_at) values (?, ?, ?)")
                        .params(setting.property(), text, at)
                        .update();
                }
            });
        });
    }

    private static String storedText(Object value) {
        return (value instanceof java.time.Duration duration) ? String.valueOf(duration.getSeconds()) : String.valueOf(value);
    }

    /**
     * A stored value.
     *
     * @param value the value
     * @param updatedAt when it was stored
     */
    public record Stored(Object value, Instant updatedAt) {
    }

}
