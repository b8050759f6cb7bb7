package dev.breakfix.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Adds to the workload's diagnosis the dead ends the learner has run into ({@link DeadEnds}), and says whether
 * the learner has opened a hint (then the next step may be specific). Reads the cache only.
 */
@ApplicationScoped
public class Coach {

    private final ClusterState cluster;

    public Coach(ClusterState cluster) {
        this.cluster = cluster;
    }

    /**
     * @param deployment the workload's Deployment name, null when the workload is a bare Pod
     * @param target     the workload's Pod, if there is one
     */
    public PodDiagnosis coach(String namespace, PodDiagnosis workload, Optional<Pod> target, String deployment, Instant now) {
        if (target.isEmpty()) {
            return workload;
        }
        Deployment d = deployment == null ? null : cluster.deployment(namespace, deployment).orElse(null);
        Map<String, String> annotations = cluster.labNamespace(namespace)
                .map(ns -> ns.getMetadata().getAnnotations()).orElse(Map.of());
        List<DeadEnd> found = DeadEnds.find(target.get(), d, deployment == null ? List.of() : cluster.replicaSets(namespace),
                deployment == null ? List.of() : cluster.events(namespace), cluster.nodes(), annotations, now);
        return found.isEmpty() ? workload : workload.withDeadEnds(found);
    }

    /** True once the learner has revealed a hint of this lab: the next step may then be specific. */
    public static boolean hintsOpened(Namespace ns) {
        Map<String, String> annotations = ns == null || ns.getMetadata() == null ? null : ns.getMetadata().getAnnotations();
        try {
            return annotations != null && Integer.parseInt(annotations.getOrDefault(BreakfixLabels.HINTS_USED, "0")) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
