package dev.breakfix.diagnosis;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations as kubectl prints them in AGE columns: a port of {@code HumanDuration} from
 * {@code k8s.io/apimachinery/pkg/util/duration} (about two significant figures: {@code 113s}, {@code 2m46s},
 * {@code 10m}, {@code 3h5m}, {@code 2d5h}).
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    /** The time from {@code then} to {@code now}, or {@code <unknown>} when {@code then} is not known. */
    public static String since(Instant then, Instant now) {
        return then == null ? "<unknown>" : of(Duration.between(then, now));
    }

    public static String of(Duration d) {
        // Go truncates toward zero; Duration.getSeconds() floors.
        long seconds = d.isNegative() ? -d.negated().getSeconds() : d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = d.toMinutes();
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = d.toHours();
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return withRest(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return withRest(hours / 24 / 365, "y", hours / 24 % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    private static String withRest(long value, String unit, long rest, String restUnit) {
        return rest == 0 ? value + unit : value + unit + rest + restUnit;
    }
}
