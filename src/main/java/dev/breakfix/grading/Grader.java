package dev.breakfix.grading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.Workload;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.diagnosis.Coach;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.diagnosis.LogTail;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.progress.Progress;
import dev.breakfix.progress.ProgressStore;
import dev.breakfix.questions.Answers;
import dev.breakfix.questions.QuestionResult;
import dev.breakfix.questions.Questions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/**
 * Grades a lab from the cache. A grade can wait for a pass: it is re-evaluated when the lab's objects
 * change (informer events) and once when the stability window ends, never by polling.
 */
@ApplicationScoped
public class Grader {

    private final ClusterState cluster;
    private final Catalog catalog;
    private final ProgressStore progress;
    private final BreakfixConfig config;
    private final Clock clock;
    private final Coach coach;
    private final LogTail logTail;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "breakfix-grader");
        t.setDaemon(true);
        return t;
    });

    public Grader(ClusterState cluster, Catalog catalog, ProgressStore progress, BreakfixConfig config, Clock clock,
            Coach coach, LogTail logTail) {
        this.coach = coach;
        this.logTail = logTail;
        this.cluster = cluster;
        this.catalog = catalog;
        this.progress = progress;
        this.config = config;
        this.clock = clock;
    }

    @PreDestroy
    void shutdown() {
        timers.shutdownNow();
    }

    /** An evaluation of the lab as the cache shows it now, without counting an attempt. */
    public record Evaluation(LabKey lab, Namespace namespace, Checks.Outcome outcome, List<PodDiagnosis> pods,
            PodDiagnosis workload, Instant at) {
    }

    /** Grades now; {@code record} counts the attempt and keeps the result on the cluster. */
    public GradeReport grade(LabKey lab, boolean record) {
        return finish(evaluate(lab), record);
    }

    /** Grades now, the diagnosis and coaching put in {@code locale}'s words (the page's or the caller's language). */
    public GradeReport grade(LabKey lab, boolean record, Locale locale) {
        return finish(evaluate(lab), record, locale);
    }

    /**
     * Grades, waiting up to {@code wait} (capped by configuration) for a pass. Completes as soon as the
     * fix passes, or with the last evaluation when the time is up.
     */
    public CompletionStage<GradeReport> gradeWaiting(LabKey lab, Duration wait, boolean record) {
        return gradeWaiting(lab, wait, record, Locale.ENGLISH);
    }

    /** As {@link #gradeWaiting(LabKey, Duration, boolean)}, the diagnosis and coaching in {@code locale}'s words. */
    public CompletionStage<GradeReport> gradeWaiting(LabKey lab, Duration wait, boolean record, Locale locale) {
        Evaluation first = evaluate(lab);
        Duration limit = wait.compareTo(config.grading().maxWait()) > 0 ? config.grading().maxWait() : wait;
        if (first.outcome().passed() || limit.isZero() || limit.isNegative()) {
            return CompletableFuture.completedFuture(finish(first, record, locale));
        }
        return new Waiter(lab, limit).start(first).thenApplyAsync(e -> finish(e, record, locale), timers);
    }

    public Evaluation evaluate(LabKey lab) {
        Scenario scenario = catalog.get(lab.scenario());
        Namespace ns = cluster.labNamespace(lab.namespace()).orElseThrow(() -> new LabNotFoundException(lab));
        String namespace = lab.namespace();
        Instant now = clock.instant();
        List<Event> events = cluster.events(namespace);
        List<Pod> pods = cluster.pods(namespace);

        Optional<Pod> target = target(scenario.workload(), namespace, pods);
        List<PodDiagnosis> diagnoses = new ArrayList<>();
        for (Pod pod : pods) {
            diagnoses.add(Diagnoser.diagnose(pod, Events.forPod(events, pod), now));
        }
        PodDiagnosis targetDiagnosis = target
                .map(p -> diagnoses.get(pods.indexOf(p)))
                .orElseGet(() -> Diagnoser.missing(scenario.workload().name()));
        // the dead ends the learner ran into, on the workload's diagnosis; the next step specific once a hint is open
        boolean hints = Coach.hintsOpened(ns);
        diagnoses.replaceAll(d -> d.localized(Locale.ENGLISH, hints));
        PodDiagnosis coached = coach.coach(namespace, targetDiagnosis, target,
                scenario.workload().kind() == Workload.Kind.Deployment ? scenario.workload().name() : null, now)
                .localized(Locale.ENGLISH, hints);
        if (target.isEmpty()) {
            diagnoses.add(0, coached);
        } else {
            diagnoses.set(pods.indexOf(target.get()), coached);
        }
        targetDiagnosis = coached;
        Checks.Outcome outcome = Checks.evaluate(scenario.workload(), target, missingReason(scenario.workload(), namespace),
                targetDiagnosis, config.images().overrides(), config.grading().stabilityWindow(), now);
        return new Evaluation(lab, ns, outcome, List.copyOf(diagnoses), targetDiagnosis, now);
    }

    private GradeReport finish(Evaluation e, boolean record) {
        return finish(e, record, Locale.ENGLISH);
    }

    private GradeReport finish(Evaluation e, boolean record, Locale locale) {
        // the last lines of a stopped container's log as evidence: one read per report, only for an exited workload
        PodDiagnosis withLog = e.workload().exited() ? logTail.add(e.lab().namespace(), e.workload()) : e.workload();
        List<PodDiagnosis> pods = e.pods().stream().map(p -> p == e.workload() ? withLog : p)
                .map(p -> Locale.ENGLISH.equals(locale) ? p : p.in(locale)).toList();
        Progress before = progress.read(e.namespace());
        Checks.Outcome o = e.outcome();
        List<QuestionResult> questions = Questions.results(catalog.get(e.lab().scenario()),
                Answers.fromAnnotations(e.namespace().getMetadata().getAnnotations()),
                locale == null ? "en" : locale.getLanguage());
        int score = o.score() + Questions.points(questions);
        int maxScore = o.maxScore() + Questions.maxPoints(questions);
        Progress after = record
                ? progress.recordGrade(e.lab().namespace(), before,
                        new Progress.LastGrade(o.passed(), score, maxScore, e.at()))
                : before;
        return new GradeReport(e.lab().learner().id(), e.lab().scenario(), e.lab().namespace(), o.passed(), score,
                maxScore, summary(o, locale), o.results().stream().map(r -> r.in(locale)).toList(), pods, after.attempts(), e.at(), after.passedAt().orElse(null),
                o.stableIn().map(d -> (d.toMillis() + 999) / 1000).orElse(null), questions);
    }

    /** The grade in one sentence, in {@code locale}: the first failed check's message, or that it is fixed. */
    private static String summary(Checks.Outcome o, Locale locale) {
        if (o.passed()) {
            return Msg.of("grade.fixed").render(locale);
        }
        return o.results().stream().filter(r -> !r.passed()).findFirst().map(r -> r.in(locale).message())
                .orElseGet(() -> Msg.of("grade.notFixed").render(locale));
    }

    /** The Pod to judge: the named Pod, or the newest live Pod of the Deployment. */
    private Optional<Pod> target(Workload workload, String namespace, List<Pod> pods) {
        if (workload.kind() == Workload.Kind.Pod) {
            return pods.stream().filter(p -> p.getMetadata().getName().equals(workload.name())).findFirst();
        }
        if (cluster.deployment(namespace, workload.name()).isEmpty()) {
            return Optional.empty();
        }
        Set<String> replicaSets = cluster.replicaSets(namespace).stream()
                .filter(rs -> ownedBy(rs, "Deployment", workload.name()))
                .map(rs -> rs.getMetadata().getName())
                .collect(Collectors.toSet());
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "ReplicaSet".equals(o.getKind()) && replicaSets.contains(o.getName())))
                .max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()));
    }

    private Msg missingReason(Workload workload, String namespace) {
        if (workload.kind() == Workload.Kind.Pod) {
            return Msg.of("grade.missingPod", workload.name());
        }
        return cluster.deployment(namespace, workload.name()).isEmpty()
                ? Msg.of("grade.missingDeployment", workload.name())
                : Msg.of("grade.noPodOfDeployment", workload.name());
    }

    private static boolean ownedBy(HasMetadata o, String kind, String name) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> kind.equals(r.getKind()) && name.equals(r.getName()));
    }

    /** Waits for a pass, woken by changes in the lab's namespace and by the end of the stability window. */
    private final class Waiter {
        private final LabKey lab;
        private final Duration limit;
        private final CompletableFuture<Evaluation> result = new CompletableFuture<>();
        private final Consumer<String> listener;
        private volatile ScheduledFuture<?> stabilityTimer;
        private volatile Evaluation last;

        Waiter(LabKey lab, Duration limit) {
            this.lab = lab;
            this.limit = limit;
            this.listener = ns -> {
                if (ns.equals(lab.namespace())) {
                    timers.execute(this::reevaluate);
                }
            };
        }

        CompletableFuture<Evaluation> start(Evaluation first) {
            last = first;
            cluster.onNamespaceChange(listener);
            ScheduledFuture<?> timeout = timers.schedule(() -> complete(last), limit.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((e, t) -> {
                cluster.removeNamespaceListener(listener);
                timeout.cancel(false);
                ScheduledFuture<?> s = stabilityTimer;
                if (s != null) {
                    s.cancel(false);
                }
            });
            timers.execute(this::reevaluate);
            return result;
        }

        private void reevaluate() {
            if (result.isDone()) {
                return;
            }
            try {
                Evaluation e = evaluate(lab);
                last = e;
                if (e.outcome().passed()) {
                    complete(e);
                    return;
                }
                e.outcome().stableIn().ifPresent(left -> {
                    ScheduledFuture<?> previous = stabilityTimer;
                    if (previous != null) {
                        previous.cancel(false);
                    }
                    stabilityTimer = timers.schedule(this::reevaluate, left.toMillis() + 50, TimeUnit.MILLISECONDS);
                });
            } catch (RuntimeException ex) {
                result.completeExceptionally(ex);
            }
        }

        private void complete(Evaluation e) {
            result.complete(e);
        }
    }
}
