package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.breakfix.diagnosis.Pods.containerStatuses;
import static dev.breakfix.diagnosis.Pods.exitCode;
import static dev.breakfix.diagnosis.Pods.initContainerStatuses;
import static dev.breakfix.diagnosis.Pods.isBlank;
import static dev.breakfix.diagnosis.Pods.isSidecar;
import static dev.breakfix.diagnosis.Pods.isTrue;
import static dev.breakfix.diagnosis.Pods.lastTerminated;
import static dev.breakfix.diagnosis.Pods.list;
import static dev.breakfix.diagnosis.Pods.orEmpty;
import static dev.breakfix.diagnosis.Pods.spec;
import static dev.breakfix.diagnosis.Pods.state;

/**
 * One row of {@code kubectl get pods -o wide}, computed as kubectl's printer does
 * ({@code printPod} in {@code k8s.io/kubernetes/pkg/printers/internalversion}): the STATUS column is not the
 * Pod's phase but the reason of the first container that is waiting or has terminated, so a crash-looping Pod
 * in phase Running reads {@code CrashLoopBackOff}.
 */
public record KubectlStatus(String name, String ready, String status, String restarts, String age, String ip,
                            String node, String nominatedNode, String readinessGates) {

    private static final String NONE = "<none>";

    public static KubectlStatus of(Pod pod, Instant now) {
        Tally tally = tally(pod);
        return new KubectlStatus(pod.getMetadata().getName(), tally.readyColumn(), tally.reason(),
                tally.restartsColumn(now), age(Timestamps.parse(pod.getMetadata().getCreationTimestamp()), now),
                ip(pod), node(pod), orNone(Pods.status(pod, PodStatus::getNominatedNodeName)), readinessGates(pod));
    }

    /** The STATUS column: {@code Pending}, {@code ErrImagePull}, {@code Init:0/1}, {@code Terminating}, ... */
    public static String status(Pod pod) {
        return tally(pod).reason();
    }

    /** The READY column: ready containers over containers, e.g. {@code 0/2}. */
    public static String ready(Pod pod) {
        return tally(pod).readyColumn();
    }

    /** The RESTARTS column of kubectl 1.22 and later: {@code 0}, or {@code 5 (12s ago)}. */
    public static String restarts(Pod pod, Instant now) {
        return tally(pod).restartsColumn(now);
    }

    /** The restart count the RESTARTS column shows. */
    public static int restartCount(Pod pod) {
        return tally(pod).restarts();
    }

    /** The AGE column: {@code 15s}, {@code 2m46s}, {@code 3h5m}, ... */
    public static String age(Instant created, Instant now) {
        return HumanDuration.since(created, now);
    }

    /** The NODE column: the node the Pod is bound to, or {@code <none>}. */
    public static String node(Pod pod) {
        return orNone(spec(pod).getNodeName());
    }

    /** The IP column: the Pod's first IP, or {@code <none>}. */
    public static String ip(Pod pod) {
        return orNone(Pods.status(pod, s -> s.getPodIPs() == null || s.getPodIPs().isEmpty()
                ? null : s.getPodIPs().get(0).getIp()));
    }

    private static String readinessGates(Pod pod) {
        List<PodReadinessGate> gates = spec(pod).getReadinessGates();
        if (gates == null || gates.isEmpty()) {
            return NONE;
        }
        long satisfied = gates.stream().filter(gate -> isTrue(pod, gate.getConditionType())).count();
        return satisfied + "/" + gates.size();
    }

    private record Tally(String reason, int ready, int total, int restarts, Instant lastRestart) {

        String readyColumn() {
            return ready + "/" + total;
        }

        String restartsColumn(Instant now) {
            return restarts != 0 && lastRestart != null
                    ? restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)"
                    : String.valueOf(restarts);
        }
    }

    private static Tally tally(Pod pod) {
        PodSpec spec = spec(pod);
        String phase = orEmpty(Pods.status(pod, PodStatus::getPhase));
        String podReason = orEmpty(Pods.status(pod, PodStatus::getReason));
        String reason = podReason.isEmpty() ? phase : podReason;
        if (Pods.condition(pod, "PodScheduled").map(c -> "SchedulingGated".equals(c.getReason())).orElse(false)) {
            reason = "SchedulingGated";
        }

        Map<String, Container> initContainers = new HashMap<>();
        int total = list(spec.getContainers()).size();
        for (Container c : list(spec.getInitContainers())) {
            initContainers.put(c.getName(), c);
            if (isSidecar(c)) {
                total++;
            }
        }

        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<ContainerStatus> initStatuses = initContainerStatuses(pod);
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus container = initStatuses.get(i);
            restarts += Pods.restartCount(container);
            lastRestart = Timestamps.later(lastRestart, lastFinishedAt(container));
            boolean sidecar = isSidecar(initContainers.get(container.getName()));
            if (sidecar) {
                sidecarRestarts += Pods.restartCount(container);
                lastSidecarRestart = Timestamps.later(lastSidecarRestart, lastFinishedAt(container));
            }
            ContainerState state = state(container);
            ContainerStateTerminated terminated = state.getTerminated();
            if (terminated != null && exitCode(terminated) == 0) {
                continue;
            }
            if (sidecar && Boolean.TRUE.equals(container.getStarted())) {
                if (Boolean.TRUE.equals(container.getReady())) {
                    ready++;
                }
                continue;
            }
            if (terminated != null) {
                reason = "Init:" + terminatedReason(terminated);
            } else if (state.getWaiting() != null && !isBlank(state.getWaiting().getReason())
                    && !"PodInitializing".equals(state.getWaiting().getReason())) {
                reason = "Init:" + state.getWaiting().getReason();
            } else {
                reason = "Init:" + i + "/" + list(spec.getInitContainers()).size();
            }
            initializing = true;
            break;
        }

        if (!initializing || isTrue(pod, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = containerStatuses(pod);
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus container = statuses.get(i);
                restarts += Pods.restartCount(container);
                lastRestart = Timestamps.later(lastRestart, lastFinishedAt(container));
                ContainerState state = state(container);
                if (state.getWaiting() != null && !isBlank(state.getWaiting().getReason())) {
                    reason = state.getWaiting().getReason();
                } else if (state.getTerminated() != null) {
                    reason = terminatedReason(state.getTerminated());
                } else if (Boolean.TRUE.equals(container.getReady()) && state.getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = isTrue(pod, "Ready")
                        ? "Running" : "NotReady";
            }
        }

        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if ("NodeLost".equals(podReason)) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }
        return new Tally(reason, ready, total, restarts, lastRestart);
    }

    private static String terminatedReason(ContainerStateTerminated terminated) {
        if (!isBlank(terminated.getReason())) {
            return terminated.getReason();
        }
        return terminated.getSignal() != null && terminated.getSignal() != 0
                ? "Signal:" + terminated.getSignal()
                : "ExitCode:" + exitCode(terminated);
    }

    private static Instant lastFinishedAt(ContainerStatus container) {
        ContainerStateTerminated last = lastTerminated(container);
        return last == null ? null : Timestamps.parse(last.getFinishedAt());
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }
}
