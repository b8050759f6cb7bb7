package dev.breakfix.instructor;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One learner's lab in the class matrix, as the cache shows it now.
 *
 * @param state    {@code not-started}, {@code broken}, {@code stabilising} or {@code passed}
 * @param pod      the diagnosis of the workload's Pod ({@link dev.breakfix.diagnosis.PodState} name), null when
 *                 not started
 * @param reason   short: what is wrong ({@code ImagePullBackOff}, {@code Insufficient cpu}, ...), null if nothing
 * @param stableAt when the stability window of a running fix ends (stabilising only); sent as seconds left
 */
@JsonPropertyOrder({ "state", "pod", "reason", "startedAt", "stableInSeconds", "passedAt", "attempts", "hintsUsed" })
public record MatrixCell(String state, String pod, String reason, Instant startedAt, @JsonIgnore Instant stableAt,
        Instant passedAt, int attempts, int hintsUsed) {

    public static final String NOT_STARTED = "not-started";
    public static final String BROKEN = "broken";
    public static final String STABILISING = "stabilising";
    public static final String PASSED = "passed";

    static final MatrixCell EMPTY = new MatrixCell(NOT_STARTED, null, null, null, null, null, 0, 0);

    /** Whole seconds until the stability window ends, while stabilising (at least 1); null otherwise. */
    @JsonProperty("stableInSeconds")
    public Long stableInSeconds() {
        if (stableAt == null) {
            return null;
        }
        long ms = Duration.between(Instant.now(), stableAt).toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }
}
