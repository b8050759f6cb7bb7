package dev.breakfix.web.pages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.Workload;
import dev.breakfix.cluster.ClusterHealthCheck;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.Coach;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.diagnosis.KubectlStatus;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.injector.ClusterValues;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import dev.breakfix.web.WebConfig;
import dev.breakfix.web.asciidoc.LabAttributes;
import dev.breakfix.web.asciidoc.LabTexts;
import dev.breakfix.web.i18n.Languages;
import dev.breakfix.web.i18n.Messages;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Builds what the learner's pages show, from the catalog and the cluster cache only. */
@ApplicationScoped
public class LabViews {

    private final Catalog catalog;
    private final ClusterState cluster;
    private final LabTexts texts;
    private final WebConfig config;
    private final Clock clock;
    private final Coach coach;
    private final dev.breakfix.diagnosis.LogTail logTail;

    public LabViews(Catalog catalog, ClusterState cluster, LabTexts texts, WebConfig config, Clock clock, Coach coach,
            dev.breakfix.diagnosis.LogTail logTail) {
        this.coach = coach;
        this.logTail = logTail;
        this.catalog = catalog;
        this.cluster = cluster;
        this.texts = texts;
        this.config = config;
        this.clock = clock;
    }

    public Frame frame(String learner) {
        Optional<String> problem = cluster.problem();
        return new Frame(learner, problem.orElse(null), problem.map(p -> ClusterHealthCheck.WHAT_TO_DO).orElse(null));
    }

    public List<LabCard> cards(LearnerId learner) {
        return cards(learner, Languages.ENGLISH);
    }

    /** The learner's labs, their titles and summaries in {@code locale}'s language. */
    public List<LabCard> cards(LearnerId learner, Locale locale) {
        String language = Languages.code(locale);
        List<LabCard> cards = new ArrayList<>();
        for (Scenario s : catalog.all()) {
            cards.add(card(new LabKey(learner, s.id()), s.in(language)));
        }
        return cards;
    }

    public LabPage page(LabKey lab, Scenario scenario) {
        return page(lab, scenario, Languages.ENGLISH);
    }

    /** The lab page in {@code locale}'s language: the lab text, title, summary, hints and solution notes. */
    public LabPage page(LabKey lab, Scenario scenario, Locale locale) {
        String language = Languages.code(locale);
        Scenario local = scenario.in(language);
        LabCard card = card(lab, local);
        List<Scenario> all = catalog.all();
        int index = indexOf(scenario.id());
        Map<String, String> values = values(lab);
        String html = texts.html(scenario.id(), language, attributes(lab, values)).orElse(null);
        boolean solved = card.status() == LabStatus.FIXED || config.showSolutions();
        return new LabPage(frame(lab.learner().id()), card, all.size(), html, hints(lab, local),
                solved ? solution(lab, scenario, locale) : null, live(lab, scenario, locale), tools(lab, scenario),
                index > 0 ? all.get(index - 1).in(language) : null,
                index + 1 < all.size() ? all.get(index + 1).in(language) : null);
    }

    private int indexOf(String id) {
        List<Scenario> all = catalog.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Scenario> next(Scenario scenario) {
        List<Scenario> all = catalog.all();
        int index = indexOf(scenario.id());
        return index + 1 < all.size() ? Optional.of(all.get(index + 1)) : Optional.empty();
    }

    /** The next lab, its title in {@code locale}'s language. */
    public Optional<Scenario> next(Scenario scenario, Locale locale) {
        return next(scenario).map(s -> s.in(Languages.code(locale)));
    }

    public LabCard card(LabKey lab, Scenario scenario) {
        int number = indexOf(scenario.id()) + 1;
        Optional<Namespace> ns = cluster.labNamespace(lab.namespace());
        Progress p = Progress.fromAnnotations(ns.map(n -> n.getMetadata().getAnnotations()).orElse(null));
        LabStatus status = ns.isEmpty() || !p.injected() ? LabStatus.NOT_STARTED
                : p.passedAt().isPresent() ? LabStatus.FIXED : LabStatus.BROKEN;
        return new LabCard(number, scenario, status, p.attempts(), p.startedAt(), p.passedAt().orElse(null));
    }

    public boolean started(LabKey lab) {
        return cluster.labNamespace(lab.namespace()).isPresent();
    }

    /** The learner's namespace as the cluster shows it now, explained in English. */
    public LivePanel live(LabKey lab, Scenario scenario) {
        // locale hook: pages that know the learner's language call live(lab, scenario, locale)
        return live(lab, scenario, Locale.ENGLISH);
    }

    /** The learner's namespace as the cluster shows it now; the diagnosis explained in {@code locale}'s words. */
    public LivePanel live(LabKey lab, Scenario scenario, Locale locale) {
        String namespace = lab.namespace();
        if (!started(lab)) {
            return new LivePanel(scenario.id(), namespace, false, List.of(), null, List.of());
        }
        Instant now = clock.instant();
        List<Event> events = cluster.events(namespace);
        List<PodRow> rows = new ArrayList<>();
        List<PodDiagnosis> diagnoses = new ArrayList<>();
        for (Pod pod : cluster.pods(namespace)) {
            List<Event> podEvents = Events.forPod(events, pod);
            List<String> containers = pod.getSpec() == null ? List.of()
                    : pod.getSpec().getContainers().stream().map(Container::getName).toList();
            rows.add(new PodRow(KubectlStatus.of(pod, now), containers, Events.describeRows(podEvents, now),
                    pod.getMetadata().getDeletionTimestamp() != null));
            diagnoses.add(Diagnoser.diagnose(pod, podEvents, now));
        }
        return new LivePanel(scenario.id(), namespace, true, rows, explained(lab, scenario, workload(scenario.workload(), diagnoses),
                now, locale), labelledNodes(lab.learner()));
    }

    /** The workload's diagnosis with the dead ends the learner ran into, in {@code locale}, as specific as the hints allow. */
    private PodDiagnosis explained(LabKey lab, Scenario scenario, PodDiagnosis workload, Instant now, Locale locale) {
        Optional<Pod> target = workload.state() == dev.breakfix.diagnosis.PodState.Missing ? Optional.empty()
                : cluster.pod(lab.namespace(), workload.pod());
        Workload w = scenario.workload();
        // an exited container's last log lines: shown once read, read in the background so that a check finds them
        PodDiagnosis withLog = logTail.addIfRead(lab.namespace(), workload);
        return coach.coach(lab.namespace(), withLog, target, w.kind() == Workload.Kind.Deployment ? w.name() : null, now)
                .localized(locale, Coach.hintsOpened(cluster.labNamespace(lab.namespace()).orElse(null)));
    }

    /** The diagnosis of the workload's Pod: the named Pod, or the Deployment's live Pod; missing if none. */
    static PodDiagnosis workload(Workload workload, List<PodDiagnosis> pods) {
        if (workload.kind() == Workload.Kind.Pod) {
            return pods.stream().filter(p -> p.pod().equals(workload.name())).findFirst()
                    .orElseGet(() -> Diagnoser.missing(workload.name()));
        }
        List<PodDiagnosis> owned = pods.stream().filter(p -> p.pod().startsWith(workload.name() + "-")).toList();
        return owned.stream().filter(p -> !"Terminating".equals(p.kubectlStatus())).reduce((a, b) -> b)
                .or(() -> owned.stream().findFirst())
                .orElseGet(() -> Diagnoser.missing(workload.name()));
    }

    public HintsView hints(LabKey lab, Scenario scenario) {
        Optional<Namespace> ns = cluster.labNamespace(lab.namespace());
        int used = ns.map(n -> hintsUsed(n.getMetadata().getAnnotations())).orElse(0);
        return hints(scenario, ns.isPresent(), used);
    }

    public HintsView hints(Scenario scenario, boolean started, int used) {
        int shown = Math.max(0, Math.min(used, scenario.hints().size()));
        return new HintsView(scenario.id(), started, scenario.hints().subList(0, shown), scenario.hints().size());
    }

    static int hintsUsed(Map<String, String> annotations) {
        try {
            return annotations == null ? 0 : Integer.parseInt(annotations.getOrDefault(BreakfixLabels.HINTS_USED, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public SolutionView solution(LabKey lab, Scenario scenario) {
        return solution(lab, scenario, Languages.ENGLISH);
    }

    public SolutionView solution(LabKey lab, Scenario scenario, Locale locale) {
        return Solutions.of(scenario, lab.namespace(), values(lab), Messages.of(locale));
    }

    public boolean solutionVisible(LabCard card) {
        return card.status() == LabStatus.FIXED || config.showSolutions();
    }

    private LabPage.Tools tools(LabKey lab, Scenario scenario) {
        Workload w = scenario.workload();
        List<String> labelled = labelledNodes(lab.learner());
        List<LabPage.Node> nodes = cluster.nodes().stream().map(n -> n.getMetadata().getName()).sorted()
                .map(n -> new LabPage.Node(n, labelled.contains(n))).toList();
        boolean nodeLabels = scenario.usesParameter(ManifestTemplate.NODE_LABEL_KEY)
                || scenario.solution().stream().anyMatch(s -> s instanceof dev.breakfix.catalog.SolutionStep.LabelNode);
        return new LabPage.Tools(w.kind().name(), w.name(), List.copyOf(w.containers().keySet()), nodeLabels,
                lab.learner().nodeLabelKey() + "=" + ClusterValues.NODE_LABEL_VALUE, nodes);
    }

    private List<String> labelledNodes(LearnerId learner) {
        String key = learner.nodeLabelKey();
        return cluster.nodes().stream()
                .filter(n -> n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey(key))
                .map(n -> n.getMetadata().getName()).sorted().toList();
    }

    /** The values the lab was injected with (kept on its namespace), or those it would get now. */
    Map<String, String> values(LabKey lab) {
        Map<String, String> values = new LinkedHashMap<>(ClusterValues.forLab(lab, cluster.nodes()));
        cluster.labNamespace(lab.namespace()).map(ns -> ns.getMetadata().getAnnotations())
                .map(a -> a.get(BreakfixLabels.VALUES)).ifPresent(json -> {
                    try {
                        Map<?, ?> stored = Serialization.unmarshal(json, Map.class);
                        stored.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
                    } catch (RuntimeException e) {
                        // unreadable: keep the values computed now
                    }
                });
        return values;
    }

    /** The AsciiDoc attributes of the lab text, from the lab's values. */
    static Map<String, String> attributes(LabKey lab, Map<String, String> values) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(LabAttributes.NAMESPACE, lab.namespace());
        a.put(LabAttributes.LEARNER, lab.learner().name());
        a.put(LabAttributes.NODE_LABEL_KEY, values.getOrDefault(ManifestTemplate.NODE_LABEL_KEY, lab.learner().nodeLabelKey()));
        a.put(LabAttributes.NODE_LABEL_VALUE, values.getOrDefault(ManifestTemplate.NODE_LABEL_VALUE, ClusterValues.NODE_LABEL_VALUE));
        a.put(LabAttributes.CPU_REQUEST, values.getOrDefault(ManifestTemplate.CPU_BEYOND_LARGEST_NODE, "2"));
        return a;
    }
}
