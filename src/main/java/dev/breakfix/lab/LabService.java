package dev.breakfix.lab;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.injector.ClusterValues;
import dev.breakfix.injector.LabInjector;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.injector.NodeLabels;
import dev.breakfix.injector.Solver;
import dev.breakfix.progress.Progress;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;

/** What the API and the pages do with labs; neither talks to Kubernetes directly. */
@ApplicationScoped
public class LabService {

    private final Catalog catalog;
    private final ClusterState cluster;
    private final LabInjector injector;
    private final NodeLabels nodeLabels;
    private final Solver solver;
    private final Clock clock;
    @jakarta.inject.Inject
    dev.breakfix.timeline.LabTimelines timelines;

    public LabService(Catalog catalog, ClusterState cluster, LabInjector injector, NodeLabels nodeLabels, Solver solver,
            Clock clock) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.injector = injector;
        this.nodeLabels = nodeLabels;
        this.solver = solver;
        this.clock = clock;
    }

    public LabKey key(String learnerId, String scenario) {
        return new LabKey(LearnerId.of(learnerId), catalog.get(scenario).id());
    }

    /** Starts the lab; true when it was created, false when it already ran. */
    public boolean start(LabKey lab) {
        return injector.start(lab);
    }

    public void reset(LabKey lab) {
        injector.reset(lab);
    }

    /** Applies the chapter's solution (instructors: demonstrating a fix, checking a scenario works here). */
    public void solve(LabKey lab) {
        view(lab);
        solver.solve(lab);
    }

    public void delete(LabKey lab) {
        injector.delete(lab);
    }

    public void labelNode(LearnerId learner, String node) {
        nodeLabels.label(learner, node);
    }

    public void unlabelNode(LearnerId learner, String node) {
        nodeLabels.unlabel(learner, node);
    }

    /** The view of a lab just written, once the cache has caught up with the write (bounded). */
    public LabView awaitView(LabKey lab) {
        cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                .map(ns -> Progress.fromAnnotations(ns.getMetadata().getAnnotations()).injected()).orElse(false),
                java.time.Duration.ofSeconds(10));
        return view(lab);
    }

    public LabView view(LabKey lab) {
        Namespace ns = cluster.labNamespace(lab.namespace()).orElseThrow(() -> new LabNotFoundException(lab));
        return view(ns);
    }

    /** Every lab of the class, by learner then in the chapter's order. */
    public List<LabView> all() {
        return views(cluster.labNamespaces());
    }

    public List<LabView> ofLearner(LearnerId learner) {
        return views(cluster.labNamespacesOf(learner.name()));
    }

    private List<LabView> views(List<Namespace> namespaces) {
        Map<String, Integer> order = catalog.all().stream()
                .collect(java.util.stream.Collectors.toMap(Scenario::id, Scenario::order));
        return namespaces.stream()
                .filter(ns -> catalog.find(label(ns, BreakfixLabels.SCENARIO)).isPresent())
                .map(this::view)
                .sorted(Comparator.comparing(LabView::learnerName)
                        .thenComparing(v -> order.getOrDefault(v.scenario(), Integer.MAX_VALUE)))
                .toList();
    }

    private LabView view(Namespace ns) {
        String scenarioId = label(ns, BreakfixLabels.SCENARIO);
        Scenario scenario = catalog.get(scenarioId);
        String name = label(ns, BreakfixLabels.LEARNER);
        Map<String, String> annotations = ns.getMetadata().getAnnotations();
        LearnerId learner = LearnerId.restored(annotations == null ? null : annotations.get(BreakfixLabels.LEARNER_ID), name);
        Progress progress = Progress.fromAnnotations(annotations);
        String namespace = ns.getMetadata().getName();
        List<Event> events = cluster.events(namespace);
        var pods = cluster.pods(namespace).stream()
                .map(p -> Diagnoser.diagnose(p, Events.forPod(events, p), clock.instant()))
                .toList();
        return new LabView(learner.id(), learner.name(), scenario.id(), scenario.title(), namespace,
                progress.startedAt(), progress.attempts(), progress.passedAt().orElse(null),
                progress.lastGrade().orElse(null),
                new LabView.NodeLabel(learner.nodeLabelKey(), ClusterValues.NODE_LABEL_VALUE),
                nodeLabels.labelledNodes(learner), pods, timelines.of(namespace));
    }

    private static String label(Namespace ns, String key) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
