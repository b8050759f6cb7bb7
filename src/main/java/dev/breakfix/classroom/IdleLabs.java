package dev.breakfix.classroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.access.LearnerHome;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.Timestamps;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import dev.breakfix.terminal.ToolboxPods;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes labs nobody has used for {@code breakfix.classroom.idle-timeout} (off unless set), as a {@code delete}
 * operation that shows in the operation list with each lab's last activity.
 *
 * <p>
 * A lab's last activity is the latest time the cluster records for it, read from the cache: its start, its last
 * grade and first pass, the learner's last use of its pages and tools ({@code breakfix.dev/last-activity}), the
 * creation of any Pod or ReplicaSet in it (what {@code kubectl apply}, {@code edit} or {@code delete} by the
 * learner leads to), the namespace's own creation, and the learner's terminal (the toolbox's
 * {@code breakfix.dev/last-active} in the learner's home).
 */
@ApplicationScoped
public class IdleLabs {

    private static final Logger LOG = Logger.getLogger(IdleLabs.class);

    private final ClusterState cluster;
    private final Catalog catalog;
    private final ClassOperations operations;
    private final ClassroomConfig config;
    private final Clock clock;
    private volatile BulkOperation last;

    public IdleLabs(ClusterState cluster, Catalog catalog, ClassOperations operations, ClassroomConfig config, Clock clock) {
        this.cluster = cluster;
        this.catalog = catalog;
        this.operations = operations;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${breakfix.classroom.idle-check-interval:1m}", delayed = "${breakfix.classroom.idle-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "breakfix-idle-labs")
    void check() {
        if (config.idleTimeout().isEmpty() || !cluster.ready()) {
            return;
        }
        BulkOperation previous = last;
        if (previous != null && previous.running()) {
            return;
        }
        try {
            clean(config.idleTimeout().get()).ifPresent(op -> last = op);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Idle clean-up failed; trying again in %s", config.idleCheckInterval());
        }
    }

    /** Starts deleting every lab idle for longer than {@code timeout}; empty when there is none. */
    Optional<BulkOperation> clean(Duration timeout) {
        Instant now = clock.instant();
        List<BulkOperation.Item> idle = new ArrayList<>();
        for (Namespace ns : cluster.labNamespaces()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            String learner = labels == null ? null : labels.get(BreakfixLabels.LEARNER);
            String scenario = labels == null ? null : labels.get(BreakfixLabels.SCENARIO);
            if (learner == null || scenario == null || ns.getMetadata().getDeletionTimestamp() != null
                    || catalog.find(scenario).isEmpty()) {
                continue;
            }
            Instant activity = lastActivity(ns, learner);
            if (activity != null && Duration.between(activity, now).compareTo(timeout) > 0) {
                Map<String, String> a = ns.getMetadata().getAnnotations();
                LearnerId id = LearnerId.restored(a == null ? null : a.get(BreakfixLabels.LEARNER_ID), learner);
                idle.add(new BulkOperation.Item(new LabKey(id, scenario), "idle since " + activity));
            }
        }
        if (idle.isEmpty()) {
            return Optional.empty();
        }
        LOG.infof("Deleting %d labs idle for more than %s", idle.size(), timeout);
        return Optional.of(operations.run(Action.DELETE, idle));
    }

    /** The latest moment the cluster records any use of the lab. */
    Instant lastActivity(Namespace ns, String learner) {
        String namespace = ns.getMetadata().getName();
        Map<String, String> a = ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations();
        Progress p = Progress.fromAnnotations(a);
        Stream<Instant> recorded = Stream.of(
                p.startedAt(),
                p.passedAt().orElse(null),
                p.lastGrade().map(Progress.LastGrade::at).orElse(null),
                parse(a.get(BreakfixLabels.LAST_ACTIVITY)),
                created(ns));
        Stream<Instant> objects = Stream.concat(cluster.pods(namespace).stream(), cluster.replicaSets(namespace).stream())
                .map(IdleLabs::created);
        Stream<Instant> terminal = cluster.pod(LearnerHome.NAMESPACE_PREFIX + learner, ToolboxPods.POD).stream()
                .map(pod -> pod.getMetadata().getAnnotations() == null ? null
                        : parse(pod.getMetadata().getAnnotations().get(ToolboxPods.LAST_ACTIVE)));
        return Stream.of(recorded, objects, terminal).flatMap(s -> s)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private static Instant created(HasMetadata o) {
        return parse(o.getMetadata().getCreationTimestamp());
    }

    private static Instant parse(String s) {
        try {
            return s == null ? null : Timestamps.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
