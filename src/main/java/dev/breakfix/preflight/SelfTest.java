package dev.breakfix.preflight;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LearnerId;

/**
 * One scenario, end to end, in a scratch lab: inject it, wait (woken by the cache) until the workload shows
 * the broken state the catalog expects, apply the chapter's solution, wait for a pass, delete the lab. Every
 * wait is bounded.
 */
final class SelfTest {

    private static final Logger LOG = Logger.getLogger(SelfTest.class);

    private final LabService labs;
    private final Grader grader;
    private final ClusterState cluster;

    SelfTest(LabService labs, Grader grader, ClusterState cluster) {
        this.labs = labs;
        this.grader = grader;
        this.cluster = cluster;
    }

    void run(PreflightRun run, String checkId, Scenario scenario, String learner, Duration step, Instant deadline) {
        LabKey lab = new LabKey(LearnerId.of(learner), scenario.id());
        Instant began = Instant.now();
        boolean started = false;
        try {
            run.update(checkId, c -> c.running("Starting " + scenario.id() + " in " + lab.namespace() + "."));
            labs.start(lab);
            started = true;
            Duration wait = bounded(step, deadline);
            boolean broken = cluster.await(lab.namespace(), () -> brokenAsExpected(lab, scenario), wait);
            PodDiagnosis before = workload(lab);
            if (!broken) {
                run.update(checkId, c -> c.fail("Injected, but after " + seconds(wait) + " the workload is "
                        + describe(before) + ", not " + String.join(" or ", scenario.expect().states())
                        + scenario.expect().evidence().map(e -> " showing \"" + e + "\"").orElse("") + ".",
                        "Look at the lab's events (kubectl -n " + lab.namespace() + " describe pods) while it runs; "
                                + "a missing image or a node that is too large changes what a learner sees."));
                return;
            }
            String brokenAs = describe(before) + scenario.expect().evidence().map(e -> ", showing \"" + e + "\"").orElse("");
            run.update(checkId, c -> c.running("Broken as intended (" + brokenAs + "); applying the fix."));
            labs.solve(lab);
            Duration gradeWait = bounded(step, deadline);
            GradeReport grade = grader.gradeWaiting(lab, gradeWait, false).toCompletableFuture()
                    .get(gradeWait.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            if (!grade.passed()) {
                run.update(checkId, c -> c.fail("Broken as intended (" + brokenAs + "), but the chapter's fix "
                        + "did not pass within " + seconds(gradeWait) + ": " + grade.summary(),
                        "Fix the scenario or the cluster before the class: learners applying the same fix would fail."));
                return;
            }
            long took = Duration.between(began, Instant.now()).toSeconds();
            // the grader's checks only: a solve answers no debugging questions, so those points stay open
            int points = grade.checks().stream().mapToInt(dev.breakfix.grading.CheckResult::points).sum();
            int max = grade.checks().stream().mapToInt(dev.breakfix.grading.CheckResult::maxPoints).sum();
            run.update(checkId, c -> c.pass("Broken as intended (" + brokenAs + "); the chapter's fix passed the grader's "
                    + "checks " + points + "/" + max + "; " + took + " s in all."));
        } catch (Exception e) {
            LOG.warnf(e, "preflight self-test of %s failed", scenario.id());
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            run.update(checkId, c -> c.fail("The self-test stopped: " + message, "See the server's log for the cause."));
        } finally {
            if (started) {
                cleanUp(run, checkId, lab, step);
            }
        }
    }

    private void cleanUp(PreflightRun run, String checkId, LabKey lab, Duration step) {
        try {
            labs.delete(lab);
        } catch (RuntimeException e) {
            LOG.warnf(e, "preflight could not delete %s", lab.namespace());
        }
        boolean gone = cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                .map(ns -> ns.getMetadata().getDeletionTimestamp() != null).orElse(true), step);
        if (!gone) {
            run.amend(checkId, c -> PreflightCheck.FAIL.equals(c.status()) ? c
                    : c.warn((c.detail() == null ? "" : c.detail() + " ") + "The scratch lab "
                    + lab.namespace() + " could not be deleted.", "kubectl delete namespace " + lab.namespace()));
        }
    }

    private boolean brokenAsExpected(LabKey lab, Scenario scenario) {
        PodDiagnosis d = workload(lab);
        if (d == null || !scenario.expect().states().contains(d.state().name())) {
            return false;
        }
        return scenario.expect().evidence().map(e -> text(d).contains(e.toLowerCase(Locale.ROOT))).orElse(true);
    }

    private PodDiagnosis workload(LabKey lab) {
        try {
            return grader.evaluate(lab).workload();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(PodDiagnosis d) {
        return (d.reason() + "\n" + d.message() + "\n" + String.join("\n", d.evidence())).toLowerCase(Locale.ROOT);
    }

    private static String describe(PodDiagnosis d) {
        return d == null ? "not there yet" : d.state().name() + (d.reason() == null ? "" : ": " + d.reason());
    }

    static Duration bounded(Duration step, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(step) < 0 ? left : step;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
