package dev.breakfix.progress;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.breakfix.diagnosis.Timestamps;
import dev.breakfix.lab.BreakfixLabels;

/**
 * A lab's progress as recorded on its namespace: when it started, how many times it was graded,
 * when it first passed, and the last grade's outcome.
 */
public record Progress(Instant startedAt, int attempts, Optional<Instant> passedAt, Optional<LastGrade> lastGrade,
        boolean injected, int hintsUsed) {

    /** Progress without a hint count (none revealed). */
    public Progress(Instant startedAt, int attempts, Optional<Instant> passedAt, Optional<LastGrade> lastGrade,
            boolean injected) {
        this(startedAt, attempts, passedAt, lastGrade, injected, 0);
    }

    /** The outcome of the latest grade, kept short enough for an annotation. */
    public record LastGrade(boolean passed, int score, int maxScore, Instant at) {
    }

    public static Progress fromAnnotations(Map<String, String> annotations) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        return new Progress(
                parseInstant(a.get(BreakfixLabels.STARTED_AT)).orElse(null),
                parseInt(a.get(BreakfixLabels.ATTEMPTS)),
                parseInstant(a.get(BreakfixLabels.PASSED_AT)),
                Optional.ofNullable(a.get(BreakfixLabels.LAST_GRADE)).flatMap(Progress::parseLastGrade),
                a.containsKey(BreakfixLabels.STARTED_AT),
                parseInt(a.get(BreakfixLabels.HINTS_USED)));
    }

    /** Compact "passed score/max at" form, e.g. {@code true 5/5 2026-11-28T05:00:00Z}. */
    static String format(LastGrade g) {
        return g.passed() + " " + g.score() + "/" + g.maxScore() + " " + g.at();
    }

    private static Optional<LastGrade> parseLastGrade(String s) {
        try {
            String[] parts = s.split(" ");
            String[] score = parts[1].split("/");
            return Optional.of(new LastGrade(Boolean.parseBoolean(parts[0]), Integer.parseInt(score[0]),
                    Integer.parseInt(score[1]), Objects.requireNonNull(Timestamps.parse(parts[2]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseInstant(String s) {
        try {
            return Optional.ofNullable(Timestamps.parse(s));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
