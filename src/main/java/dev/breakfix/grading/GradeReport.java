package dev.breakfix.grading;

import java.time.Instant;
import java.util.List;

import dev.breakfix.diagnosis.PodDiagnosis;

/**
 * The answer to "did my fix work?": pass or fail, score, every check with its message, a diagnosis of
 * every Pod in the lab, how many times the lab was graded, and, while the stability window runs, how
 * many seconds are left. The score includes the points of the lab's debugging questions answered right.
 */
public record GradeReport(
        String learner,
        String scenario,
        String namespace,
        boolean passed,
        int score,
        int maxScore,
        String summary,
        List<CheckResult> checks,
        List<PodDiagnosis> pods,
        int attempts,
        Instant gradedAt,
        Instant passedAt,
        Long stableInSeconds,
        List<dev.breakfix.questions.QuestionResult> questions) {

    /** A report without debugging questions. */
    public GradeReport(String learner, String scenario, String namespace, boolean passed, int score, int maxScore,
            String summary, List<CheckResult> checks, List<PodDiagnosis> pods, int attempts, Instant gradedAt,
            Instant passedAt, Long stableInSeconds) {
        this(learner, scenario, namespace, passed, score, maxScore, summary, checks, pods, attempts, gradedAt, passedAt,
                stableInSeconds, List.of());
    }
}
