package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Pod without a node. The scheduler's verdict is in the PodScheduled condition (v1.20 writes the full
 * message there: {@code False}, reason {@code Unschedulable}) and in FailedScheduling events.
 */
final class Scheduling {

    private static final Predicate<Event> FAILED_SCHEDULING = e -> "FailedScheduling".equals(e.getReason());

    private Scheduling() {
    }

    /** @param events the Pod's events, oldest first */
    static Finding finding(Pod pod, List<Event> events) {
        Optional<PodCondition> scheduled = Pods.condition(pod, "PodScheduled");
        Optional<Event> failed = Events.latest(events, FAILED_SCHEDULING);
        boolean unschedulable = scheduled
                .map(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                .orElse(false);
        if (!unschedulable && failed.isEmpty()) {
            String reason = scheduled.map(PodCondition::getReason).filter(r -> !Pods.isBlank(r)).orElse("Pending");
            return Finding.ofPod(PodState.Unknown, reason, "The scheduler has not assigned the Pod to a node yet",
                    scheduled.map(Evidence::condition).stream().toList());
        }
        String message = scheduled.map(PodCondition::getMessage).filter(m -> !Pods.isBlank(m))
                .orElseGet(() -> Pods.orEmpty(failed.map(Event::getMessage).orElse(null)).strip());
        String reason = SchedulerMessage.reason(message);

        List<Msg> evidence = new ArrayList<>(Evidence.events(events, FAILED_SCHEDULING));
        if (evidence.isEmpty()) {
            scheduled.map(Evidence::condition).ifPresent(evidence::add);
        }
        if (SchedulerMessage.isSelector(reason)) {
            evidence.addAll(Evidence.nodeSelector(pod));
        }
        for (String part : reason.split(", ")) {
            if (part.startsWith("Insufficient ")) {
                evidence.addAll(Evidence.requests(pod, part.substring("Insufficient ".length())));
            }
        }
        return Finding.ofPod(PodState.Unschedulable, reason, message, evidence);
    }
}
