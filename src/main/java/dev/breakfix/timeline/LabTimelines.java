package dev.breakfix.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Workload;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.Events;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/** The timelines of a lab's Pods, from the cluster cache only. */
@ApplicationScoped
@Named("labTimelines")
public class LabTimelines {

    private final ClusterState cluster;
    private final Catalog catalog;
    private final Clock clock;

    public LabTimelines(ClusterState cluster, Catalog catalog, Clock clock) {
        this.cluster = cluster;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Every Pod of the namespace, oldest first. */
    public List<PodTimeline> of(String namespace) {
        Instant now = clock.instant();
        List<Event> events = cluster.events(namespace);
        return cluster.pods(namespace).stream()
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(p -> BackoffTimelines.of(p, Events.forPod(events, p), now))
                .toList();
    }

    /** The timeline of the workload's Pod (the named Pod, or the Deployment's newest live Pod), if there is one. */
    public Optional<PodTimeline> workload(String namespace, String scenario) {
        Workload w = catalog.get(scenario).workload();
        List<Pod> pods = cluster.pods(namespace);
        Optional<Pod> pod = w.kind() == Workload.Kind.Pod
                ? pods.stream().filter(p -> p.getMetadata().getName().equals(w.name())).findFirst()
                : pods.stream()
                        .filter(p -> p.getMetadata().getName().startsWith(w.name() + "-"))
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
                                Comparator.nullsFirst(Comparator.naturalOrder())));
        Instant now = clock.instant();
        List<Event> events = cluster.events(namespace);
        return pod.map(p -> BackoffTimelines.of(p, Events.forPod(events, p), now));
    }

    /** The chart of the workload's Pod, for the lab page; null when there is nothing to draw. */
    public TimelineChart chart(String namespace, String scenario) {
        return workload(namespace, scenario).map(TimelineChart::of).orElse(null);
    }

    /**
     * The same in a page's language, a tag such as {@code en} or {@code zh-CN} (the page's {@code msg:htmlLang});
     * English for anything else.
     */
    public TimelineChart chartIn(String namespace, String scenario, String language) {
        return chart(namespace, scenario, language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
    }

    /** The same in {@code locale}. */
    public TimelineChart chart(String namespace, String scenario, Locale locale) {
        return workload(namespace, scenario).map(t -> TimelineChart.of(t, locale)).orElse(null);
    }
}
