package dev.breakfix.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;

/**
 * Each scenario's whole life on the mock API server, with the fixture playing scheduler and kubelet:
 * start → the broken state the chapter shows → the chapter's fix → the grade passes; and the wrong fixes
 * that must not pass.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class LabLifecycleTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    Grader grader;

    static FakeCluster fake;
    LabFlow flow;

    @BeforeAll
    static void noFixtureYet() {
        fake = null;
    }

    @AfterAll
    static void stopFixture() {
        if (fake != null) {
            fake.close();
        }
    }

    private LabFlow flow() {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
        }
        if (flow == null) {
            flow = new LabFlow(cluster, grader);
        }
        return flow;
    }

    @Test
    void nginxSelector() {
        LabKey lab = flow().start("sel-learner", "nginx-selector");
        PodDiagnosis broken = flow.awaitState(lab, Set.of("Unschedulable"));
        assertThat(broken.message()).contains("didn't match");
        assertThat(client.pods().inNamespace(lab.namespace()).withName("nginx").get().getSpec().getNodeSelector())
                .containsEntry("breakfix.dev/purpose-sel-learner", "special");

        // another learner's label on the node does not fix this learner's Pod
        LabKey other = flow.start("sel-other", "nginx-selector");
        flow.awaitState(other, Set.of("Unschedulable"));
        flow.post(other, "solve");
        flow.awaitState(other, Set.of("Running"));
        assertThat(flow.workload(lab).state().name()).isEqualTo("Unschedulable");

        assertFixed(lab);
    }

    @Test
    void sleepMultiple() {
        LabKey lab = flow().start("sleepy", "sleep-multiple");
        assertThat(flow.awaitState(lab, Set.of("Unschedulable")).message()).contains("Insufficient cpu");
        assertFixed(lab);
    }

    @Test
    void nginxTypo() {
        LabKey lab = flow().start("typo", "nginx-typo");
        PodDiagnosis broken = flow.awaitState(lab, Set.of("ImagePullBackOff", "ErrImagePull"));
        assertThat(broken.message()).contains("nginz");
        assertFixed(lab);
    }

    @Test
    void postgresMisconfigCrashLoopingWithPhaseRunningDoesNotPass() {
        LabKey lab = flow().start("pg", "postgres-misconfig");
        PodDiagnosis broken = flow.awaitState(lab, Set.of("CrashLoopBackOff"));
        assertThat(broken.containers().get(0).lastExitCode()).isEqualTo(1);
        assertThat(client.pods().inNamespace(lab.namespace()).withName("postgres").get().getStatus().getPhase())
                .isEqualTo("Running");

        GradeReport report = flow.grade(lab, "0s");
        assertThat(report.passed()).isFalse();
        assertThat(check(report, "running").message()).contains("CrashLoopBackOff");
        assertThat(report.attempts()).isEqualTo(1);

        assertFixed(lab);
    }

    @Test
    void crasher() {
        LabKey lab = flow().start("crash", "crasher");
        PodDiagnosis broken = flow.awaitState(lab, Set.of("CrashLoopBackOff"));
        assertThat(broken.containers().get(0).lastExitCode()).isEqualTo(139);
        assertThat(broken.pod()).startsWith("crasher-");
        assertFixed(lab);
    }

    @Test
    void nginxReplacedByBusyboxIsNotAFix() {
        LabKey lab = flow().start("swapper", "nginx-typo");
        flow.awaitState(lab, Set.of("ImagePullBackOff", "ErrImagePull"));
        client.pods().inNamespace(lab.namespace()).withName("nginx").withGracePeriod(0).delete();
        cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), "nginx").isEmpty(), java.time.Duration.ofSeconds(10));
        client.resource(new PodBuilder().withNewMetadata().withName("nginx").withNamespace(lab.namespace()).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("busybox").withCommand("/bin/sleep", "3600")
                .endContainer().endSpec().build()).create();
        flow.awaitState(lab, Set.of("Running"));

        GradeReport report = flow.grade(lab, "5s");
        assertThat(report.passed()).isFalse();
        assertThat(check(report, "identity").passed()).isFalse();
        assertThat(check(report, "identity").message()).contains("busybox");
    }

    @Test
    void theBrokenPodDeletedWithNothingInItsPlaceFails() {
        LabKey lab = flow().start("deleter", "postgres-misconfig");
        flow.awaitState(lab, Set.of("CrashLoopBackOff"));
        client.pods().inNamespace(lab.namespace()).withName("postgres").withGracePeriod(0).delete();
        flow.awaitState(lab, Set.of("Missing"));

        GradeReport report = flow.grade(lab, "0s");
        assertThat(report.passed()).isFalse();
        assertThat(report.score()).isZero();
        assertThat(check(report, "present").message()).contains("no Pod named postgres");
    }

    @Test
    void sleepWithOneContainerDroppedFails() {
        LabKey lab = flow().start("dropper", "sleep-multiple");
        flow.awaitState(lab, Set.of("Unschedulable"));
        client.pods().inNamespace(lab.namespace()).withName("sleep").withGracePeriod(0).delete();
        cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), "sleep").isEmpty(), java.time.Duration.ofSeconds(10));
        client.resource(new PodBuilder().withNewMetadata().withName("sleep").withNamespace(lab.namespace()).endMetadata()
                .withNewSpec().addNewContainer().withName("sleep").withImage("busybox").withCommand("/bin/sleep", "3600")
                .endContainer().endSpec().build()).create();
        flow.awaitState(lab, Set.of("Running"));

        GradeReport report = flow.grade(lab, "5s");
        assertThat(report.passed()).isFalse();
        assertThat(check(report, "identity").message()).contains("sleep2 was dropped");
    }

    @Test
    void aPodReadyOnlyForAMomentBeforeRestartingDoesNotPass() {
        LabKey lab = flow().start("flappy", "postgres-misconfig");
        flow.awaitState(lab, Set.of("CrashLoopBackOff"));
        flow.post(lab, "solve");
        flow.awaitState(lab, Set.of("Running"));
        fake.restartContainer(lab.namespace(), "postgres", "postgres", 1);
        fake.awaitIdle(java.time.Duration.ofSeconds(10));

        GradeReport report = flow.grade(lab, "0s");
        assertThat(report.passed()).isFalse();
        assertThat(check(report, "stable").passed()).isFalse();
        assertThat(report.stableInSeconds()).isNotNull().isPositive();
    }

    /** The chapter's fix, then a grade that waits for the pass (woken by the cluster, bounded). */
    private void assertFixed(LabKey lab) {
        flow.post(lab, "solve");
        GradeReport report = flow.grade(lab, "20s");
        assertThat(report.passed()).as("%s", report).isTrue();
        // every check's points; the debugging questions (crasher, postgres-misconfig) are not answered here
        int questionPoints = report.questions().stream().mapToInt(dev.breakfix.questions.QuestionResult::maxPoints).sum();
        assertThat(report.score()).isEqualTo(report.maxScore() - questionPoints).isEqualTo(5);
        assertThat(report.passedAt()).isNotNull();
        assertThat(report.checks()).allMatch(CheckResult::passed);
    }

    private static CheckResult check(GradeReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
