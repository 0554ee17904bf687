package dev.apilab.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a .env file: 30s, 30m, 12h, 7d, or ISO-8601 such as PT1H. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})\\s*(s|m|h|d)");

    private Durations() {}

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher short_ = SHORT.matcher(value);
        if (short_.matches()) {
            long amount = Long.parseLong(short_.group(1));
            return switch (short_.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }
        throw new IllegalArgumentException("not a duration");
    }
}
