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

/**
 * Lines of evidence, worded like {@code kubectl describe}: events, container states, conditions, requests; as
 * {@link Msg}s, so that they can be put into the learner's language.
 */
final class Evidence {

    private static final int MAX_EVENT_LINES = 3;

    private Evidence() {
    }

    /** {@code Warning FailedScheduling: 0/1 nodes are available: ...} */
    static Msg event(Event event) {
        return Msg.of("ev.event", event.getType(), event.getReason(), Pods.orEmpty(event.getMessage()).strip());
    }

    /** The distinct lines of the relevant events, the most recent first; {@code events} are oldest first. */
    static List<Msg> events(List<Event> events, Predicate<Event> relevant) {
        LinkedHashSet<Msg> lines = new LinkedHashSet<>();
        for (int i = events.size() - 1; i >= 0 && lines.size() < MAX_EVENT_LINES; i--) {
            if (relevant.test(events.get(i))) {
                lines.add(event(events.get(i)));
            }
        }
        return List.copyOf(lines);
    }

    /** {@code PodScheduled=False (Unschedulable): message} */
    static Msg condition(PodCondition condition) {
        return Msg.of("ev.condition", condition.getType(), condition.getStatus(),
                (Pods.isBlank(condition.getReason()) ? "" : " (" + condition.getReason() + ")")
                        + (Pods.isBlank(condition.getMessage()) ? "" : ": " + condition.getMessage()));
    }

    /** What the container does now and, if it ran before, how its last run ended. */
    static List<Msg> container(String name, ContainerStatus status, Instant now) {
        if (status == null) {
            return List.of(Msg.of("ev.container.notCreated", name));
        }
        List<Msg> lines = new ArrayList<>();
        ContainerState state = Pods.state(status);
        if (state.getRunning() != null) {
            lines.add(Msg.of(Boolean.TRUE.equals(status.getReady()) ? "ev.container.runningReady" : "ev.container.runningNotReady",
                    name, HumanDuration.since(Timestamps.parse(state.getRunning().getStartedAt()), now)));
        } else if (state.getTerminated() != null) {
            lines.add(Msg.of("ev.container.terminated", name, ending(state.getTerminated())));
        } else if (state.getWaiting() != null && !Pods.isBlank(state.getWaiting().getReason())) {
            lines.add(Msg.of("ev.container.waitingReason", name, state.getWaiting().getReason()
                    + (Pods.isBlank(state.getWaiting().getMessage()) ? "" : ": " + state.getWaiting().getMessage())));
        } else {
            lines.add(Msg.of("ev.container.waiting", name));
        }
        ContainerStateTerminated last = Pods.lastTerminated(status);
        if (last != null) {
            lines.add(Msg.of("ev.container.lastTerminated", name,
                    HumanDuration.since(Timestamps.parse(last.getFinishedAt()), now), ending(last), Pods.restartCount(status)));
        }
        return lines;
    }

    /** {@code Node-Selectors: purpose=special}, as describe prints them, or nothing. */
    static List<Msg> nodeSelector(Pod pod) {
        Map<String, String> selector = Pods.spec(pod).getNodeSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return List.of(Msg.of("ev.nodeSelectors", selector.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","))));
    }

    /** {@code Requests cpu: sleep=2, sleep2=2}, or nothing when no container requests {@code resource}. */
    static List<Msg> requests(Pod pod, String resource) {
        String requests = Pods.list(Pods.spec(pod).getContainers()).stream()
                .map(c -> request(c, resource))
                .filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        return requests.isEmpty() ? List.of() : List.of(Msg.of("ev.requests", resource, requests));
    }

    private static String request(Container container, String resource) {
        if (container.getResources() == null || container.getResources().getRequests() == null) {
            return null;
        }
        Quantity quantity = container.getResources().getRequests().get(resource);
        return quantity == null ? null : container.getName() + "=" + quantity;
    }

    /** {@code Error, exit code 139 (SIGSEGV)} */
    static Msg ending(ContainerStateTerminated terminated) {
        return Msg.of("ev.ending", Pods.isBlank(terminated.getReason()) ? "" : terminated.getReason() + ", ",
                exit(Pods.exitCode(terminated), Signals.of(terminated.getExitCode(), terminated.getSignal())));
    }

    /** {@code exit code 139 (SIGSEGV)}, or {@code exit code 1} when {@code signal} is null. */
    static Msg exit(int exitCode, String signal) {
        return signal == null ? Msg.of("ev.exit", Integer.toString(exitCode))
                : Msg.of("ev.exitSignal", Integer.toString(exitCode), signal);
    }

    /** A line of text the cluster (or a container's log) wrote, shown as it is. */
    static Msg verbatim(String line) {
        return Msg.of("ev.verbatim", line);
    }
}
