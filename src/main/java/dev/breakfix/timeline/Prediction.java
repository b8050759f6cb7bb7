package dev.breakfix.timeline;

import java.time.Instant;

/**
 * When the kubelet will try next: {@code after} the last attempt (or the last run's end) plus the back-off
 * {@code delaySeconds}; {@code capped} once the back-off has reached its five-minute limit; {@code due} when
 * that moment has passed (the kubelet tries at its next sync). {@code basis} says where the delay comes from.
 */
public record Prediction(Attempt.Kind kind, int number, Instant at, long delaySeconds, boolean capped, boolean due,
        String basis) {
}
