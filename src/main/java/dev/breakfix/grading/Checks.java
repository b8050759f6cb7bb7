package dev.breakfix.grading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.breakfix.catalog.Workload;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.grading.CheckResult.Check;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * Judges the workload's Pod against a scenario's intent, as pure functions over what the cache holds.
 * "Reaches Running" is what {@code kubectl get pods} shows as Running with READY n/n: every container
 * running and ready, the Ready condition true, and no restart for the stability window.
 */
public final class Checks {

    private Checks() {
    }

    /** The outcome of all checks, and how long until the stability window is over (when running). */
    public record Outcome(List<CheckResult> results, Optional<Duration> stableIn) {
        public boolean passed() {
            return results.stream().allMatch(CheckResult::passed);
        }

        public int score() {
            return results.stream().mapToInt(CheckResult::points).sum();
        }

        public int maxScore() {
            return results.stream().mapToInt(CheckResult::maxPoints).sum();
        }
    }

    /** As {@link #evaluate(Workload, Optional, Msg, PodDiagnosis, Map, Duration, Instant)}, the missing reason in words. */
    public static Outcome evaluate(Workload workload, Optional<Pod> target, String missingReason, PodDiagnosis diagnosis,
            Map<String, String> imageOverrides, Duration window, Instant now) {
        return evaluate(workload, target, Msg.of("ev.verbatim", missingReason), diagnosis, imageOverrides, window, now);
    }

    /** Every check's result; the messages are texts of the {@code i18n/diagnosis} bundles, put into words later. */
    public static Outcome evaluate(Workload workload, Optional<Pod> target, Msg missingReason, PodDiagnosis diagnosis,
            Map<String, String> imageOverrides, Duration window, Instant now) {
        List<CheckResult> results = new ArrayList<>();
        if (target.isEmpty()) {
            results.add(CheckResult.fail(Check.PRESENT, missingReason));
            for (Check c : List.of(Check.IDENTITY, Check.RUNNING, Check.STABLE)) {
                results.add(CheckResult.fail(c, Msg.of("grade.notCheckedMissing", podName(workload))));
            }
            return new Outcome(results, Optional.empty());
        }
        Pod pod = target.get();
        String name = pod.getMetadata().getName();
        results.add(CheckResult.pass(Check.PRESENT, Msg.of("grade.present", name)));

        Optional<Msg> identityProblem = identityProblem(workload, pod, imageOverrides);
        results.add(identityProblem.map(p -> CheckResult.fail(Check.IDENTITY, p))
                .orElseGet(() -> CheckResult.pass(Check.IDENTITY, Msg.of("grade.identity", name,
                        workload.containers().keySet().toString()))));

        boolean running = diagnosis.state() == PodState.Running && readyCondition(pod) && allRunningAndReady(pod);
        results.add(running
                ? CheckResult.pass(Check.RUNNING, Msg.of("grade.running", name, readyCount(pod)))
                : CheckResult.fail(Check.RUNNING, Msg.of("grade.notRunning", name, diagnosis.kubectlStatus(), readyCount(pod),
                        notRunningWhy(diagnosis))));

        Optional<Duration> stableIn = Optional.empty();
        if (!running) {
            results.add(CheckResult.fail(Check.STABLE, Msg.of("grade.notCheckedNotRunning")));
        } else {
            Instant since = stableSince(pod);
            Duration up = Duration.between(since, now);
            if (up.compareTo(window) >= 0) {
                results.add(CheckResult.pass(Check.STABLE, Msg.of("grade.stable", name, Long.toString(up.toSeconds()),
                        Long.toString(window.toSeconds()))));
            } else {
                Duration left = window.minus(up.isNegative() ? Duration.ZERO : up);
                stableIn = Optional.of(left);
                results.add(CheckResult.fail(Check.STABLE, Msg.of("grade.settling", name,
                        Long.toString(Math.max(0, up.toSeconds())), Long.toString(window.toSeconds()),
                        Long.toString(ceilSeconds(left)))));
            }
        }
        return new Outcome(results, stableIn);
    }

    private static Optional<Msg> identityProblem(Workload workload, Pod pod, Map<String, String> overrides) {
        List<String> expected = List.copyOf(workload.containers().keySet());
        List<String> actual = pod.getSpec().getContainers().stream().map(Container::getName).toList();
        if (!actual.containsAll(expected) || actual.size() != expected.size()) {
            List<String> missing = expected.stream().filter(c -> !actual.contains(c)).toList();
            return Optional.of(Msg.of("grade.containersChanged", pod.getMetadata().getName(), actual.toString(),
                    expected.toString(), missing.isEmpty() ? "" : Msg.of("grade.dropped", String.join(", ", missing))));
        }
        for (Container c : pod.getSpec().getContainers()) {
            String intended = workload.containers().get(c.getName());
            String mirrored = overrides.getOrDefault(intended, intended);
            String injected = workload.injected().get(c.getName());
            // the lab's own wrong image (nginx-typo) is no replacement of the program: whether it runs is the next check's
            boolean asInjected = injected != null && ImageRef.same(c.getImage(), overrides.getOrDefault(injected, injected));
            if (!ImageRef.same(c.getImage(), mirrored) && !asInjected) {
                return Optional.of(Msg.of("grade.otherImage", c.getName(), c.getImage(), mirrored));
            }
        }
        return Optional.empty();
    }

    private static String notRunningWhy(PodDiagnosis d) {
        String reason = d.reason() == null || d.reason().isBlank() ? "" : d.reason();
        String message = d.message() == null || d.message().isBlank() ? "" : d.message();
        if (reason.isEmpty()) {
            return message.isEmpty() ? d.state().name() + "." : message;
        }
        return message.isEmpty() || message.equals(reason) ? reason + "." : reason + ": " + message;
    }

    static boolean allRunningAndReady(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null || statuses.size() != pod.getSpec().getContainers().size()) {
            return false;
        }
        return statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()) && s.getState() != null
                && s.getState().getRunning() != null);
    }

    static boolean readyCondition(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** The later of every container's start and the Ready condition's last transition. */
    static Instant stableSince(Pod pod) {
        Instant since = condition(pod, "Ready").map(c -> parse(c.getLastTransitionTime())).orElse(Instant.EPOCH);
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            Instant started = parse(s.getState().getRunning().getStartedAt());
            if (started.isAfter(since)) {
                since = started;
            }
        }
        return since;
    }

    private static String readyCount(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
        long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        return ready + "/" + pod.getSpec().getContainers().size();
    }

    private static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static Instant parse(String timestamp) {
        return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    private static Msg podName(Workload w) {
        return Msg.of(w.kind() == Workload.Kind.Pod ? "grade.podNamed" : "grade.podOfDeployment", w.name());
    }
}
