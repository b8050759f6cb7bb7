package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.lab.LabView;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Replacing the broken program with another one does not pass, and reset gives back the exact broken
 * state with nothing of the attempt left.
 */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class WrongFixE2E extends RealClusterTestBase {

    private static final Set<PodState> CRASHING = Set.of(PodState.CrashLoopBackOff, PodState.Error);

    @Test
    void aBusyboxInPlaceOfPostgresFailsAndResetRestoresTheBrokenState() {
        dumpingOnFailure(this::wrongFixThenReset);
    }

    private void wrongFixThenReset() {
        Lab lab = new Lab(learner, "postgres-misconfig");
        String ns = lab.namespace();
        Phases phases = new Phases("wrong fix and reset");
        startLab(lab);
        PodDiagnosis broken = awaitPod(lab, "postgres crashing with exit code 1", p -> p.pod().equals("postgres"),
                WrongFixE2E::crashesWithExitCode1, BROKEN_TIMEOUT);
        phases.done("broken (" + broken.state() + ")");

        // the learner deletes the broken Pod and runs something else under its name
        KubernetesClient learnerClient = learnerClient(ns);
        String brokenUid = learnerClient.pods().withName("postgres").get().getMetadata().getUid();
        learnerClient.pods().withName("postgres").delete();
        awaitPodGone(ns, "postgres");
        Pod impostor = learnerClient.resource(new PodBuilder()
                .withNewMetadata().withName("postgres").endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("busybox")
                .withCommand("/bin/sleep", "3600").endContainer().endSpec()
                .build()).create();
        awaitPod(lab, "the busybox Pod running", p -> p.pod().equals("postgres"),
                p -> p.state() == PodState.Running && "busybox".equals(container(p, "postgres").image()), RUNNING_TIMEOUT);
        phases.done("wrong fix running");

        GradeReport report = grade(lab, null);
        assertThat(report.passed()).as(describe(report)).isFalse();
        assertThat(report.score()).as(describe(report)).isLessThan(report.maxScore());
        assertThat(check(report, "present").passed()).as(describe(report)).isTrue();
        assertThat(check(report, "running").passed()).as(describe(report)).isTrue();
        assertThat(check(report, "identity").passed()).as(describe(report)).isFalse();
        assertThat(check(report, "identity").message()).contains("busybox").contains("postgres");
        assertThat(report.summary()).contains("busybox");
        phases.done("graded failed");

        // reset: the exact broken state, no Pod of the attempt left
        LabView afterReset = reset(lab);
        assertThat(afterReset.pods()).noneMatch(p -> p.containers().stream().anyMatch(c -> "busybox".equals(c.image())));
        List<Pod> pods = admin.pods().inNamespace(ns).list().getItems();
        assertThat(pods).as("Pods right after reset").singleElement().satisfies(p -> {
            assertThat(p.getMetadata().getName()).isEqualTo("postgres");
            assertThat(p.getMetadata().getUid()).isNotIn(brokenUid, impostor.getMetadata().getUid());
            assertThat(p.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(p.getSpec().getContainers()).singleElement().satisfies(c -> {
                assertThat(c.getImage()).isEqualTo("postgres");
                assertThat(c.getEnv()).isNullOrEmpty();
                assertThat(c.getCommand()).isNullOrEmpty();
            });
        });
        String resetUid = pods.get(0).getMetadata().getUid();
        PodDiagnosis again = awaitPod(lab, "postgres crashing again after reset", p -> p.pod().equals("postgres"),
                WrongFixE2E::crashesWithExitCode1, BROKEN_TIMEOUT);
        assertThat(admin.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getUid())
                .containsExactly(resetUid);
        List<Event> stale = admin.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> Set.of(brokenUid, impostor.getMetadata().getUid()).contains(e.getInvolvedObject().getUid()))
                .toList();
        if (!stale.isEmpty()) {
            LOG.warnf("events of the attempt's Pods after reset: %s",
                    stale.stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
        }
        phases.done("reset broken again (" + again.state() + ")");

        GradeReport afterResetGrade = grade(lab, null);
        assertThat(afterResetGrade.passed()).isFalse();
        assertThat(check(afterResetGrade, "identity").passed()).as(describe(afterResetGrade)).isTrue();
        assertThat(check(afterResetGrade, "running").passed()).as(describe(afterResetGrade)).isFalse();
        LOG.infof("E2E timing %s", phases);
    }

    private static boolean crashesWithExitCode1(PodDiagnosis p) {
        Integer exit = container(p, "postgres").lastExitCode();
        return CRASHING.contains(p.state()) && "postgres".equals(container(p, "postgres").image()) && exit != null && exit == 1;
    }
}
