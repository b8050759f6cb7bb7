package dev.breakfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * Every state the five scenarios produce, and the neighbours a learner can reach, explained part by part: what is
 * wrong, the evidence, the command that shows it, the next step (generic before the hints, specific after), in
 * English and in Chinese. Fed with Pod and Event JSON as a v1.20 cluster wrote it, edited where a capture lacks a
 * state.
 */
class ExplanationTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    // ---- Pending ----

    @Test
    void nodeSelectorNoNodeMatchesExplainedInEveryReleasesWording() {
        for (String message : List.of(
                "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.",
                "0/1 nodes are available: 1 node(s) didn't match node selector.",
                "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are "
                        + "available: 3 Preemption is not helpful for scheduling.")) {
            PodDiagnosis d = unschedulable("nginx-selector/1-broken", message);
            Explanation e = d.explanation();

            assertThat(d.state()).as(message).isEqualTo(PodState.Unschedulable);
            assertThat(e.what()).contains("no node for Pod nginx", "node label");
            assertThat(e.evidence()).containsExactly("Warning FailedScheduling: " + message, "Node-Selectors: purpose=special");
            assertThat(e.commands()).containsExactly("kubectl describe pod nginx", "kubectl get nodes --show-labels");
            assertThat(e.look()).contains("FailedScheduling", "`kubectl get nodes --show-labels`");
            assertThat(e.specific()).isFalse();
            assertThat(e.next()).contains("which label").doesNotContain("purpose=special", "Label a node");
            Explanation after = d.localized(Locale.ENGLISH, true).explanation();
            assertThat(after.specific()).isTrue();
            assertThat(after.next()).contains("(purpose=special)", "Label a node", "Remove the label");
            Explanation zh = d.localized(ZH, false).explanation();
            assertThat(zh.what()).contains("调度器", "nginx");
            assertThat(zh.evidence()).containsExactly("事件 Warning FailedScheduling：" + message, "Node-Selectors：purpose=special");
            assertThat(zh.lang()).isEqualTo("zh");
        }
    }

    @Test
    void insufficientCpuWithAndWithoutPreemptionText() {
        for (String message : List.of("0/1 nodes are available: 1 Insufficient cpu.",
                "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims "
                        + "found for incoming pod.")) {
            PodDiagnosis d = unschedulable("sleep-multiple/1-broken", message);
            Explanation e = d.explanation();

            assertThat(d.reason()).as(message).isEqualTo("Insufficient cpu");
            assertThat(e.what()).contains("enough free cpu for Pod sleep").doesNotContain("preemption");
            assertThat(e.evidence()).containsExactly("Warning FailedScheduling: " + message, "Requests cpu: sleep=2, sleep2=2");
            assertThat(e.commands()).containsExactly("kubectl describe pod sleep", "kubectl describe node");
            assertThat(e.next()).contains("Add up the cpu").doesNotContain("100m", "delete");
            assertThat(d.localized(Locale.ENGLISH, true).explanation().next())
                    .contains("less cpu", "`Forbidden: pod updates may not change fields`", "delete the Pod");
            assertThat(d.localized(ZH, true).explanation().next()).contains("删除 Pod", "`Forbidden: pod updates may not change fields`");
        }
    }

    // ---- images ----

    @Test
    void errImagePullNamesTheImageAndTheRegistrysAnswer() {
        PodDiagnosis d = diagnose("nginx-typo/1-errimagepull");
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("ErrImagePull");
        assertThat(e.what()).isEqualTo("The kubelet cannot pull the image \"nginz\" of container nginx: the registry did not deliver it.");
        assertThat(e.evidence()).anySatisfy(l -> assertThat(l).startsWith("Warning Failed: Failed to pull image \"nginz\"")
                .endsWith("not found"));
        assertThat(e.commands()).containsExactly("kubectl describe pod nginx");
        assertThat(e.next()).contains("image name").doesNotContain("set image", "nginx=");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("`kubectl set image pod nginx nginx=IMAGE`");
        assertThat(d.localized(ZH, false).explanation().what()).isEqualTo("kubelet 无法拉取容器 nginx 的镜像 \"nginz\"：镜像仓库没有给出这个镜像。");
    }

    @Test
    void imagePullBackOffSaysTheWaitGrows() {
        PodDiagnosis d = diagnose("nginx-typo/3-backoff-later");
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("ImagePullBackOff");
        assertThat(e.what()).contains("\"nginz\"", "waits longer", "five minutes");
        assertThat(e.evidence()).contains("Container nginx waiting: ImagePullBackOff: Back-off pulling image \"nginz\"");
        assertThat(d.localized(ZH, false).explanation().what()).contains("最长五分钟");
    }

    // ---- containers that stop ----

    @Test
    void crashLoopWithExitCode1PointsAtThePreviousLogAndShowsItsLastLines() {
        Fixtures.Step step = Fixtures.step("postgres-misconfig/1-crashloop");
        PodDiagnosis d = diagnose(step).withLogTail("postgres", true, LogTail.lines(Fixtures.text("postgres-misconfig/1-logs-previous.txt")));
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("CrashLoopBackOff");
        assertThat(e.what()).contains("Container postgres keeps stopping", "exit code 1: the program ended itself with an error",
                "CrashLoopBackOff");
        assertThat(e.evidence()).contains("Container postgres last terminated 2s ago: Error, exit code 1; restarted 1 time",
                "Warning BackOff: Back-off restarting failed container",
                "Error: Database is uninitialized and superuser password is not specified.");
        assertThat(e.evidence()).anyMatch(l -> l.startsWith("The last ") && l.contains("previous run of postgres"));
        assertThat(e.commands()).startsWith("kubectl logs postgres --previous");
        assertThat(e.next()).contains("what it is missing").doesNotContain("POSTGRES_PASSWORD");
        Explanation after = d.localized(Locale.ENGLISH, true).explanation();
        assertThat(after.next()).contains("delete the Pod and apply the corrected manifest");
        Explanation zh = d.localized(ZH, false).explanation();
        assertThat(zh.what()).contains("容器 postgres 不断退出", "退出码 1");
        assertThat(zh.evidence()).contains("容器 postgres 上一次在 2s 前终止：Error, 退出码 1；已重启 1 次",
                "Error: Database is uninitialized and superuser password is not specified.");
    }

    @Test
    void crashLoopWithExitCode139IsASegfaultWhoseLogIsEmpty() {
        PodDiagnosis d = diagnose("crasher/1-crashloop");
        Explanation e = d.explanation();

        assertThat(e.what()).contains("exit code 139 = 128 + 11", "SIGSEGV", "segmentation fault");
        assertThat(e.evidence()).anyMatch(l -> l.contains("Error, exit code 139 (SIGSEGV)"));
        assertThat(e.commands()).contains("kubectl logs " + d.pod() + " --previous",
                "kubectl get pod " + d.pod() + " -o json | jq '.status.containerStatuses[0].lastState.terminated.exitCode'");
        assertThat(e.look()).contains("may well be empty");
        assertThat(e.next()).contains("stay up").doesNotContain("sleep", "gdb");
        Explanation after = d.localized(Locale.ENGLISH, true).explanation();
        assertThat(after.next()).contains("`kubectl edit deployment crasher`", "`args: [\"/bin/sleep\", \"infinity\"]`",
                "`kubectl exec`", "`kubectl port-forward`");
        assertThat(d.localized(ZH, true).explanation().next()).contains("`kubectl edit deployment crasher`", "保持运行");
    }

    @Test
    void crashLoopWithExitCode137IsSigkill() {
        PodDiagnosis d = lastExit("postgres-misconfig/1-crashloop", "Error", 137);
        Explanation e = d.explanation();

        assertThat(d.state()).isEqualTo(PodState.CrashLoopBackOff);
        assertThat(e.what()).contains("exit code 137 = 128 + 9", "SIGKILL", "memory");
        assertThat(e.commands()).contains("kubectl describe pod postgres");
        assertThat(e.look()).contains("Last State", "OOMKilled");
        assertThat(e.next()).contains("OOMKilled");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("memory limit", "delete the Pod");
    }

    @Test
    void otherExitCodesAndSignalsAreExplained() {
        Explanation two = lastExit("postgres-misconfig/1-crashloop", "Error", 2).explanation();
        assertThat(two.what()).contains("exit code 2: the program ended itself with an error");

        Explanation notFound = lastExit("postgres-misconfig/1-crashloop", "Error", 127).explanation();
        assertThat(notFound.what()).contains("exit code 127", "not found in the image");
        assertThat(notFound.next()).contains("command and args", "`kubectl describe pod postgres`");

        Explanation abort = lastExit("postgres-misconfig/1-crashloop", "Error", 134).explanation();
        assertThat(abort.what()).contains("exit code 134 = 128 + 6", "SIGABRT");
        assertThat(abort.next()).contains("liveness probe");
        assertThat(lastExit("postgres-misconfig/1-crashloop", "Error", 143).localized(ZH, false).explanation().what())
                .contains("退出码 143 = 128 + 15", "SIGTERM");
    }

    @Test
    void oomKilledSaysMemoryLimit() {
        Fixtures.Step step = Fixtures.step("crasher/2-fixed");
        Pod pod = withState(step.pod(), new ContainerStateBuilder().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .withStartedAt("2026-11-28T03:29:29Z").withFinishedAt("2026-11-28T03:29:40Z").endTerminated().build());
        PodDiagnosis d = Diagnoser.diagnose(pod, step.podEvents(), Instant.parse("2026-11-28T03:29:41Z"));
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("OOMKilled");
        assertThat(e.what()).contains("more memory than its limit", "OOMKilled, exit code 137 (SIGKILL)");
        assertThat(e.evidence()).startsWith("Container crasher terminated: OOMKilled, exit code 137 (SIGKILL)");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("`kubectl edit deployment crasher`");
        assertThat(d.localized(ZH, false).explanation().what()).contains("内存", "OOMKilled，退出码 137（SIGKILL）");
    }

    // ---- other states ----

    @Test
    void createContainerConfigErrorNamesWhatIsMissing() {
        Fixtures.Step step = Fixtures.step("postgres-misconfig/4-fixed");
        Pod pod = withState(step.pod(), new ContainerStateBuilder().withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"postgres-password\" not found").endWaiting().build());
        Event failed = event(pod, "Warning", "Failed", "Error: secret \"postgres-password\" not found");
        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(failed), step.now());
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("CreateContainerConfigError");
        assertThat(e.what()).contains("secret \"postgres-password\" not found");
        assertThat(e.evidence()).contains("Warning Failed: Error: secret \"postgres-password\" not found");
        assertThat(e.commands()).containsExactly("kubectl describe pod postgres", "kubectl get configmaps,secrets");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("Create the missing ConfigMap or Secret");
        assertThat(d.localized(ZH, false).explanation().evidence()).contains("事件 Warning Failed：Error: secret \"postgres-password\" not found");
    }

    @Test
    void containerCreatingSaysWhereAndWhatToWaitFor() {
        Pod scheduled = Fixtures.watchedPods("crasher").get(1);
        PodDiagnosis d = Diagnoser.diagnose(scheduled, List.of(), Instant.parse("2026-11-28T04:19:23Z"));
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("ContainerCreating");
        assertThat(e.what()).contains("node vm", "being created");
        assertThat(e.evidence()).containsExactly("Container crasher has not been created yet");
        assertThat(e.commands()).containsExactly("kubectl describe pod " + d.pod());
        assertThat(d.localized(ZH, false).explanation().evidence()).containsExactly("容器 crasher 还没有创建");
    }

    @Test
    void runningButNotReadyPointsAtTheReadinessProbe() {
        Fixtures.Step step = Fixtures.step("nginx-selector/2-fixed");
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstContainerStatus().withReady(false).endContainerStatus()
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False").withReason("ContainersNotReady")
                .withMessage("containers with unready status: [nginx]").endCondition().endStatus().build();
        Event unhealthy = event(pod, "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 404");
        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(unhealthy), Instant.parse("2026-11-28T03:30:09Z"));
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("RunningNotReady");
        assertThat(e.what()).contains("Container nginx runs but is not ready (ContainersNotReady)");
        assertThat(e.evidence()).contains("Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404");
        assertThat(e.look()).contains("readiness probes");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("`kubectl port-forward pod/nginx 8080:PORT`");
    }

    @Test
    void runningAndCompleted() {
        Explanation running = diagnose("nginx-typo/5-fixed").explanation();
        assertThat(running.state()).isEqualTo("Running");
        assertThat(running.what()).isEqualTo("Pod nginx runs and all its containers are ready.");
        assertThat(running.next()).contains("stability window");

        ContainerState done = new ContainerStateBuilder().withNewTerminated().withReason("Completed").withExitCode(0)
                .withFinishedAt("2026-11-28T04:29:39Z").endTerminated().build();
        Pod pod = new PodBuilder(Fixtures.step("sleep-multiple/3-fixed").pod()).editStatus().withPhase("Succeeded")
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False").withReason("PodCompleted").endCondition()
                .editMatchingContainerStatus(c -> c.getName().equals("sleep")).withReady(false).withState(done).endContainerStatus()
                .editMatchingContainerStatus(c -> c.getName().equals("sleep2")).withReady(false).withState(done).endContainerStatus()
                .endStatus().build();
        Explanation completed = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T04:30:00Z")).explanation();
        assertThat(completed.state()).isEqualTo("Completed");
        assertThat(completed.evidence()).containsExactly("Container sleep terminated: Completed, exit code 0",
                "Container sleep2 terminated: Completed, exit code 0");
        assertThat(completed.commands()).containsExactly("kubectl logs sleep -c sleep");
        assertThat(completed.next()).contains("command and args");
    }

    @Test
    void terminatingSaysToWaitBeforeCreatingItAgain() {
        Pod pod = new PodBuilder(Fixtures.step("postgres-misconfig/1-crashloop").pod()).editMetadata()
                .withDeletionTimestamp("2026-11-28T03:30:00Z").withDeletionGracePeriodSeconds(30L).endMetadata().build();
        PodDiagnosis d = Diagnoser.diagnose(pod, List.of(), Instant.parse("2026-11-28T03:30:05Z"));
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("Terminating");
        assertThat(e.evidence()).containsExactly("Deletion requested at 2026-11-28T03:30:00Z, grace period 30s");
        assertThat(e.commands()).contains("kubectl get pods -w");
        assertThat(e.next()).contains("once it is gone");
        assertThat(d.localized(ZH, false).explanation().evidence()).containsExactly("已于 2026-11-28T03:30:00Z 请求删除，宽限期 30 秒");
    }

    @Test
    void podThatNoLongerExists() {
        PodDiagnosis d = Diagnoser.missing("postgres");
        Explanation e = d.explanation();

        assertThat(e.state()).isEqualTo("Missing");
        assertThat(e.what()).isEqualTo("There is no Pod named postgres.");
        assertThat(e.evidence()).containsExactly("pods \"postgres\" not found");
        assertThat(e.commands()).containsExactly("kubectl get pods");
        assertThat(d.localized(Locale.ENGLISH, true).explanation().next()).contains("`kubectl apply -f`");
        assertThat(d.localized(ZH, false).explanation().what()).isEqualTo("不存在名为 postgres 的 Pod。");
    }

    @Test
    void localizingKeepsTheClusterFactsAndTheEnglishEvidence() {
        PodDiagnosis d = diagnose("crasher/1-crashloop");
        PodDiagnosis zh = d.localized(ZH, false);

        assertThat(zh.evidence()).isEqualTo(d.evidence());
        assertThat(zh.message()).isEqualTo(d.message());
        assertThat(zh.advice()).contains("SIGSEGV", "`kubectl logs " + d.pod() + " --previous`").containsPattern("\\p{IsHan}");
        assertThat(zh.in(Locale.ENGLISH).advice()).isEqualTo(d.advice());
    }

    // ---- helpers ----

    private static PodDiagnosis diagnose(String step) {
        return diagnose(Fixtures.step(step));
    }

    private static PodDiagnosis diagnose(Fixtures.Step step) {
        return Diagnoser.diagnose(step.pod(), step.podEvents(), step.now());
    }

    private static PodDiagnosis unschedulable(String stepName, String message) {
        Fixtures.Step step = Fixtures.step(stepName);
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstCondition().withMessage(message).endCondition()
                .endStatus().build();
        List<Event> events = step.podEvents().stream().map(e -> new EventBuilder(e).withMessage(message).build()).toList();
        return Diagnoser.diagnose(pod, events, step.now());
    }

    /** The captured crash loop with another last exit code. */
    private static PodDiagnosis lastExit(String stepName, String reason, int exitCode) {
        Fixtures.Step step = Fixtures.step(stepName);
        Pod pod = new PodBuilder(step.pod()).editStatus().editFirstContainerStatus().editLastState().editTerminated()
                .withReason(reason).withExitCode(exitCode).endTerminated().endLastState().endContainerStatus().endStatus().build();
        return Diagnoser.diagnose(pod, step.podEvents(), step.now());
    }

    private static Pod withState(Pod pod, ContainerState state) {
        return new PodBuilder(pod).editStatus().editFirstContainerStatus().withReady(false).withStarted(false)
                .withState(state).endContainerStatus()
                .editMatchingCondition(c -> c.getType().equals("Ready")).withStatus("False").endCondition().endStatus().build();
    }

    private static Event event(Pod pod, String type, String reason, String message) {
        return new EventBuilder().withType(type).withReason(reason).withMessage(message)
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withNewSource().withComponent("kubelet").endSource()
                .withFirstTimestamp("2026-11-28T03:30:00Z").withLastTimestamp("2026-11-28T03:30:00Z").withCount(1).build();
    }
}
