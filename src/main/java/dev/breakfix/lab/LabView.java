package dev.breakfix.lab;

import java.time.Instant;
import java.util.List;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.progress.Progress;

/** A lab as learners, instructors and graders see it: progress from the namespace, Pods from the cache. */
public record LabView(
        String learner,
        String learnerName,
        String scenario,
        String title,
        String namespace,
        Instant startedAt,
        int attempts,
        Instant passedAt,
        Progress.LastGrade lastGrade,
        NodeLabel nodeLabel,
        List<String> labelledNodes,
        List<PodDiagnosis> pods,
        List<dev.breakfix.timeline.PodTimeline> timelines) {

    /** A view without timelines. */
    public LabView(String learner, String learnerName, String scenario, String title, String namespace,
            Instant startedAt, int attempts, Instant passedAt, Progress.LastGrade lastGrade, NodeLabel nodeLabel,
            List<String> labelledNodes, List<PodDiagnosis> pods) {
        this(learner, learnerName, scenario, title, namespace, startedAt, attempts, passedAt, lastGrade, nodeLabel,
                labelledNodes, pods, List.of());
    }

    /** The learner's own node label for nginx-selector. */
    public record NodeLabel(String key, String value) {
    }
}
