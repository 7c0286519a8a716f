package io.portal.https;

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
        this.jdbc.sql("select name, setting_value, updated_at, changed_by, changed_via from https_setting").query((rs) -> {
            String name = rs.getString("name");
            String text = rs.getString("setting_value");
            HttpsSetting setting = HttpsSetting.named(name).orElse(null);
            if (setting == null || !setting.property().equals(name)) {
                logger.warn("Ignoring unknown stored setting '" + name + "'");
                return;
            }
            try {
                stored.put(setting, new Stored(setting.parse(text), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        new Author(rs.getString("changed_by"), rs.getString("changed_via"))));
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
     * @param author who changes them, and where
     */
    public void update(Map<HttpsSetting, Object> values, Set<HttpsSetting> removed, Instant now, Author author) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        this.transactions.executeWithoutResult((status) -> {
            for (HttpsSetting setting : removed) {
                this.jdbc.sql("delete from https_setting where name = ?").param(setting.property()).update();
            }
            values.forEach((setting, value) -> {
                String text = storedText(value);
                int rows = this.jdbc.sql("update https_setting set setting_value = ?, updated_at = ?, changed_by = ?, "
                        + "changed_via = ? where name = ?")
                    .params(text, at, author.actor(), author.place(), setting.property())
                    .update();
                if (rows == 0) {
                    this.jdbc.sql("insert into https_setting (name, setting_value, updated_at, changed_by, changed_via) "
                            + "values (?, ?, ?, ?, ?)")
                        .params(setting.property(), text, at, author.actor(), author.place())
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
     * @param author who stored it, and where
     */
    public record Stored(Object value, Instant updatedAt, Author author) {

        /**
         * Where the value comes from, in the operator's words.
         * @return such as {@code changed by admin on the settings page at 2026-03-01T10:00:00Z}
         */
        public String origin() {
            Instant at = this.updatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            if (this.author == null || this.author.actor() == null) {
                return "stored at " + at;
            }
            return "changed by " + this.author.actor() + ((this.author.place() != null) ? " " + this.author.place() : "")
                    + " at " + at;
        }

    }

    /**
     * Who changes settings, and where.
     *
     * @param actor the user, such as {@code admin} or {@code admin (token 'ci')}
     * @param place where, such as {@code on the settings page}, {@code through the API} or
     * {@code with configure}
     */
    public record Author(String actor, String place) {

        /**
         * A change made on the settings page.
         * @param actor the signed-in user
         * @return the author
         */
        public static Author settingsPage(String actor) {
            return new Author(actor, "on the settings page");
        }

        /**
         * A change made through the admin API.
         * @param actor the authenticated user or token
         * @return the author
         */
        public static Author api(String actor) {
            return new Author(actor, "through the API");
        }

        /**
         * A change made by {@code configure} on the store while no portal ran.
         * @param user the operating system user who ran it
         * @return the author
         */
        public static Author configure(String user) {
            return new Author(user, "with configure");
        }

    }

}
