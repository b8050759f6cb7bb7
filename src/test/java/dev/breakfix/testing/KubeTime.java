package dev.breakfix.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Time as the API server prints it, and durations as Go's {@code time.Duration.String()} does. */
final class KubeTime {

    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private KubeTime() {
    }

    /** {@code metav1.Time}: RFC 3339 in seconds, e.g. {@code 2026-11-28T03:29:22Z}. */
    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code metav1.MicroTime}, e.g. {@code 2026-11-28T03:29:22.491943Z}. */
    static String microTime(Instant instant) {
        return MICRO.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Go's duration format: {@code 10s}, {@code 1m20s}, {@code 5m0s}, {@code 20.123021ms}. */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000L) {
            return sign + nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return sign + fraction(nanos, 3) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return sign + fraction(nanos, 6) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        String seconds = fraction(rest % 60_000_000_000L, 9) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
