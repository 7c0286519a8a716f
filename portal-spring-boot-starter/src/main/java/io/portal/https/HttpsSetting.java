package io.portal.https;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.portal.system.Echo;
import io.portal.system.PortalDurations;

/**
 * The settings that {@code configure} can change at runtime, with the names they go by:
 * the property ({@code portal.hsts.max-age}), the kebab-case option
 * ({@code --hsts-max-age}), the camel-case option Octopus documents
 * ({@code --hstsMaxAge}) and Octopus' {@code --webForceSSL}. Values are
 * {@link Boolean}, {@link Integer} (a status) or {@link Duration}.
 */
public enum HttpsSetting {

    /**
     * Whether HTTP requests are redirected to HTTPS.
     */
    REDIRECT_HTTP_TO_HTTPS("portal.redirect-http-to-https", Kind.BOOLEAN, "webForceSSL"),

    /**
     * The status of the redirect.
     */
    REDIRECT_STATUS("portal.redirect-status", Kind.STATUS),

    /**
     * Whether the Strict-Transport-Security header is sent.
     */
    HSTS_ENABLED("portal.hsts.enabled", Kind.BOOLEAN),

    /**
     * The header's max-age.
     */
    HSTS_MAX_AGE("portal.hsts.max-age", Kind.DURATION),

    /**
     * The header's includeSubDomains.
     */
    HSTS_INCLUDE_SUB_DOMAINS("portal.hsts.include-sub-domains", Kind.BOOLEAN),

    /**
     * The header's preload.
     */
    HSTS_PRELOAD("portal.hsts.preload", Kind.BOOLEAN),

    /**
     * Whether max-age is raised step by step.
     */
    HSTS_RAMP("portal.hsts.ramp", Kind.BOOLEAN);

    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 307, 308);

    private final String property;

    private final Kind kind;

    private final List<String> aliases;

    HttpsSetting(String property, Kind kind, String... aliases) {
        this.property = property;
        this.kind = kind;
        this.aliases = List.of(aliases);
    }

    /**
     * The configuration property, such as {@code portal.hsts.max-age}.
     * @return the property name
     */
    public String property() {
        return this.property;
    }

    /**
     * The command option without dashes, such as {@code hsts-max-age}.
     * @return the option name
     */
    public String option() {
        return this.property.substring("portal.".length()).replace('.', '-');
    }

    /**
     * Find a setting by any of its names, in any of the accepted spellings.
     * @param name {@code hsts-max-age}, {@code hstsMaxAge}, {@code portal.hsts.max-age}...
     * @return the setting
     */
    public static Optional<HttpsSetting> named(String name) {
        String key = key(name);
        for (HttpsSetting setting : values()) {
            if (key(setting.property).equals(key) || setting.aliases.stream().anyMatch((a) -> key(a).equals(key))) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("portal.")) {
            lower = lower.substring("portal.".length());
        }
        return lower.replace("-", "").replace("_", "").replace(".", "");
    }

    /**
     * Parse a value as an operator writes it.
     * @param text the text; {@code null} for a boolean option given without a value
     * @return the value
     * @throws IllegalArgumentException with the reason and an example, if it is invalid
     */
    public Object parse(String text) {
        return switch (this.kind) {
            case BOOLEAN -> parseBoolean(text);
            case STATUS -> parseStatus(text);
            case DURATION -> parseDuration(text);
        };
    }

    /**
     * A value as shown to operators and accepted back by {@link #parse(String)}.
     * @param value the value
     * @return the text, such as {@code true}, {@code 308} or {@code 365d5h48m46s}
     */
    public String format(Object value) {
        return (value instanceof Duration duration) ? formatDuration(duration) : String.valueOf(value);
    }

    private Object parseBoolean(String text) {
        if (text == null || text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("'" + Echo.of(text) + "' is not true or false");
    }

    private Object parseStatus(String text) {
        try {
            int status = Integer.parseInt(required(text).trim());
            if (REDIRECT_STATUSES.contains(status)) {
                return status;
            }
        }
        catch (NumberFormatException ex) {
            // explained below
        }
        throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a redirect status the portal sends; use 308 (the "
                + "default, keeps method and body), 301, 302 or 307");
    }

    private Object parseDuration(String text) {
        String value = required(text).trim();
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is negative; max-age is 0 or more, such as 3600, 1h or 365d");
        }
        // The header counts whole seconds.
        return Duration.ofSeconds(PortalDurations.parse(value).getSeconds());
    }

    private static String required(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("it needs a value");
        }
        return text;
    }

    /**
     * A duration in days, hours, minutes and seconds, such as {@code 1h} or
     * {@code 365d5h48m46s}.
     * @param duration the duration
     * @return the text
     */
    public static String formatDuration(Duration duration) {
        return PortalDurations.format(duration);
    }

    private enum Kind {

        BOOLEAN, STATUS, DURATION

    }

}
