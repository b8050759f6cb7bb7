package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.MicroTime;

import java.time.Instant;
import java.util.Comparator;

/** Kubernetes timestamps (RFC 3339 strings, as fabric8 keeps them) as instants; absent ones are null. */
final class Timestamps {

    /** Orders instants with unknown ones first, as Go's zero time sorts before any other. */
    static final Comparator<Instant> UNKNOWN_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private Timestamps() {
    }

    static Instant parse(String timestamp) {
        return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
    }

    static Instant parse(MicroTime time) {
        return time == null ? null : parse(time.getTime());
    }

    /** The later of two instants; an unknown one loses. */
    static Instant later(Instant a, Instant b) {
        return UNKNOWN_FIRST.compare(a, b) >= 0 ? a : b;
    }
}
