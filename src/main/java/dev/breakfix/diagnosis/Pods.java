package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Null-safe reads of a Pod as the API server returns it, where any part of the status may be absent. */
final class Pods {

    private Pods() {
    }

    static String name(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getName();
    }

    static PodSpec spec(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }

    static <T> T status(Pod pod, Function<PodStatus, T> field) {
        return pod.getStatus() == null ? null : field.apply(pod.getStatus());
    }

    static List<ContainerStatus> containerStatuses(Pod pod) {
        return list(status(pod, PodStatus::getContainerStatuses));
    }

    static List<ContainerStatus> initContainerStatuses(Pod pod) {
        return list(status(pod, PodStatus::getInitContainerStatuses));
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        return list(status(pod, PodStatus::getConditions)).stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst();
    }

    static boolean isTrue(Pod pod, String conditionType) {
        return condition(pod, conditionType).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** The container's state; a container without one waits, as the kubelet defaults it. */
    static ContainerState state(ContainerStatus container) {
        return container.getState() == null ? new ContainerState() : container.getState();
    }

    /** The container's previous termination, if it has restarted. */
    static ContainerStateTerminated lastTerminated(ContainerStatus container) {
        return container.getLastState() == null ? null : container.getLastState().getTerminated();
    }

    static int restartCount(ContainerStatus container) {
        return container.getRestartCount() == null ? 0 : container.getRestartCount();
    }

    static int exitCode(ContainerStateTerminated terminated) {
        return terminated.getExitCode() == null ? 0 : terminated.getExitCode();
    }

    /** Whether an init container is a sidecar: restartPolicy Always, started before and kept beside the containers. */
    static boolean isSidecar(Container initContainer) {
        return initContainer != null && "Always".equals(initContainer.getRestartPolicy());
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
