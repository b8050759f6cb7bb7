package dev.breakfix.web.pages;

import dev.breakfix.catalog.Scenario;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.grading.GradeReport;

/** A grade as the lab page shows it, with the way on after a pass. */
public record GradeView(String scenario, GradeReport report, Scenario next, SolutionView solution) {

    /** True while the fix runs but the stability window has not ended: re-grade when it has. */
    public boolean settling() {
        return !report.passed() && report.stableInSeconds() != null;
    }

    /** True for the stability check while its window still runs: pending, not failed. */
    public boolean pending(CheckResult check) {
        return settling() && !check.passed() && CheckResult.Check.STABLE.id().equals(check.name());
    }

    /** How long the automatic re-grade may wait for a pass: the rest of the window plus a margin. */
    public long waitSeconds() {
        return report.stableInSeconds() == null ? 0 : report.stableInSeconds() + 2;
    }
}
