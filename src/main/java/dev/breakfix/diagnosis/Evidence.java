package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Lines of evidence, worded like {@code kubectl describe}: events, container states, conditions, requests. */
final class Evidence {

    private static final int MAX_EVENT_LINES = 3;

    private Evidence() {
    }

    /** {@code Warning FailedScheduling: 0/1 nodes are available: ...} */
    static String event(Event event) {
        return event.getType() + " " + event.getReason() + ": " + Pods.orEmpty(event.getMessage()).strip();
    }

    /** The distinct lines of the relevant events, the most recent first; {@code events} are oldest first. */
    static List<String> events(List<Event> events, Predicate<Event> relevant) {
        LinkedHashSet<String> lines = new LinkedHashSet<>();
        for (int i = events.size() - 1; i >= 0 && lines.size() < MAX_EVENT_LINES; i--) {
            if (relevant.test(events.get(i))) {
                lines.add(event(events.get(i)));
            }
        }
        return List.copyOf(lines);
    }

    /** {@code PodScheduled=False (Unschedulable): message} */
    static String condition(PodCondition condition) {
        return condition.getType() + "=" + condition.getStatus()
                + (Pods.isBlank(condition.getReason()) ? "" : " (" + condition.getReason() + ")")
                + (Pods.isBlank(condition.getMessage()) ? "" : ": " + condition.getMessage());
    }

    /** What the container does now and, if it ran before, how its last run ended. */
    static List<String> container(String name, ContainerStatus status, Instant now) {
        if (status == null) {
            return List.of("Container " + name + " has not been created yet");
        }
        List<String> lines = new ArrayList<>();
        ContainerState state = Pods.state(status);
        if (state.getRunning() != null) {
            lines.add("Container " + name + " running for "
                    + HumanDuration.since(Timestamps.parse(state.getRunning().getStartedAt()), now)
                    + (Boolean.TRUE.equals(status.getReady()) ? ", ready" : ", not ready"));
        } else if (state.getTerminated() != null) {
            lines.add("Container " + name + " terminated: " + ending(state.getTerminated()));
        } else if (state.getWaiting() != null && !Pods.isBlank(state.getWaiting().getReason())) {
            lines.add("Container " + name + " waiting: " + state.getWaiting().getReason()
                    + (Pods.isBlank(state.getWaiting().getMessage()) ? "" : ": " + state.getWaiting().getMessage()));
        } else {
            lines.add("Container " + name + " waiting");
        }
        ContainerStateTerminated last = Pods.lastTerminated(status);
        if (last != null) {
            lines.add("Container " + name + " last terminated "
                    + HumanDuration.since(Timestamps.parse(last.getFinishedAt()), now) + " ago: " + ending(last)
                    + "; restarted " + Pods.restartCount(status) + (Pods.restartCount(status) == 1 ? " time" : " times"));
        }
        return lines;
    }

    /** {@code Node-Selectors: purpose=special}, as describe prints them, or nothing. */
    static List<String> nodeSelector(Pod pod) {
        Map<String, String> selector = Pods.spec(pod).getNodeSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return List.of("Node-Selectors: " + selector.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
    }

    /** {@code Requests cpu: sleep=2, sleep2=2}, or nothing when no container requests {@code resource}. */
    static List<String> requests(Pod pod, String resource) {
        String requests = Pods.list(Pods.spec(pod).getContainers()).stream()
                .map(c -> request(c, resource))
                .filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        return requests.isEmpty() ? List.of() : List.of("Requests " + resource + ": " + requests);
    }

    private static String request(Container container, String resource) {
        if (container.getResources() == null || container.getResources().getRequests() == null) {
            return null;
        }
        Quantity quantity = container.getResources().getRequests().get(resource);
        return quantity == null ? null : container.getName() + "=" + quantity;
    }

    private static String ending(ContainerStateTerminated terminated) {
        return (Pods.isBlank(terminated.getReason()) ? "" : terminated.getReason() + ", ")
                + Signals.describeExit(Pods.exitCode(terminated), Signals.of(terminated.getExitCode(), terminated.getSignal()));
    }
}
