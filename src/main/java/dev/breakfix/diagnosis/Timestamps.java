package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.MicroTime;

import java.time.Instant;
import java.util.Comparator;

/** Kubernetes timestamps (RFC 3339 strings, as fabric8 keeps them) as instants; absent ones are null. */
public final class Timestamps {

    /** Orders instants with unknown ones first, as Go's zero time sorts before any other. */
    static final Comparator<Instant> UNKNOWN_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private Timestamps() {
    }

    /** The instant of an RFC 3339 time stamp; null when absent or blank. */
    public static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        Instant utc = parseUtc(timestamp);
        return utc != null ? utc : Instant.parse(timestamp);
    }

    /**
     * The form the API server writes ({@code 2020-12-05T06:07:08Z}, MicroTime {@code 2020-12-05T06:07:08.123456Z}),
     * read without {@link Instant#parse}, which builds a formatter on every call and was most of the cost of a
     * grade; null for anything else (then {@code Instant.parse} decides).
     */
    static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // digits between '.' and 'Z'
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(t, 20, n - 1);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    static Instant parse(MicroTime time) {
        return time == null ? null : parse(time.getTime());
    }

    /** The later of two instants; an unknown one loses. */
    static Instant later(Instant a, Instant b) {
        return UNKNOWN_FIRST.compare(a, b) >= 0 ? a : b;
    }
}
