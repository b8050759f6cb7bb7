package dev.breakfix.classroom;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A bulk operation as the API shows it: its action, whether it still runs, counts, and every lab of its
 * selection with its own state. {@code done}, {@code failed} and {@code skipped} count finished labs; the
 * operation is {@code done} when they add up to {@code total}.
 */
public record Operation(String id, Action action, State state, Instant startedAt, Instant finishedAt, int total,
        int done, int failed, int skipped, List<Lab> labs) {

    public enum State {
        RUNNING, DONE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One lab of the selection: {@code message} says why it failed or was skipped (null otherwise). */
    public record Lab(String learner, String scenario, LabState state, String message) {
    }

    public enum LabState {
        PENDING, RUNNING, DONE, FAILED, SKIPPED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean finished() {
            return this == DONE || this == FAILED || this == SKIPPED;
        }
    }
}
