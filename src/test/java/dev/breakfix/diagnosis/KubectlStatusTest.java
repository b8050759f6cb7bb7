package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class KubectlStatusTest {

    /**
     * Every column of the captured {@code kubectl get pods -o wide} row. kubectl 1.20 printed RESTARTS as a bare
     * count, so only the count is compared; AGE is compared at the instant of the capture, found as the first
     * second after creation that gives the captured AGE.
     */
    @ParameterizedTest
    @FieldSource("dev.breakfix.diagnosis.Fixtures#LISTED")
    void rowIsWhatKubectlGetPodsPrinted(String stepName) {
        Fixtures.Step step = Fixtures.step(stepName);
        Map<String, String> printed = KubectlTable.parse(step.getPods()).get(0);
        Instant created = Instant.parse(step.pod().getMetadata().getCreationTimestamp());
        Instant captured = LongStream.range(0, 3600).mapToObj(created::plusSeconds)
                .filter(now -> KubectlStatus.age(created, now).equals(printed.get("AGE")))
                .findFirst().orElseThrow(() -> new AssertionError("no age gives " + printed.get("AGE")));

        KubectlStatus row = KubectlStatus.of(step.pod(), captured);

        assertThat(row.name()).isEqualTo(printed.get("NAME"));
        assertThat(row.ready()).isEqualTo(printed.get("READY"));
        assertThat(row.status()).isEqualTo(printed.get("STATUS"));
        assertThat(row.restarts().split(" ")[0]).isEqualTo(printed.get("RESTARTS"));
        assertThat(row.age()).isEqualTo(printed.get("AGE"));
        assertThat(row.ip()).isEqualTo(printed.get("IP"));
        assertThat(row.node()).isEqualTo(printed.get("NODE"));
        assertThat(row.nominatedNode()).isEqualTo(printed.get("NOMINATED NODE"));
        assertThat(row.readinessGates()).isEqualTo(printed.get("READINESS GATES"));
    }

    @Test
    void crashLoopingPodInPhaseRunningShowsTheWaitingReason() {
        Pod pod = Fixtures.step("postgres-misconfig/1-crashloop").pod();

        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(KubectlStatus.status(pod)).isEqualTo("CrashLoopBackOff");
        assertThat(KubectlStatus.ready(pod)).isEqualTo("0/1");
    }

    @Test
    void restartsSayWhenTheLastOneWas() {
        Pod pod = Fixtures.step("postgres-misconfig/2-crashloop-later").pod();
        Instant lastEnded = Instant.parse(pod.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getFinishedAt());

        assertThat(KubectlStatus.restarts(pod, lastEnded.plusSeconds(8))).isEqualTo("5 (8s ago)");
        assertThat(KubectlStatus.restarts(pod, lastEnded.plusSeconds(166))).isEqualTo("5 (2m46s ago)");
        assertThat(KubectlStatus.restartCount(pod)).isEqualTo(5);
        assertThat(KubectlStatus.restarts(Fixtures.step("postgres-misconfig/4-fixed").pod(), lastEnded)).isEqualTo("0");
    }

    @Test
    void podBeingDeletedIsTerminatingUnlessItsNodeIsLost() {
        Pod deleted = new PodBuilder(Fixtures.step("nginx-selector/2-fixed").pod())
                .editMetadata().withDeletionTimestamp("2026-11-28T03:30:00Z").endMetadata()
                .build();
        Pod lost = new PodBuilder(deleted).editStatus().withReason("NodeLost").endStatus().build();
        Pod done = new PodBuilder(deleted).editStatus().withPhase("Succeeded").endStatus().build();

        assertThat(KubectlStatus.status(deleted)).isEqualTo("Terminating");
        assertThat(KubectlStatus.status(lost)).isEqualTo("Unknown");
        assertThat(KubectlStatus.status(done)).isNotEqualTo("Terminating");
    }

    @Test
    void terminatedContainerWithoutReasonShowsSignalOrExitCode() {
        Pod pod = Fixtures.step("crasher/2-fixed").pod();

        assertThat(KubectlStatus.status(withState(pod, new ContainerStateBuilder()
                .withNewTerminated().withExitCode(137).withSignal(9).endTerminated().build()))).isEqualTo("Signal:9");
        assertThat(KubectlStatus.status(withState(pod, new ContainerStateBuilder()
                .withNewTerminated().withExitCode(2).endTerminated().build()))).isEqualTo("ExitCode:2");
        assertThat(KubectlStatus.status(withState(pod, new ContainerStateBuilder()
                .withNewTerminated().withExitCode(139).withReason("Error").endTerminated().build()))).isEqualTo("Error");
    }

    @Test
    void completedContainerBesideARunningOneShowsRunningOrNotReady() {
        Pod sleep = new PodBuilder(Fixtures.step("sleep-multiple/3-fixed").pod())
                .editStatus().editMatchingContainerStatus(c -> c.getName().equals("sleep2"))
                .withReady(false)
                .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(0).withReason("Completed")
                        .endTerminated().build())
                .endContainerStatus().endStatus()
                .build();
        Pod notReady = new PodBuilder(sleep).editStatus()
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False").endCondition()
                .endStatus().build();

        assertThat(KubectlStatus.status(sleep)).isEqualTo("Running");
        assertThat(KubectlStatus.status(notReady)).isEqualTo("NotReady");
        assertThat(KubectlStatus.ready(sleep)).isEqualTo("1/2");
    }

    @Test
    void initContainersShowInitProgressOrTheirProblem() {
        Pod base = new PodBuilder(Fixtures.step("postgres-misconfig/4-fixed").pod())
                .editSpec().addNewInitContainer().withName("setup").withImage("busybox").endInitContainer().endSpec()
                .editStatus().editMatchingCondition(c -> c.getType().equals("Initialized")).withStatus("False")
                .endCondition().endStatus()
                .build();

        assertThat(KubectlStatus.status(withInitState(base, new ContainerStateBuilder()
                .withNewRunning().endRunning().build()))).isEqualTo("Init:0/1");
        assertThat(KubectlStatus.status(withInitState(base, new ContainerStateBuilder()
                .withNewWaiting().withReason("CrashLoopBackOff").endWaiting().build()))).isEqualTo("Init:CrashLoopBackOff");
        assertThat(KubectlStatus.status(withInitState(base, new ContainerStateBuilder()
                .withNewTerminated().withExitCode(1).endTerminated().build()))).isEqualTo("Init:ExitCode:1");
        assertThat(KubectlStatus.status(withInitState(base, new ContainerStateBuilder()
                .withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().build()))).isEqualTo("Running");
    }

    @Test
    void sidecarCountsAmongTheContainers() {
        Pod pod = new PodBuilder(Fixtures.step("postgres-misconfig/4-fixed").pod())
                .editSpec().addNewInitContainer().withName("proxy").withImage("envoy").withRestartPolicy("Always")
                .endInitContainer().endSpec()
                .editStatus().addNewInitContainerStatus().withName("proxy").withReady(true).withStarted(true)
                .withRestartCount(2).withNewState().withNewRunning().endRunning().endState().endInitContainerStatus()
                .endStatus()
                .build();

        assertThat(KubectlStatus.ready(pod)).isEqualTo("2/2");
        assertThat(KubectlStatus.status(pod)).isEqualTo("Running");
        assertThat(KubectlStatus.restartCount(pod)).isEqualTo(2);
    }

    @Test
    void schedulingGatedAndReadinessGates() {
        Pod gated = new PodBuilder(Fixtures.step("nginx-selector/1-broken").pod())
                .editStatus().editFirstCondition().withReason("SchedulingGated").endCondition().endStatus()
                .build();
        Pod withGate = new PodBuilder(Fixtures.step("nginx-selector/2-fixed").pod())
                .editSpec().addNewReadinessGate("example.com/feature").endSpec()
                .build();

        assertThat(KubectlStatus.status(gated)).isEqualTo("SchedulingGated");
        assertThat(KubectlStatus.of(withGate, Instant.now()).readinessGates()).isEqualTo("0/1");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0s", "-1, 0s", "-2, <invalid>", "1, 1s", "113, 113s", "119, 119s", "120, 2m", "166, 2m46s",
            "599, 9m59s", "600, 10m", "659, 10m", "10799, 179m", "10800, 3h", "11100, 3h5m", "28800, 8h",
            "172799, 47h", "172800, 2d", "190800, 2d5h", "691200, 8d", "63071999, 729d", "63072000, 2y",
            "63331200, 2y3d", "252288000, 8y"})
    void agesAreHumanDurations(long seconds, String printed) {
        Instant created = Instant.parse("2026-11-28T03:29:22Z");

        assertThat(KubectlStatus.age(created, created.plusSeconds(seconds))).isEqualTo(printed);
    }

    @Test
    void agesTruncateFractionsTowardZero() {
        assertThat(HumanDuration.of(Duration.ofMillis(-1500))).isEqualTo("0s");
        assertThat(HumanDuration.of(Duration.ofMillis(119_999))).isEqualTo("119s");
        assertThat(HumanDuration.since(null, Instant.now())).isEqualTo("<unknown>");
    }

    private static Pod withState(Pod pod, io.fabric8.kubernetes.api.model.ContainerState state) {
        return new PodBuilder(pod).editStatus().editFirstContainerStatus().withReady(false).withState(state)
                .endContainerStatus().endStatus().build();
    }

    private static Pod withInitState(Pod pod, io.fabric8.kubernetes.api.model.ContainerState state) {
        return new PodBuilder(pod).editStatus().withInitContainerStatuses().addNewInitContainerStatus()
                .withName("setup").withState(state).endInitContainerStatus().endStatus().build();
    }
}
