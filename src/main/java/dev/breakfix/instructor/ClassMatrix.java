package dev.breakfix.instructor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.grading.Grader;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * The class at a glance, computed from the cache only: every learner (anyone with a lab namespace or a home
 * namespace; never preflight's scratch learners) and, per scenario, the live state of their lab. A passed lab is one graded passed (its pass is
 * kept on the namespace), or one whose fix passes every check right now.
 */
@ApplicationScoped
public class ClassMatrix {

    /** A lab namespace read back from its labels. */
    public record LabRef(String namespace, LearnerId learner, Scenario scenario) {
    }

    private final ClusterState cluster;
    private final Catalog catalog;
    private final Grader grader;
    private final BreakfixConfig config;

    public ClassMatrix(ClusterState cluster, Catalog catalog, Grader grader, BreakfixConfig config) {
        this.cluster = cluster;
        this.catalog = catalog;
        this.grader = grader;
        this.config = config;
    }

    public List<Matrix.Column> columns() {
        return catalog.all().stream().map(s -> new Matrix.Column(s.id(), s.title())).toList();
    }

    /** Every learner of the class ({@link ClusterState#learners()}): name (the cluster's) to the id as typed, by id. */
    public Map<String, String> learners() {
        Map<String, String> result = new LinkedHashMap<>();
        cluster.learners().forEach(l -> result.put(l.name(), l.id()));
        return result;
    }

    /** The whole matrix now. */
    public Matrix snapshot() {
        List<Scenario> scenarios = catalog.all();
        Map<String, Map<String, MatrixCell>> cells = new TreeMap<>();
        for (Namespace ns : cluster.labNamespaces()) {
            lab(ns).ifPresent(ref -> cells.computeIfAbsent(ref.learner().name(), k -> new LinkedHashMap<>())
                    .put(ref.scenario().id(), cell(ref)));
        }
        List<MatrixRow> rows = new ArrayList<>();
        learners().forEach((name, id) -> {
            Map<String, MatrixCell> found = cells.getOrDefault(name, Map.of());
            Map<String, MatrixCell> row = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                row.put(s.id(), found.getOrDefault(s.id(), MatrixCell.EMPTY));
            }
            rows.add(new MatrixRow(id, name, row));
        });
        return new Matrix(columns(), rows);
    }

    /** The lab a namespace holds, when it is a lab namespace of a known scenario. */
    public Optional<LabRef> lab(Namespace ns) {
        String name = ns.getMetadata().getName();
        String learner = label(ns, BreakfixLabels.LEARNER);
        Optional<Scenario> scenario = catalog.find(label(ns, BreakfixLabels.SCENARIO));
        if (learner == null || scenario.isEmpty() || !name.startsWith(BreakfixLabels.NAMESPACE_PREFIX)
                || learner.startsWith(LearnerId.SCRATCH_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(new LabRef(name, LearnerId.restored(annotation(ns, BreakfixLabels.LEARNER_ID), learner),
                scenario.get()));
    }

    public Optional<LabRef> lab(String namespace) {
        return cluster.labNamespace(namespace).flatMap(this::lab);
    }

    /** The cell of one lab, from the cache. */
    public MatrixCell cell(LabRef ref) {
        Optional<Namespace> found = cluster.labNamespace(ref.namespace());
        if (found.isEmpty()) {
            return MatrixCell.EMPTY;
        }
        Map<String, String> annotations = found.get().getMetadata().getAnnotations();
        Progress p = Progress.fromAnnotations(annotations);
        int hints = hintsUsed(annotations);
        if (!p.injected()) {
            return new MatrixCell(MatrixCell.NOT_STARTED, null, "Starting", null, null, null, p.attempts(), hints);
        }
        Grader.Evaluation e;
        try {
            e = grader.evaluate(new LabKey(ref.learner(), ref.scenario().id()));
        } catch (LabNotFoundException gone) {
            return MatrixCell.EMPTY;
        }
        PodDiagnosis w = e.workload();
        String pod = w.state().name();
        if (p.passedAt().isPresent()) {
            return new MatrixCell(MatrixCell.PASSED, pod, null, p.startedAt(), null, p.passedAt().get(), p.attempts(), hints);
        }
        if (e.outcome().passed()) {
            return new MatrixCell(MatrixCell.PASSED, pod, null, p.startedAt(), null, livePassedAt(ref.namespace(), w, e.at()),
                    p.attempts(), hints);
        }
        Optional<Duration> stableIn = e.outcome().stableIn();
        if (stableIn.isPresent()) {
            return new MatrixCell(MatrixCell.STABILISING, pod, null, p.startedAt(), e.at().plus(stableIn.get()), null,
                    p.attempts(), hints);
        }
        return new MatrixCell(MatrixCell.BROKEN, pod, reason(w, e.outcome().results()), p.startedAt(), null, null,
                p.attempts(), hints);
    }

    /** What is wrong, in a few words: the diagnosis' reason, or the first failed check when the Pod runs. */
    static String reason(PodDiagnosis w, List<CheckResult> checks) {
        if (w.state() != PodState.Running && w.reason() != null && !w.reason().isBlank()) {
            return shorten(w.reason());
        }
        if (w.state() == PodState.Missing) {
            return "Missing";
        }
        return checks.stream().filter(c -> !c.passed()).findFirst().map(c -> shorten(c.title()))
                .orElse(w.state().name());
    }

    private static String shorten(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 80 ? one : one.substring(0, 79) + "…";
    }

    /** When a fix that passes now (not graded yet) passed: the end of its stability window. */
    private Instant livePassedAt(String namespace, PodDiagnosis w, Instant fallback) {
        return cluster.pod(namespace, w.pod()).map(ClassMatrix::stableSince)
                .map(since -> since.plus(config.grading().stabilityWindow()))
                .filter(t -> !t.isAfter(fallback)).orElse(fallback);
    }

    /** The later of every container's start and the Ready condition's last transition (as the grader reads it). */
    static Instant stableSince(Pod pod) {
        Instant since = Instant.EPOCH;
        if (pod.getStatus() == null) {
            return since;
        }
        for (PodCondition c : Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of())) {
            if ("Ready".equals(c.getType()) && c.getLastTransitionTime() != null) {
                since = parse(c.getLastTransitionTime(), since);
            }
        }
        for (ContainerStatus s : Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of())) {
            if (s.getState() != null && s.getState().getRunning() != null && s.getState().getRunning().getStartedAt() != null) {
                Instant started = parse(s.getState().getRunning().getStartedAt(), since);
                if (started.isAfter(since)) {
                    since = started;
                }
            }
        }
        return since;
    }

    private static Instant parse(String t, Instant fallback) {
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    static int hintsUsed(Map<String, String> annotations) {
        try {
            return annotations == null ? 0 : Integer.parseInt(annotations.getOrDefault(BreakfixLabels.HINTS_USED, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String label(Namespace ns, String key) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static String annotation(Namespace ns, String key) {
        Map<String, String> a = ns.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }
}
