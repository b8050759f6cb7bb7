package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.lab.LabView;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The lifecycle of one scenario on a real cluster: start the lab through the API; wait until the workload
 * shows what the chapter shows; make the chapter's fix with the learner's own rights; see it graded as
 * passed with full marks. Subclasses say what "broken" looks like and how the chapter fixes it.
 */
abstract class ScenarioFlowTestBase extends RealClusterTestBase {

    /** The scenario's id. */
    protected abstract String scenario();

    /** The diagnosis states the broken workload may show (some flip between two). */
    protected abstract Set<PodState> brokenStates();

    /** What the chapter shows besides the state (message, events, exit code); part of the wait. */
    protected abstract boolean showsWhatTheChapterShows(PodDiagnosis pod);

    /** Further assertions on the broken state, with the learner's client at hand. */
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
    }

    /** The chapter's fix, made with the learner's own client (default namespace: the lab's). */
    protected abstract void fix(Lab lab, KubernetesClient learner);

    /** The workload's Pod among the lab's Pods: by default the Pod named like the workload. */
    protected boolean isWorkloadPod(PodDiagnosis pod) {
        return pod.pod().equals(workloadName());
    }

    protected String workloadName() {
        return catalog.get(scenario()).workload().name();
    }

    @Test
    void brokenAsTheChapterShowsThenFixedWithTheLearnersOwnRights() {
        dumpingOnFailure(this::flow);
    }

    private void flow() {
        Lab lab = new Lab(learner, scenario());
        Phases phases = new Phases(scenario());

        LabView started = startLab(lab);
        assertThat(started.learner()).isEqualTo(learner);
        phases.done("start");

        PodDiagnosis broken = awaitPod(lab, "the broken state " + brokenStates(), this::isWorkloadPod,
                p -> brokenStates().contains(p.state()) && showsWhatTheChapterShows(p), BROKEN_TIMEOUT);
        LOG.infof("%s broken as the chapter shows: %s", scenario(), describe(broken));
        KubernetesClient learnerClient = learnerClient(lab.namespace());
        assertBroken(lab, broken, learnerClient);
        phases.done("broken (" + broken.state() + ")");

        GradeReport unfixed = grade(lab, null);
        assertThat(unfixed.passed()).as(describe(unfixed)).isFalse();
        assertThat(check(unfixed, "running").passed()).as(describe(unfixed)).isFalse();

        fix(lab, learnerClient);
        phases.done("fix");

        GradeReport report = grade(lab, GRADE_WAIT);
        assertThat(report.passed()).as(describe(report)).isTrue();
        // every check's points; the scenario's debugging questions are not answered in this flow
        int questionPoints = report.questions().stream().mapToInt(dev.breakfix.questions.QuestionResult::maxPoints).sum();
        assertThat(report.score()).as(describe(report)).isPositive().isEqualTo(report.maxScore() - questionPoints);
        assertThat(report.checks()).as(describe(report)).allMatch(CheckResult::passed);
        phases.done("graded passed");

        // the progress kept on the namespace, as the API shows it once the cache has the grade's write
        LabView after = awaitInNamespace(lab.namespace(), "the pass recorded on the lab", RUNNING_TIMEOUT, () -> view(lab),
                v -> v.passedAt() != null, v -> "attempts=" + v.attempts() + " passedAt=" + v.passedAt());
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.lastGrade().passed()).isTrue();
        assertThat(after.lastGrade().score()).isEqualTo(report.score());
        LOG.infof("E2E timing %s", phases);
    }
}
