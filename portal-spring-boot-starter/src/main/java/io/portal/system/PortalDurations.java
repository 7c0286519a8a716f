package io.portal.system;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written for the portal, in application.yml, environment
 * variables, command-line options, the admin API and the {@code configure} command:
 * <ul>
 * <li>a plain number is seconds: {@code 3600};</li>
 * <li>numbers with units, alone or combined: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 365d}, {@code 52w}, {@code 1y} (a year is 365 days);</li>
 * <li>ISO-8601: {@code PT1H30M}.</li>
 * </ul>
 * Case and surrounding blanks do not matter; negative durations are refused. Spring Boot's
 * own properties keep Boot's format (where a plain number is milliseconds), see
 * {@link PortalDurationConverter}.
 */
public final class PortalDurations {

    /**
     * What a valid duration looks like, for messages.
     */
    public static final String EXAMPLES = "give seconds (31536000) or a duration such as 1h, 365d or 1y";

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private static final Pattern UNITS = Pattern.compile("(?:\\d+(?:ms|[smhdwy]))+");

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhdwy])");

    private PortalDurations() {
    }

    /**
     * Read a duration.
     * @param text the text, such as {@code 1h30m}
     * @return the duration
     * @throws IllegalArgumentException naming the text and what to write instead
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("it needs a value; " + EXAMPLES);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is negative; give 0 or more, such as 3600, 1h or 365d");
        }
        try {
            if (NUMBER.matcher(value).matches()) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            if (value.startsWith("p")) {
                Duration iso = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!iso.isNegative()) {
                    return iso;
                }
                throw new IllegalArgumentException("'" + Echo.of(text) + "' is negative; give 0 or more, such as 3600, 1h or 365d");
            }
            if (UNITS.matcher(value).matches()) {
                Duration total = Duration.ZERO;
                Matcher part = PART.matcher(value);
                while (part.find()) {
                    total = total.plus(unit(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
                }
                return total;
            }
        }
        catch (ArithmeticException | NumberFormatException | DateTimeParseException ex) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is too long or not a duration; " + EXAMPLES);
        }
        throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a duration; " + EXAMPLES);
    }

    /**
     * A duration as {@link #parse(String)} reads it back, in days, hours, minutes, seconds
     * and milliseconds: {@code 1h}, {@code 365d5h48m46s}, {@code 500ms}.
     * @param duration the duration
     * @return the text
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] sizes = { 86_400_000, 3_600_000, 60_000, 1000, 1 };
        String[] units = { "d", "h", "m", "s", "ms" };
        for (int i = 0; i < sizes.length; i++) {
            if (millis >= sizes[i]) {
                text.append(millis / sizes[i]).append(units[i]);
                millis %= sizes[i];
            }
        }
        return text.toString();
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> Duration.ofDays(365);
        };
    }

}
