package dev.breakfix.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Pure functions that derive a Pod's phase, conditions and QoS class the way kubelet v1.20 does. */
final class PodStatuses {

    private PodStatuses() {
    }

    /** kubelet's {@code getPhase} (v1.20) for a Pod without init containers. */
    static String phase(PodSpec spec, List<ContainerStatus> statuses) {
        int unknown = 0;
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (Container c : spec.getContainers()) {
            Optional<ContainerStatus> found = find(statuses, c.getName());
            ContainerState state = found.map(ContainerStatus::getState).orElse(null);
            if (state == null) {
                unknown++;
            } else if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null) {
                stopped++;
                if (state.getTerminated().getExitCode() != null && state.getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (state.getWaiting() != null) {
                ContainerState last = found.get().getLastState();
                if (last != null && last.getTerminated() != null) {
                    stopped++;
                } else {
                    waiting++;
                }
            } else {
                unknown++;
            }
        }
        String restartPolicy = Objects.requireNonNullElse(spec.getRestartPolicy(), "Always");
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0 && unknown == 0) {
            return "Running";
        }
        if (running == 0 && stopped > 0 && unknown == 0) {
            if (restartPolicy.equals("Always")) {
                return "Running";
            }
            if (stopped == succeeded) {
                return "Succeeded";
            }
            return restartPolicy.equals("Never") ? "Failed" : "Running";
        }
        return "Pending";
    }

    /** The conditions kubelet writes, in its order: Initialized, Ready, ContainersReady, PodScheduled. */
    static List<PodCondition> kubeletConditions(Pod pod, List<ContainerStatus> statuses, String phase, Instant now) {
        List<PodCondition> old = pod.getStatus() == null ? List.of() : pod.getStatus().getConditions();
        List<String> unready = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (!find(statuses, c.getName()).map(s -> Boolean.TRUE.equals(s.getReady())).orElse(false)) {
                unready.add(c.getName());
            }
        }
        boolean completed = phase.equals("Succeeded") || phase.equals("Failed");
        String reason = completed ? "PodCompleted" : unready.isEmpty() ? null : "ContainersNotReady";
        String message = completed || unready.isEmpty() ? null
                : "containers with unready status: [" + String.join(" ", unready) + "]";
        String ready = !completed && unready.isEmpty() ? "True" : "False";
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "Initialized", "True", null, null, now));
        conditions.add(condition(old, "Ready", ready, reason, message, now));
        conditions.add(condition(old, "ContainersReady", ready, reason, message, now));
        conditions.add(condition(old, "PodScheduled", "True", null, null, now));
        return conditions;
    }

    /** A condition that keeps its lastTransitionTime unless its status changes. */
    static PodCondition condition(List<PodCondition> old, String type, String status, String reason, String message,
            Instant now) {
        String since = old.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(KubeTime.time(now));
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(since)
                .build();
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static boolean isReady(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    static Optional<ContainerStatus> find(List<ContainerStatus> statuses, String name) {
        return statuses == null ? Optional.empty()
                : statuses.stream().filter(s -> name.equals(s.getName())).findFirst();
    }

    /** The QoS class the API server assigns at creation. */
    static String qosClass(PodSpec spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : spec.getContainers()) {
            Map<String, Quantity> requests = requests(c.getResources());
            Map<String, Quantity> limits = limits(c.getResources());
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = requests.getOrDefault(resource, limits.get(resource));
                Quantity limit = limits.get(resource);
                any |= request != null || limit != null;
                if (limit == null || request == null || amount(request).compareTo(amount(limit)) != 0) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    /** The Pod's request of a resource as the scheduler counts it (a limit stands in for a missing request). */
    static BigDecimal request(PodSpec spec, String resource) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : spec.getContainers()) {
            Quantity q = requests(c.getResources()).getOrDefault(resource, limits(c.getResources()).get(resource));
            if (q != null) {
                sum = sum.add(amount(q));
            }
        }
        return sum;
    }

    static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
    }

    private static Map<String, Quantity> requests(ResourceRequirements resources) {
        return resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
    }

    private static Map<String, Quantity> limits(ResourceRequirements resources) {
        return resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
    }
}
