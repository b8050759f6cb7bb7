package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Events as {@code kubectl describe} selects, orders and shows them. Both shapes of Event are read: the core
 * one ({@code firstTimestamp}, {@code lastTimestamp}, {@code count}, {@code source}) that the kubelet writes, and
 * the {@code events.k8s.io} one ({@code eventTime}, {@code series}, {@code reportingComponent}) that the
 * scheduler writes.
 */
public final class Events {

    /**
     * kubectl's order: by {@code lastTimestamp} alone, so events without one (the scheduler's
     * {@code events.k8s.io} events) come first.
     */
    public static final Comparator<Event> KUBECTL_ORDER =
            Comparator.comparing(e -> Timestamps.parse(e.getLastTimestamp()), Timestamps.UNKNOWN_FIRST);

    /** Oldest first, by when each event was last seen ({@link #lastSeen}). */
    public static final Comparator<Event> CHRONOLOGICAL = Comparator.comparing(Events::lastSeen, Timestamps.UNKNOWN_FIRST);

    private Events() {
    }

    /**
     * The events about this Pod: involved object of kind Pod with its name, in its namespace, and with its
     * uid when both carry one, so events of an earlier Pod of the same name are left out.
     */
    public static List<Event> forPod(Collection<Event> all, Pod pod) {
        return all.stream()
                .filter(Objects::nonNull)
                .filter(e -> isAbout(e.getInvolvedObject(), pod))
                .toList();
    }

    /** The Events table of {@code kubectl describe pod} at {@code now}, in kubectl's order. */
    public static List<EventRow> describeRows(Collection<Event> events, Instant now) {
        return sorted(events).stream().map(e -> EventRow.of(e, now)).toList();
    }

    /** The events in kubectl's order (a stable sort, as Go's is for the few events of one Pod). */
    public static List<Event> sorted(Collection<Event> events) {
        return events.stream().sorted(KUBECTL_ORDER).toList();
    }

    /** The events oldest first, by when each was last seen. */
    public static List<Event> chronological(Collection<Event> events) {
        return events.stream().sorted(CHRONOLOGICAL).toList();
    }

    /** The event last seen of those that match. */
    public static Optional<Event> latest(Collection<Event> events, Predicate<Event> matching) {
        return chronological(events).stream().filter(matching).reduce((earlier, later) -> later);
    }

    /** When the event was last seen: {@code series.lastObservedTime}, else {@code lastTimestamp}, else {@code eventTime}. */
    public static Instant lastSeen(Event event) {
        if (event.getSeries() != null) {
            return Timestamps.parse(event.getSeries().getLastObservedTime());
        }
        Instant last = Timestamps.parse(event.getLastTimestamp());
        return last != null ? last : Timestamps.parse(event.getEventTime());
    }

    /** When the event was first seen: {@code eventTime}, else {@code firstTimestamp}. */
    public static Instant firstSeen(Event event) {
        Instant eventTime = Timestamps.parse(event.getEventTime());
        return eventTime != null ? eventTime : Timestamps.parse(event.getFirstTimestamp());
    }

    /** The From column: {@code source.component}, else {@code reportingComponent}. */
    public static String from(Event event) {
        String component = event.getSource() == null ? null : event.getSource().getComponent();
        return Pods.isBlank(component) ? Pods.orEmpty(event.getReportingComponent()) : component;
    }

    private static boolean isAbout(ObjectReference object, Pod pod) {
        return object != null
                && "Pod".equals(object.getKind())
                && Objects.equals(object.getName(), Pods.name(pod))
                && sameWhereKnown(object.getNamespace(), pod.getMetadata().getNamespace())
                && sameWhereKnown(object.getUid(), pod.getMetadata().getUid());
    }

    private static boolean sameWhereKnown(String a, String b) {
        return Pods.isBlank(a) || Pods.isBlank(b) || a.equals(b);
    }
}
