package dev.breakfix.gradebook;

import java.time.Instant;

/**
 * One learner's standing in one scenario, as the cluster records it on the lab's namespace.
 *
 * @param learner       the learner id as the learner (or the roster) gave it
 * @param scenario      the scenario id
 * @param passed        whether the last recorded grade passed (false when never graded or not started)
 * @param score         the last recorded grade's score (0 when never graded)
 * @param maxScore      the last recorded grade's maximum (the scenario's maximum when never graded)
 * @param attempts      how many times the lab was graded
 * @param firstPassedAt when the lab first passed, null if it never did
 * @param hintsUsed     how many hints the learner revealed
 */
public record GradebookRow(String learner, String scenario, boolean passed, int score, int maxScore, int attempts,
        Instant firstPassedAt, int hintsUsed) {
}
