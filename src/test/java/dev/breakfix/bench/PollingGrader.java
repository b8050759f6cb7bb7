package dev.breakfix.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.Workload;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.Checks;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.progress.Progress;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The BASELINE: grading the way per-learner verify scripts and polling pages do it, with a fresh read of
 * the API server for every call (namespace, Pods, events, ReplicaSets and, for a Deployment, the
 * Deployment), then the same {@link Diagnoser} and {@link Checks} as Breakfix's grader. No cache, no
 * watch.
 */
final class PollingGrader {

    /** What a grade found: the outcome of the checks, and the diagnosis of every Pod. */
    record Result(Checks.Outcome outcome, List<PodDiagnosis> pods, Progress progress) {
    }

    private final KubernetesClient client;
    private final Catalog catalog;
    private final BreakfixConfig config;
    private final Clock clock;

    PollingGrader(KubernetesClient client, Catalog catalog, BreakfixConfig config, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** A grade: namespace, Pods, events, ReplicaSets (and Deployment) read afresh; {@code record} patches progress. */
    Result grade(LabKey lab, boolean record) {
        Scenario scenario = catalog.get(lab.scenario());
        Workload workload = scenario.workload();
        String namespace = lab.namespace();
        Namespace ns = client.namespaces().withName(namespace).get();
        if (ns == null) {
            throw new LabNotFoundException(lab);
        }
        List<Pod> pods = sorted(client.pods().inNamespace(namespace).list().getItems());
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
        List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(namespace).list().getItems();
        Deployment deployment = workload.kind() == Workload.Kind.Deployment
                ? client.apps().deployments().inNamespace(namespace).withName(workload.name()).get()
                : null;
        Instant now = clock.instant();

        Optional<Pod> target = target(workload, deployment, replicaSets, pods);
        List<PodDiagnosis> diagnoses = new ArrayList<>();
        for (Pod pod : pods) {
            diagnoses.add(Diagnoser.diagnose(pod, Events.forPod(events, pod), now));
        }
        PodDiagnosis targetDiagnosis = target.map(p -> diagnoses.get(pods.indexOf(p)))
                .orElseGet(() -> Diagnoser.missing(workload.name()));
        if (target.isEmpty()) {
            diagnoses.add(0, targetDiagnosis);
        }
        String missing = workload.kind() == Workload.Kind.Pod ? "There is no Pod named " + workload.name() + "."
                : deployment == null ? "There is no Deployment named " + workload.name() + "."
                        : "Deployment " + workload.name() + " has no Pod.";
        Checks.Outcome outcome = Checks.evaluate(workload, target, missing, targetDiagnosis, config.images().overrides(),
                config.grading().stabilityWindow(), now);
        Progress progress = Progress.fromAnnotations(ns.getMetadata().getAnnotations());
        if (record) {
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put(BreakfixLabels.ATTEMPTS, Integer.toString(progress.attempts() + 1));
            changes.put(BreakfixLabels.LAST_GRADE, outcome.passed() + " " + outcome.score() + "/" + outcome.maxScore() + " " + now);
            client.namespaces().withName(namespace).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("metadata", Map.of("annotations", changes))));
        }
        return new Result(outcome, List.copyOf(diagnoses), progress);
    }

    /** What a polling lab page reads to show the lab: the namespace, its Pods and events, diagnosed. */
    List<PodDiagnosis> view(LabKey lab) {
        String namespace = lab.namespace();
        Namespace ns = client.namespaces().withName(namespace).get();
        if (ns == null) {
            throw new LabNotFoundException(lab);
        }
        List<Pod> pods = sorted(client.pods().inNamespace(namespace).list().getItems());
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
        Instant now = clock.instant();
        List<PodDiagnosis> diagnoses = new ArrayList<>(pods.size());
        for (Pod pod : pods) {
            diagnoses.add(Diagnoser.diagnose(pod, Events.forPod(events, pod), now));
        }
        return diagnoses;
    }

    private static Optional<Pod> target(Workload workload, Deployment deployment, List<ReplicaSet> replicaSets,
            List<Pod> pods) {
        if (workload.kind() == Workload.Kind.Pod) {
            return pods.stream().filter(p -> p.getMetadata().getName().equals(workload.name())).findFirst();
        }
        if (deployment == null) {
            return Optional.empty();
        }
        Set<String> owned = replicaSets.stream()
                .filter(rs -> ownedBy(rs, "Deployment", workload.name()))
                .map(rs -> rs.getMetadata().getName())
                .collect(Collectors.toSet());
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "ReplicaSet".equals(o.getKind()) && owned.contains(o.getName())))
                .max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()));
    }

    private static boolean ownedBy(HasMetadata o, String kind, String name) {
        return o.getMetadata().getOwnerReferences() != null && o.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> kind.equals(r.getKind()) && name.equals(r.getName()));
    }

    private static List<Pod> sorted(List<Pod> pods) {
        return pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }
}
