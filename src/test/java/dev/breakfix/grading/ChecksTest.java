package dev.breakfix.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.breakfix.catalog.Workload;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.grading.CheckResult.Check;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The grading traps of DESIGN.md, one rule per test, on Pods as a real v1.20 kubelet wrote them. */
class ChecksTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Workload POSTGRES = workload(Workload.Kind.Pod, "postgres", "postgres", "postgres");
    private static final Workload NGINX = workload(Workload.Kind.Pod, "nginx", "nginx", "nginx");
    private static final Workload SLEEP = workload(Workload.Kind.Pod, "sleep", "sleep", "busybox", "sleep2", "busybox");

    @Test
    void aCrashLoopingPodWhosePhaseIsRunningDoesNotPass() {
        Pod pod = pod("postgres-misconfig/1-crashloop");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");

        Checks.Outcome o = grade(POSTGRES, pod, started(pod).plusSeconds(300));

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.RUNNING).passed()).isFalse();
        assertThat(result(o, Check.RUNNING).message()).contains("CrashLoopBackOff").contains("READY 0/1");
        assertThat(result(o, Check.STABLE).passed()).isFalse();
        assertThat(o.score()).isEqualTo(2).isLessThan(o.maxScore());
    }

    @Test
    void theChaptersFixPassesOnceItRanForTheStabilityWindow() {
        Pod pod = pod("postgres-misconfig/4-fixed");

        Checks.Outcome o = grade(POSTGRES, pod, started(pod).plus(WINDOW).plusSeconds(1));

        assertThat(o.passed()).isTrue();
        assertThat(o.score()).isEqualTo(o.maxScore()).isEqualTo(5);
        assertThat(o.stableIn()).isEmpty();
    }

    @Test
    void withinTheWindowItSaysHowLongIsLeftInsteadOfPassing() {
        Pod pod = pod("postgres-misconfig/4-fixed");

        Checks.Outcome o = grade(POSTGRES, pod, started(pod).plusSeconds(3));

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.RUNNING).passed()).isTrue();
        assertThat(o.stableIn()).contains(Duration.ofSeconds(7));
        assertThat(result(o, Check.STABLE).message()).contains("7 s to go");
    }

    @Test
    void aPodThatWasReadyOnlyForAMomentBeforeRestartingDoesNotPass() {
        Pod pod = pod("postgres-misconfig/4-fixed");
        Instant now = started(pod).plusSeconds(60);
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        status.setRestartCount(1);
        status.getState().getRunning().setStartedAt(now.minusSeconds(2).toString());

        Checks.Outcome o = grade(POSTGRES, pod, now);

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.STABLE).message()).contains("up for 2 s");
    }

    @Test
    void nginxReplacedByBusyboxIsNotAFix() {
        Pod pod = pod("nginx-typo/5-fixed");
        pod.getSpec().getContainers().get(0).setImage("busybox");

        Checks.Outcome o = grade(NGINX, pod, started(pod).plusSeconds(60));

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.IDENTITY).message()).contains("'busybox'").contains("'nginx'");
    }

    @Test
    void theLabsOwnWrongImageIsNoReplacementButAnotherOneIs() {
        Workload typo = NGINX.withInjected(Map.of("nginx", "nginz"));
        Pod broken = pod("nginx-typo/1-errimagepull");

        Checks.Outcome o = grade(typo, broken, Instant.now());

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.IDENTITY).passed()).as("nginz is how the lab began, not a swap").isTrue();
        assertThat(result(o, Check.IDENTITY).message()).doesNotContain("'nginx'");
        assertThat(result(o, Check.RUNNING).passed()).isFalse();

        broken.getSpec().getContainers().get(0).setImage("busybox");
        assertThat(result(grade(typo, broken, Instant.now()), Check.IDENTITY).passed()).isFalse();
    }

    @Test
    void sleepWithOneContainerDroppedIsNotAFix() {
        Pod pod = pod("sleep-multiple/3-fixed");
        pod.getSpec().getContainers().removeIf(c -> c.getName().equals("sleep2"));
        pod.getStatus().getContainerStatuses().removeIf(c -> c.getName().equals("sleep2"));

        Checks.Outcome o = grade(SLEEP, pod, started(pod).plusSeconds(60));

        assertThat(o.passed()).isFalse();
        assertThat(result(o, Check.IDENTITY).message()).contains("sleep2 was dropped");
    }

    @Test
    void theBrokenPodDeletedWithNothingInItsPlaceFailsEveryCheck() {
        Checks.Outcome o = Checks.evaluate(NGINX, Optional.empty(), "There is no Pod named nginx", Diagnoser.missing("nginx"),
                Map.of(), WINDOW, Instant.now());

        assertThat(o.passed()).isFalse();
        assertThat(o.score()).isZero();
        assertThat(result(o, Check.PRESENT).message()).contains("no Pod named nginx");
    }

    @Test
    void aMirroredImageCountsAsTheIntendedOne() {
        Pod pod = pod("nginx-typo/5-fixed");
        pod.getSpec().getContainers().get(0).setImage("registry.example:5000/mirror/nginx:1.25");

        Checks.Outcome o = Checks.evaluate(NGINX, Optional.of(pod), "", Diagnoser.diagnose(pod, List.of(), Instant.now()),
                Map.of("nginx", "registry.example:5000/mirror/nginx:1.25"), WINDOW, started(pod).plusSeconds(60));

        assertThat(result(o, Check.IDENTITY).passed()).isTrue();
    }

    @Test
    void imageReferencesCompareAsTheRuntimeResolvesThem() {
        assertThat(ImageRef.same("nginx", "docker.io/library/nginx:latest")).isTrue();
        assertThat(ImageRef.same("bookofkubernetes/crasher:stable", "docker.io/bookofkubernetes/crasher:stable")).isTrue();
        assertThat(ImageRef.same("nginx", "nginz")).isFalse();
        assertThat(ImageRef.same("nginx:1.25", "nginx")).isFalse();
        assertThat(ImageRef.same("localhost:5000/nginx", "nginx")).isFalse();
    }

    private static Checks.Outcome grade(Workload w, Pod pod, Instant now) {
        return Checks.evaluate(w, Optional.of(pod), "", Diagnoser.diagnose(pod, List.of(), now), Map.of(), WINDOW, now);
    }

    private static CheckResult result(Checks.Outcome o, Check check) {
        return o.results().stream().filter(r -> r.name().equals(check.id())).findFirst().orElseThrow();
    }

    /** When the Pod's containers last (re)started, as the capture recorded. */
    private static Instant started(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .map(s -> s.getState().getRunning() != null ? s.getState().getRunning().getStartedAt()
                        : s.getLastState().getTerminated() != null ? s.getLastState().getTerminated().getFinishedAt()
                                : pod.getStatus().getStartTime())
                .map(Instant::parse).max(Instant::compareTo).orElseThrow();
    }

    private static Pod pod(String step) {
        try (InputStream in = ChecksTest.class.getResourceAsStream("/fixtures/k8s-1.20/" + step + ".pod.json")) {
            return Serialization.unmarshal(in, Pod.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Workload workload(Workload.Kind kind, String name, String... containerImages) {
        LinkedHashMap<String, String> containers = new LinkedHashMap<>();
        for (int i = 0; i < containerImages.length; i += 2) {
            containers.put(containerImages[i], containerImages[i + 1]);
        }
        return new Workload(kind, name, containers);
    }
}
