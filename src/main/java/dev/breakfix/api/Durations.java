package dev.breakfix.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a wait given as {@code 30}, {@code 30s}, {@code 2m} or ISO-8601 {@code PT30S}. */
final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,6})(ms|s|m)?");

    private Durations() {
    }

    static Duration parse(String text, String name) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = SIMPLE.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative()) {
                throw new BadRequestException(name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a duration such as 30s, 2m or PT30S, not '" + text + "'");
        }
    }
}
