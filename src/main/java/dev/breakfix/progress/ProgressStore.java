package dev.breakfix.progress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Keeps progress on the lab's namespace as annotations, so a restarted server (or a second replica)
 * sees every learner's labs and grades as before. Reads come from the cache; writes are JSON merge
 * patches of the annotations alone.
 */
@ApplicationScoped
public class ProgressStore {

    private final KubernetesClient client;

    public ProgressStore(KubernetesClient client) {
        this.client = client;
    }

    public Progress read(Namespace ns) {
        return Progress.fromAnnotations(ns.getMetadata().getAnnotations());
    }

    /** Counts a grade and records its outcome; the first pass is kept as passed-at. */
    public Progress recordGrade(String namespace, Progress before, Progress.LastGrade grade) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(BreakfixLabels.ATTEMPTS, Integer.toString(before.attempts() + 1));
        changes.put(BreakfixLabels.LAST_GRADE, Progress.format(grade));
        if (grade.passed() && before.passedAt().isEmpty()) {
            changes.put(BreakfixLabels.PASSED_AT, grade.at().toString());
        }
        patchAnnotations(namespace, changes);
        return new Progress(before.startedAt(), before.attempts() + 1,
                before.passedAt().or(() -> grade.passed() ? java.util.Optional.of(grade.at()) : java.util.Optional.empty()),
                java.util.Optional.of(grade), before.injected(), before.hintsUsed());
    }

    public void markStarted(String namespace, Instant at) {
        patchAnnotations(namespace, Map.of(BreakfixLabels.STARTED_AT, at.toString()));
    }

    /** Records that the learner used the lab at {@code at} (the idle clean-up reads it). */
    public void markActive(String namespace, Instant at) {
        patchAnnotations(namespace, Map.of(BreakfixLabels.LAST_ACTIVITY, at.toString()));
    }

    /** Records how many hints the learner has revealed. */
    public void recordHintsUsed(String namespace, int count) {
        patchAnnotations(namespace, Map.of(BreakfixLabels.HINTS_USED, Integer.toString(count)));
    }

    /** Remembers the last refused change the learner should be coached on ({@code value} null removes it). */
    public void recordAnnotation(String namespace, String key, String value) {
        Map<String, String> change = new java.util.HashMap<>();
        change.put(key, value);
        patchAnnotations(namespace, change);
    }

    /**
     * Keeps the answers to the lab's questions (JSON, in their own annotation) and, when an answer adds points, the
     * last grade with its new score.
     */
    public void recordAnswers(String namespace, String annotation, String answersJson,
            java.util.Optional<Progress.LastGrade> lastGrade) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(annotation, answersJson);
        lastGrade.ifPresent(g -> changes.put(BreakfixLabels.LAST_GRADE, Progress.format(g)));
        patchAnnotations(namespace, changes);
    }

    /** Removes an annotation (a reset forgets the answers to the lab's questions). */
    public void removeAnnotation(String namespace, String annotation) {
        Map<String, String> remove = new java.util.HashMap<>();
        remove.put(annotation, null);
        patchAnnotations(namespace, remove);
    }

    /** One PATCH request: {@code resource(...)} names the namespace, where {@code withName(...)} would GET it first. */
    void patchAnnotations(String namespace, Map<String, String> annotations) {
        String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations)));
        Namespace target = new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
                .endMetadata().build();
        client.namespaces().resource(target).patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                patch);
    }
}
