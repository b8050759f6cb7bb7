package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Event;

import java.time.Instant;

/**
 * One line of the Events table of {@code kubectl describe}: Type, Reason, Age, From, Message. Age is
 * {@code 25s}, or {@code 25s (x4 over 112s)} for an event the API folded repeats into.
 */
public record EventRow(String type, String reason, String age, String from, String message) {

    /** The row as {@code DescribeEvents} in {@code k8s.io/kubectl/pkg/describe} prints it at {@code now}. */
    public static EventRow of(Event event, Instant now) {
        String first = HumanDuration.since(Events.firstSeen(event), now);
        String age;
        if (event.getSeries() != null) {
            age = repeated(Timestamps.parse(event.getSeries().getLastObservedTime()), event.getSeries().getCount(),
                    first, now);
        } else if (event.getCount() != null && event.getCount() > 1) {
            age = repeated(Timestamps.parse(event.getLastTimestamp()), event.getCount(), first, now);
        } else {
            age = first;
        }
        return new EventRow(event.getType(), event.getReason(), age, Events.from(event),
                Pods.orEmpty(event.getMessage()).strip());
    }

    private static String repeated(Instant last, Integer count, String first, Instant now) {
        return HumanDuration.since(last, now) + " (x" + (count == null ? 0 : count) + " over " + first + ")";
    }
}
