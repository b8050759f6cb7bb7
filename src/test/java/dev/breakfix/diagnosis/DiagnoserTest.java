package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnoserTest {

    private static final String PULL_ERROR = "Failed to pull image \"nginz\": rpc error: code = NotFound desc = "
            + "failed to pull and unpack image \"docker.io/library/nginz:latest\": failed to resolve reference "
            + "\"docker.io/library/nginz:latest\": docker.io/library/nginz:latest: not found";

    // --- the chapter's scenarios, as a v1.20 cluster showed them ---

    @Test
    void nodeSelectorThatNoNodeMatchesIsUnschedulable() {
        PodDiagnosis d = diagnose("nginx-selector/1-broken");

        assertThat(d.state()).isEqualTo(PodState.Unschedulable);
        assertThat(d.kubectlStatus()).isEqualTo("Pending");
        assertThat(d.reason()).isEqualTo("node selector/affinity does not match any node");
        assertThat(d.message()).isEqualTo("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.");
        assertThat(d.node()).isNull();
        assertThat(d.evidence()).containsExactly(
                "Warning FailedScheduling: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.",
                "Node-Selectors: purpose=special");
        assertThat(d.advice()).contains("`kubectl describe pod nginx`", "`kubectl get nodes --show-labels`")
                .doesNotContain("kubectl label");
        assertThat(d.containers()).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ContainerDiagnosis.WAITING));
    }

    @Test
    void labelledNodeLetsTheSameSelectorPodRun() {
        PodDiagnosis d = diagnose("nginx-selector/2-fixed");

        assertThat(d.state()).isEqualTo(PodState.Running);
        assertThat(d.node()).isEqualTo("vm");
        assertThat(d.evidence()).as("old FailedScheduling events are history").noneMatch(e -> e.contains("FailedScheduling"));
    }

    @Test
    void cpuRequestsNoNodeCanMeetAreUnschedulable() {
        PodDiagnosis d = diagnose("sleep-multiple/1-broken");

        assertThat(d.state()).isEqualTo(PodState.Unschedulable);
        assertThat(d.reason()).isEqualTo("Insufficient cpu");
        assertThat(d.message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(d.evidence()).containsExactly(
                "Warning FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.",
                "Requests cpu: sleep=2, sleep2=2");
        assertThat(d.advice()).contains("cpu", "`kubectl describe pod sleep`", "`kubectl describe node`");
        assertThat(d.containers()).extracting(ContainerDiagnosis::name).containsExactly("sleep", "sleep2");
    }

    @Test
    void recreatedSleepPodRunsBothContainers() {
        PodDiagnosis d = diagnose("sleep-multiple/3-fixed");

        assertThat(d.state()).isEqualTo(PodState.Running);
        assertThat(d.containers()).allMatch(ContainerDiagnosis::ready).hasSize(2);
        assertThat(d.evidence()).noneMatch(e -> e.contains("FailedScheduling"));
    }

    @Test
    void failedPullIsErrImagePullWithTheRegistrysAnswer() {
        PodDiagnosis d = diagnose("nginx-typo/1-errimagepull");

        assertThat(d.state()).isEqualTo(PodState.ErrImagePull);
        assertThat(d.kubectlStatus()).isEqualTo("ErrImagePull");
        assertThat(d.reason()).isEqualTo("ErrImagePull");
        assertThat(d.message()).isEqualTo(PULL_ERROR);
        assertThat(d.evidence()).containsExactly(
                "Container nginx waiting: ErrImagePull: " + PULL_ERROR.substring(PULL_ERROR.indexOf("rpc error")),
                "Warning Failed: " + PULL_ERROR);
        assertThat(d.advice()).contains("\"nginz\"", "`kubectl describe pod nginx`").doesNotContain("set image");
        assertThat(d.containers().get(0).image()).isEqualTo("nginz");
    }

    @Test
    void pullsBackingOffAreImagePullBackOffWithTheLastPullError() {
        for (String step : List.of("nginx-typo/2-imagepullbackoff", "nginx-typo/3-backoff-later", "timelines/nginx-typo.final")) {
            PodDiagnosis d = diagnose(step);

            assertThat(d.state()).as(step).isEqualTo(PodState.ImagePullBackOff);
            assertThat(d.reason()).isEqualTo("ImagePullBackOff");
            assertThat(d.message()).isEqualTo("Back-off pulling image \"nginz\"; " + PULL_ERROR);
            assertThat(d.evidence()).containsExactly(
                    "Container nginx waiting: ImagePullBackOff: Back-off pulling image \"nginz\"",
                    "Warning Failed: " + PULL_ERROR);
        }
    }

    @Test
    void setImageMakesTheTypoPodRunDespiteItsFailedEvents() {
        for (String step : List.of("nginx-typo/4-after-set-image", "nginx-typo/5-fixed")) {
            PodDiagnosis d = diagnose(step);

            assertThat(d.state()).as(step).isEqualTo(PodState.Running);
            assertThat(d.containers().get(0).image()).isEqualTo("nginx");
            assertThat(d.evidence()).noneMatch(e -> e.contains("nginz"));
        }
    }

    @Test
    void crashLoopInPhaseRunningIsCrashLoopBackOff() {
        Fixtures.Step step = Fixtures.step("postgres-misconfig/1-crashloop");
        PodDiagnosis d = diagnose(step);

        assertThat(step.pod().getStatus().getPhase()).isEqualTo("Running");
        assertThat(d.state()).isEqualTo(PodState.CrashLoopBackOff);
        assertThat(d.kubectlStatus()).isEqualTo("CrashLoopBackOff");
        assertThat(d.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(d.message()).startsWith("back-off 10s restarting failed container=postgres");
        assertThat(d.restarts()).isEqualTo(1);
        assertThat(d.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastExitCode()).isEqualTo(1);
            assertThat(c.lastSignal()).isNull();
            assertThat(c.ready()).isFalse();
        });
        assertThat(d.evidence()).containsExactly(
                "Container postgres waiting: CrashLoopBackOff: " + d.message(),
                "Container postgres last terminated 2s ago: Error, exit code 1; restarted 1 time",
                "Warning BackOff: Back-off restarting failed container");
        assertThat(d.advice()).contains("exit code 1", "`kubectl logs postgres --previous`");
    }

    @Test
    void crashLoopLaterHasGrownItsBackOff() {
        for (String step : List.of("postgres-misconfig/2-crashloop-later", "timelines/postgres-misconfig.final")) {
            PodDiagnosis d = diagnose(step);

            assertThat(d.state()).as(step).isEqualTo(PodState.CrashLoopBackOff);
            assertThat(d.message()).containsPattern("back-off (2m40s|5m0s) restarting failed container=postgres");
            assertThat(d.restarts()).isGreaterThanOrEqualTo(5);
            assertThat(d.evidence()).anyMatch(e -> e.matches("Container postgres last terminated .* ago: Error, exit code 1; restarted \\d times"));
        }
    }

    @Test
    void recreatedPostgresRunsAndTheOldPodsEventsAreNotItsOwn() {
        PodDiagnosis d = diagnose("postgres-misconfig/4-fixed");

        assertThat(d.state()).isEqualTo(PodState.Running);
        assertThat(d.restarts()).isZero();
        assertThat(d.containers().get(0).lastExitCode()).isNull();
    }

    @Test
    void segfaultingContainerShowsExitCode139AsSigsegv() {
        for (String step : List.of("crasher/1-crashloop", "timelines/crasher.final")) {
            PodDiagnosis d = diagnose(step);

            assertThat(d.state()).as(step).isEqualTo(PodState.CrashLoopBackOff);
            assertThat(d.pod()).startsWith("crasher-86769f7f54-");
            assertThat(d.containers()).singleElement().satisfies(c -> {
                assertThat(c.lastExitCode()).isEqualTo(139);
                assertThat(c.lastSignal()).isEqualTo("SIGSEGV");
            });
            assertThat(d.evidence()).anyMatch(e -> e.contains("Error, exit code 139 (SIGSEGV)"));
            assertThat(d.advice()).contains("SIGSEGV", "128 + 11",
                    "`kubectl get pod " + d.pod() + " -o json | jq '.status.containerStatuses[0].lastState.terminated.exitCode'`");
        }
    }

    @Test
    void crasherKeptAliveBySleepRuns() {
        PodDiagnosis d = diagnose("crasher/2-fixed");

        assertThat(d.state()).isEqualTo(PodState.Running);
        assertThat(d.advice()).contains("runs and all its containers are ready");
    }

    @Test
    void catalogExpectationsFindTheirEvidence() {
        assertThat(String.join("\n", diagnose("nginx-selector/1-broken").evidence())).contains("node");
        assertThat(String.join("\n", diagnose("sleep-multiple/1-broken").evidence())).contains("Insufficient cpu");
        assertThat(String.join("\n", diagnose("nginx-typo/1-errimagepull").evidence())).contains("nginz");
        assertThat(String.join("\n", diagnose("nginx-typo/2-imagepullbackoff").evidence())).contains("nginz");
        assertThat(String.join("\n", diagnose("crasher/1-crashloop").evidence())).contains("139");
    }

    // --- every moment of seven minutes left broken ---

    @Test
    void crashingContainersFlipBetweenErrorAndCrashLoopBackOffAndNeverRun() {
        for (String scenario : List.of("crasher", "postgres-misconfig")) {
            List<PodState> states = Fixtures.watchedPods(scenario).stream()
                    .map(pod -> Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T04:30:00Z")).state())
                    .distinct().toList();

            assertThat(states).as(scenario)
                    .containsExactly(PodState.Unknown, PodState.ContainerCreating, PodState.Error, PodState.CrashLoopBackOff);
        }
    }

    @Test
    void missingImageFlipsBetweenErrImagePullAndImagePullBackOff() {
        List<PodState> states = Fixtures.watchedPods("nginx-typo").stream()
                .map(pod -> Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T04:30:00Z")).state())
                .distinct().toList();

        assertThat(states).containsExactly(PodState.Unknown, PodState.ContainerCreating, PodState.ErrImagePull,
                PodState.ImagePullBackOff);
    }

    @Test
    void justCreatedPodWaitsForTheScheduler() {
        Pod created = Fixtures.watchedPods("crasher").get(0);
        PodDiagnosis d = Diagnoser.diagnose(created, List.of(), Instant.parse("2026-11-28T04:19:23Z"));

        assertThat(d.state()).isEqualTo(PodState.Unknown);
        assertThat(d.reason()).isEqualTo("Pending");
        assertThat(d.kubectlStatus()).isEqualTo("Pending");
    }

    @Test
    void scheduledPodWithoutContainerStatusesIsContainerCreating() {
        Pod scheduled = Fixtures.watchedPods("crasher").get(1);
        PodDiagnosis d = Diagnoser.diagnose(scheduled, List.of(), Instant.parse("2026-11-28T04:19:23Z"));

        assertThat(d.state()).isEqualTo(PodState.ContainerCreating);
        assertThat(d.reason()).isEqualTo("ContainerCreating");
        assertThat(d.advice()).contains("node vm", "`kubectl describe pod " + d.pod() + "`");
        assertThat(d.evidence()).contains("Container crasher has not been created yet");
    }

    @Test
    void containerThatHasJustExitedIsError() {
        Pod exited = Fixtures.watchedPods("crasher").get(3);
        PodDiagnosis d = Diagnoser.diagnose(exited, List.of(), Instant.parse("2026-11-28T04:19:25Z"));

        assertThat(d.state()).isEqualTo(PodState.Error);
        assertThat(d.kubectlStatus()).isEqualTo("Error");
        assertThat(d.reason()).isEqualTo("Error");
        assertThat(d.message()).isEqualTo("exit code 139 (SIGSEGV)");
        assertThat(d.evidence()).startsWith("Container crasher terminated: Error, exit code 139 (SIGSEGV)");
        assertThat(d.advice()).contains("`kubectl get pod " + d.pod() + " -o json | jq '.status.containerStatuses[0].state.terminated.exitCode'`");
    }

    // --- states the captures lack, made by editing a captured Pod ---

    @Test
    void newerSchedulerWordingWithPreemptionIsNormalised() {
        String selector = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        String cpu = "0/1 nodes are available: 1 Insufficient cpu. "
                + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..";

        PodDiagnosis bySelector = unschedulable("nginx-selector/1-broken", selector);
        PodDiagnosis byCpu = unschedulable("sleep-multiple/1-broken", cpu);

        assertThat(bySelector.reason()).isEqualTo("node selector/affinity does not match any node");
        assertThat(bySelector.message()).isEqualTo(selector);
        assertThat(bySelector.evidence()).containsExactly("Warning FailedScheduling: " + selector, "Node-Selectors: purpose=special");
        assertThat(byCpu.reason()).isEqualTo("Insufficient cpu");
        assertThat(byCpu.evidence()).contains("Requests cpu: sleep=2, sleep2=2");
        assertThat(byCpu.advice()).contains("enough free cpu");
    }

    @Test
    void schedulerReasonsAreShortWhateverTheRelease() {
        assertThat(SchedulerMessage.reason("0/1 nodes are available: 1 node(s) didn't match node selector."))
                .isEqualTo(SchedulerMessage.SELECTOR);
        assertThat(SchedulerMessage.reason("0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, "
                + "1 node(s) didn't match Pod's node affinity/selector."))
                .isEqualTo("node selector/affinity does not match any node, Insufficient cpu, Insufficient memory");
        assertThat(SchedulerMessage.reason("0/1 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: "
                + "1 Preemption is not helpful for scheduling.."))
                .isEqualTo("the nodes have taints the Pod does not tolerate");
        assertThat(SchedulerMessage.reason("0/1 nodes are available: 1 node(s) were unschedulable."))
                .isEqualTo("1 node(s) were unschedulable");
    }

    @Test
    void unschedulableWithoutConditionMessageTakesTheLatestEvent() {
        Fixtures.Step step = Fixtures.step("sleep-multiple/1-broken");
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstCondition().withMessage(null).endCondition()
                .endStatus().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, step.podEvents(), step.now());

        assertThat(d.state()).isEqualTo(PodState.Unschedulable);
        assertThat(d.message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(d.reason()).isEqualTo("Insufficient cpu");
    }

    @Test
    void containerKilledForItsMemoryIsOOMKilled() {
        Fixtures.Step step = Fixtures.step("crasher/2-fixed");
        Pod pod = notReady(withState(step.pod(), new ContainerStateBuilder().withNewTerminated()
                .withReason("OOMKilled").withExitCode(137).withStartedAt("2026-11-28T03:29:29Z")
                .withFinishedAt("2026-11-28T03:29:40Z").endTerminated().build()));

        PodDiagnosis d = Diagnoser.diagnose(pod, step.podEvents(), Instant.parse("2026-11-28T03:29:41Z"));

        assertThat(d.state()).isEqualTo(PodState.OOMKilled);
        assertThat(d.kubectlStatus()).isEqualTo("OOMKilled");
        assertThat(d.reason()).isEqualTo("OOMKilled");
        assertThat(d.containers().get(0).lastSignal()).isEqualTo("SIGKILL");
        assertThat(d.evidence()).startsWith("Container crasher terminated: OOMKilled, exit code 137 (SIGKILL)");
        assertThat(d.advice()).contains("memory", "limit", "`kubectl describe pod " + d.pod() + "`");
    }

    @Test
    void crashLoopAfterOomKillsSaysSo() {
        Fixtures.Step step = Fixtures.step("postgres-misconfig/1-crashloop");
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstContainerStatus()
                .editLastState().editTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, step.podEvents(), step.now());

        assertThat(d.state()).isEqualTo(PodState.CrashLoopBackOff);
        assertThat(d.evidence()).anyMatch(e -> e.contains("OOMKilled, exit code 137 (SIGKILL)"));
        assertThat(d.advice()).contains("OOMKilled");
    }

    @Test
    void missingSecretIsCreateContainerConfigError() {
        Fixtures.Step step = Fixtures.step("postgres-misconfig/4-fixed");
        Pod pod = notReady(withState(step.pod(), new ContainerStateBuilder().withNewWaiting()
                .withReason("CreateContainerConfigError").withMessage("secret \"postgres-password\" not found")
                .endWaiting().build()));
        Event failed = kubeletEvent(pod, "Warning", "Failed", "Error: secret \"postgres-password\" not found");

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(failed), step.now());

        assertThat(d.state()).isEqualTo(PodState.CreateContainerConfigError);
        assertThat(d.kubectlStatus()).isEqualTo("CreateContainerConfigError");
        assertThat(d.message()).isEqualTo("secret \"postgres-password\" not found");
        assertThat(d.evidence()).containsExactly(
                "Container postgres waiting: CreateContainerConfigError: secret \"postgres-password\" not found",
                "Warning Failed: Error: secret \"postgres-password\" not found");
        assertThat(d.advice()).contains("secret \"postgres-password\" not found", "Secrets", "`kubectl describe pod postgres`");
    }

    @Test
    void failingReadinessProbeIsRunningNotReady() {
        Fixtures.Step step = Fixtures.step("nginx-selector/2-fixed");
        Pod pod = notReady(new PodBuilder(step.pod()).editStatus().editFirstContainerStatus().withReady(false)
                .endContainerStatus().endStatus().build());
        Event unhealthy = kubeletEvent(pod, "Warning", "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 404");

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(unhealthy), Instant.parse("2026-11-28T03:30:09Z"));

        assertThat(d.state()).isEqualTo(PodState.RunningNotReady);
        assertThat(d.kubectlStatus()).isEqualTo("Running");
        assertThat(d.reason()).isEqualTo("ContainersNotReady");
        assertThat(d.message()).isEqualTo("containers with unready status: [nginx]");
        assertThat(d.evidence()).containsExactly(
                "Container nginx running for 30s, not ready",
                "Ready=False (ContainersNotReady): containers with unready status: [nginx]",
                "Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404");
        assertThat(d.advice()).contains("Container nginx runs", "readiness", "`kubectl describe pod nginx`");
    }

    @Test
    void readyContainersInAPodThatIsNotReadyAreNotRunning() {
        Pod pod = new PodBuilder(Fixtures.step("nginx-selector/2-fixed").pod()).editStatus()
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False")
                .withReason("ReadinessGatesNotReady").endCondition().endStatus().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T03:30:09Z"));

        assertThat(d.state()).isEqualTo(PodState.RunningNotReady);
        assertThat(d.reason()).isEqualTo("ReadinessGatesNotReady");
    }

    @Test
    void containersThatRanToTheEndAreCompleted() {
        ContainerStateBuilder done = new ContainerStateBuilder().withNewTerminated().withReason("Completed")
                .withExitCode(0).withFinishedAt("2026-11-28T04:29:39Z").endTerminated();
        Pod pod = new PodBuilder(Fixtures.step("sleep-multiple/3-fixed").pod()).editStatus().withPhase("Succeeded")
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False").withReason("PodCompleted").endCondition()
                .editMatchingContainerStatus(c -> c.getName().equals("sleep")).withReady(false).withState(done.build()).endContainerStatus()
                .editMatchingContainerStatus(c -> c.getName().equals("sleep2")).withReady(false).withState(done.build()).endContainerStatus()
                .endStatus().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T04:30:00Z"));

        assertThat(d.state()).isEqualTo(PodState.Completed);
        assertThat(d.kubectlStatus()).isEqualTo("Completed");
        assertThat(d.evidence()).containsExactly(
                "Container sleep terminated: Completed, exit code 0",
                "Container sleep2 terminated: Completed, exit code 0");
        assertThat(d.advice()).contains("ran to completion", "`kubectl logs sleep -c sleep`");
    }

    @Test
    void podBeingDeletedIsTerminating() {
        Pod pod = new PodBuilder(Fixtures.step("postgres-misconfig/1-crashloop").pod()).editMetadata()
                .withDeletionTimestamp("2026-11-28T03:30:00Z").withDeletionGracePeriodSeconds(30L).endMetadata().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T03:30:05Z"));

        assertThat(d.state()).isEqualTo(PodState.Terminating);
        assertThat(d.kubectlStatus()).isEqualTo("Terminating");
        assertThat(d.message()).isEqualTo("Deletion requested at 2026-11-28T03:30:00Z, grace period 30s");
        assertThat(d.advice()).contains("being deleted", "`kubectl get pods`");
    }

    @Test
    void podThatDoesNotExistIsMissing() {
        PodDiagnosis d = Diagnoser.missing("nginx");

        assertThat(d.state()).isEqualTo(PodState.Missing);
        assertThat(d.message()).isEqualTo("pods \"nginx\" not found");
        assertThat(d.containers()).isEmpty();
        assertThat(d.advice()).contains("`kubectl get pods`");
    }

    @Test
    void firstFailingContainerOfSeveralIsTheOneReported() {
        Fixtures.Step step = Fixtures.step("sleep-multiple/3-fixed");
        Pod pod = notReady(new PodBuilder(step.pod()).editStatus()
                .editMatchingContainerStatus(c -> c.getName().equals("sleep2")).withReady(false).withRestartCount(2)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 20s restarting failed container=sleep2").endWaiting().build())
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(2)
                .withFinishedAt("2026-11-28T03:29:50Z").endTerminated().endLastState()
                .endContainerStatus().endStatus().build());

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T03:30:00Z"));

        assertThat(d.state()).isEqualTo(PodState.CrashLoopBackOff);
        assertThat(d.kubectlStatus()).isEqualTo("CrashLoopBackOff");
        assertThat(d.restarts()).isEqualTo(2);
        assertThat(d.advice()).contains("Container sleep2", "exit code 2", "`kubectl logs sleep -c sleep2 --previous`");
    }

    @Test
    void failingInitContainerIsReportedBeforeTheContainers() {
        Pod pod = new PodBuilder(Fixtures.step("postgres-misconfig/4-fixed").pod())
                .editSpec().addNewInitContainer().withName("migrate").withImage("postgres").endInitContainer().endSpec()
                .editStatus().editMatchingCondition(c -> c.getType().equals("Initialized")).withStatus("False").endCondition()
                .addNewInitContainerStatus().withName("migrate").withRestartCount(3)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
                .endInitContainerStatus()
                .editFirstContainerStatus().withReady(false).withState(new ContainerStateBuilder().withNewWaiting()
                        .withReason("PodInitializing").endWaiting().build()).endContainerStatus()
                .endStatus().build();

        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T03:34:00Z"));

        assertThat(d.state()).isEqualTo(PodState.CrashLoopBackOff);
        assertThat(d.kubectlStatus()).isEqualTo("Init:CrashLoopBackOff");
        assertThat(d.advice()).contains("Container migrate", "`kubectl logs postgres -c migrate --previous`");
    }

    // --- helpers ---

    private static PodDiagnosis diagnose(String stepName) {
        return diagnose(Fixtures.step(stepName));
    }

    private static PodDiagnosis diagnose(Fixtures.Step step) {
        return Diagnoser.diagnose(step.pod(), step.podEvents(), step.now());
    }

    /** The captured Unschedulable Pod and its events, with the scheduler's message replaced. */
    private static PodDiagnosis unschedulable(String stepName, String message) {
        Fixtures.Step step = Fixtures.step(stepName);
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstCondition().withMessage(message).endCondition()
                .endStatus().build();
        List<Event> events = step.podEvents().stream()
                .map(e -> new EventBuilder(e).withMessage(message).build())
                .toList();
        return Diagnoser.diagnose(pod, events, step.now());
    }

    private static Pod withState(Pod pod, io.fabric8.kubernetes.api.model.ContainerState state) {
        return new PodBuilder(pod).editStatus().editFirstContainerStatus().withReady(false).withStarted(false)
                .withState(state).endContainerStatus().endStatus().build();
    }

    /** The Pod's Ready condition false, as the kubelet sets it when a container is not ready. */
    private static Pod notReady(Pod pod) {
        String unready = pod.getStatus().getContainerStatuses().stream()
                .filter(c -> !Boolean.TRUE.equals(c.getReady()))
                .map(c -> c.getName())
                .reduce((a, b) -> a + " " + b).orElse("");
        return new PodBuilder(pod).editStatus()
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False")
                .withReason("ContainersNotReady").withMessage("containers with unready status: [" + unready + "]")
                .endCondition().endStatus().build();
    }

    private static Event kubeletEvent(Pod pod, String type, String reason, String message) {
        return new EventBuilder()
                .withType(type).withReason(reason).withMessage(message)
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withNewSource().withComponent("kubelet").endSource()
                .withFirstTimestamp("2026-11-28T03:30:00Z").withLastTimestamp("2026-11-28T03:30:00Z").withCount(1)
                .build();
    }
}
