package dev.breakfix.timeline;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.breakfix.diagnosis.Msg;

/**
 * When the kubelet will try next: {@code after} the last attempt (or the last run's end) plus the back-off
 * {@code delaySeconds}; {@code capped} once the back-off has reached its five-minute limit; {@code due} when
 * that moment has passed (the kubelet tries at its next sync). {@code basis} says where the delay comes from
 * (English); {@code why} is the same before it is put into words (not in JSON).
 */
public record Prediction(Attempt.Kind kind, int number, Instant at, long delaySeconds, boolean capped, boolean due,
        String basis, @JsonIgnore Msg why) {

    public Prediction(Attempt.Kind kind, int number, Instant at, long delaySeconds, boolean capped, boolean due, Msg why) {
        this(kind, number, at, delaySeconds, capped, due, why.english(), why);
    }

    /** The same prediction with its basis in {@code locale}. */
    public Prediction in(Locale locale) {
        return why == null ? this : new Prediction(kind, number, at, delaySeconds, capped, due, why.render(locale), why);
    }
}
