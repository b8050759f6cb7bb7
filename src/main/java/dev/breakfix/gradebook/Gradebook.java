package dev.breakfix.gradebook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * The class's grades, read from the cluster cache: every learner Breakfix has a namespace for (a lab or a
 * home), times every scenario of the catalog, in the chapter's order. A learner who has not started a
 * scenario gets a row with passed=false, score 0, 0 attempts. Nothing is kept in the server's memory, so
 * a restarted server (or another replica) exports the same gradebook.
 */
@ApplicationScoped
public class Gradebook {

    /** What the grader's checks are worth, the same for every scenario. */
    static final int CHECK_POINTS = java.util.Arrays.stream(CheckResult.Check.values()).mapToInt(CheckResult.Check::points)
            .sum();

    private final ClusterState cluster;
    private final Catalog catalog;

    public Gradebook(ClusterState cluster, Catalog catalog) {
        this.cluster = cluster;
        this.catalog = catalog;
    }

    /** Every learner × every scenario, learners ordered by id. */
    public List<GradebookRow> rows() {
        List<GradebookRow> rows = new ArrayList<>();
        for (LearnerId learner : cluster.learners()) {
            rows.addAll(rowsOf(learner));
        }
        return rows;
    }

    /** The learner as the cluster knows them, if Breakfix has any namespace (lab or home) of theirs. */
    public Optional<LearnerId> find(LearnerId asked) {
        List<Namespace> own = cluster.labNamespacesOf(asked.name());
        if (own.isEmpty() || asked.name().startsWith(LearnerId.SCRATCH_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(restore(own.get(0)));
    }

    /** One row per scenario of the catalog for this learner. */
    public List<GradebookRow> rowsOf(LearnerId learner) {
        List<GradebookRow> rows = new ArrayList<>();
        for (Scenario scenario : catalog.all()) {
            Optional<Namespace> ns = cluster.labNamespace(LabKey.namespaceOf(learner.name(), scenario.id()))
                    .filter(n -> scenario.id().equals(label(n, BreakfixLabels.SCENARIO)));
            rows.add(row(learner, scenario, ns.map(n -> Progress.fromAnnotations(n.getMetadata().getAnnotations()))));
        }
        return rows;
    }

    private static GradebookRow row(LearnerId learner, Scenario scenario, Optional<Progress> progress) {
        if (progress.isEmpty()) {
            return new GradebookRow(learner.id(), scenario.id(), false, 0, maxScore(scenario), 0, null, 0);
        }
        Progress p = progress.get();
        Optional<Progress.LastGrade> last = p.lastGrade();
        Instant firstPass = p.passedAt().orElse(null);
        return new GradebookRow(learner.id(), scenario.id(), last.map(Progress.LastGrade::passed).orElse(false),
                last.map(Progress.LastGrade::score).orElse(0), last.map(Progress.LastGrade::maxScore).orElse(maxScore(scenario)),
                p.attempts(), firstPass, p.hintsUsed());
    }

    /** What a scenario is worth before it was ever graded: the checks plus its debugging questions. */
    static int maxScore(Scenario scenario) {
        return CHECK_POINTS + scenario.questions().stream().mapToInt(dev.breakfix.catalog.Question::points).sum();
    }

    private static LearnerId restore(Namespace ns) {
        Map<String, String> annotations = ns.getMetadata().getAnnotations();
        return LearnerId.restored(annotations == null ? null : annotations.get(BreakfixLabels.LEARNER_ID),
                label(ns, BreakfixLabels.LEARNER));
    }

    private static String label(Namespace ns, String key) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
