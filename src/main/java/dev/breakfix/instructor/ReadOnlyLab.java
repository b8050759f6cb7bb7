package dev.breakfix.instructor;

import io.quarkus.qute.RawString;

/**
 * Turns the learner's lab page into the instructor's read-only view of it: no action buttons, the live panel
 * and the grade report from the instructor's own stream, a way back to the class.
 *
 * @param learner   the learner's id as typed
 * @param liveUrl   the instructor's event stream of this lab
 * @param gradeHtml the grade report, rendered by the lab page's own grade fragment (escaped there)
 */
public record ReadOnlyLab(String learner, String liveUrl, RawString gradeHtml) {
}
