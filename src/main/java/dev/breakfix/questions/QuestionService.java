package dev.breakfix.questions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.NotFoundException;

import dev.breakfix.api.BadRequestException;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Question;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.progress.Progress;
import dev.breakfix.progress.ProgressStore;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * Answers to a lab's debugging questions: checked against the scenario's accepted answers, counted, and kept on
 * the lab's namespace. Reads come from the cache; answers to one lab are taken one at a time on this server, and
 * each waits (bounded) until the cache shows its write, so the next one counts on top of it.
 */
@ApplicationScoped
@Named("labQuestions")
public class QuestionService {

    static final int MAX_ANSWER_LENGTH = 200;

    private final Catalog catalog;
    private final ClusterState cluster;
    private final ProgressStore progress;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public QuestionService(Catalog catalog, ClusterState cluster, ProgressStore progress, Clock clock) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.progress = progress;
        this.clock = clock;
    }

    /** The questions of the lab with the learner's answers so far (none when the lab is not started). */
    public List<QuestionResult> results(LabKey lab, String language) {
        Scenario s = catalog.get(lab.scenario());
        return Questions.results(s, answers(cluster.labNamespace(lab.namespace())), language);
    }

    /** For the lab page: the lab's questions in the learner's language, from the cache. */
    public QuestionsView view(String namespace, String scenario, String language) {
        Scenario s = catalog.get(scenario);
        Optional<Namespace> ns = cluster.labNamespace(namespace);
        return new QuestionsView(s.id(), ns.isPresent(), Questions.results(s, answers(ns), language));
    }

    /** The lab page's questions, in the language the browser asks for first (Accept-Language), else English. */
    public QuestionsView pageView(String namespace, String scenario) {
        String language = "en";
        try {
            // the page's language: the learner's switch (cookie), else Accept-Language (dev.breakfix.web.i18n)
            var current = io.quarkus.arc.Arc.container().instance(dev.breakfix.web.i18n.RequestLanguage.class);
            if (current.isAvailable()) {
                language = dev.breakfix.web.i18n.Languages.code(current.get().current());
            }
        } catch (RuntimeException e) {
            // no request (a render outside one): English
        }
        return view(namespace, scenario, language);
    }

    /** Checks and records one answer; a question already answered right keeps its result and counts nothing. */
    public QuestionResult answer(LabKey lab, String questionId, String given, String language) {
        Scenario s = catalog.get(lab.scenario());
        Question q = s.question(questionId).orElseThrow(() -> new NotFoundException(
                "lab " + s.id() + " has no question '" + questionId + "'"
                        + (s.questions().isEmpty() ? "" : "; its questions: " + String.join(", ",
                                s.questions().stream().map(Question::id).toList()))));
        if (given == null || Question.normalise(given).isEmpty()) {
            throw new BadRequestException("send {\"answer\": \"...\"} with a non-empty answer");
        }
        if (given.length() > MAX_ANSWER_LENGTH) {
            throw new BadRequestException("an answer has at most " + MAX_ANSWER_LENGTH + " characters");
        }
        synchronized (locks.computeIfAbsent(lab.namespace(), k -> new Object())) {
            Namespace ns = cluster.labNamespace(lab.namespace()).orElseThrow(() -> new LabNotFoundException(lab));
            Answers before = Answers.fromAnnotations(ns.getMetadata().getAnnotations());
            Instant now = clock.instant();
            boolean correct = q.accepts(given);
            Answers after = before.with(q.id(), given.strip(), correct, now);
            if (after != before) {
                boolean gained = correct && (before.of(q.id()) == null || !before.of(q.id()).correct());
                Optional<Progress.LastGrade> lastGrade = Progress.fromAnnotations(ns.getMetadata().getAnnotations())
                        .lastGrade()
                        .filter(g -> gained)
                        .map(g -> new Progress.LastGrade(g.passed(), Math.min(g.maxScore(), g.score() + q.points()),
                                g.maxScore(), g.at()));
                String json = after.toJson();
                progress.recordAnswers(lab.namespace(), Answers.ANNOTATION, json, lastGrade);
                cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                        .map(n -> n.getMetadata().getAnnotations())
                        .map(a -> json.equals(a.get(Answers.ANNOTATION))).orElse(false), Duration.ofSeconds(5));
            }
            return Questions.result(q, after.of(q.id()), language);
        }
    }

    /** Forgets every answer of the lab (a reset). */
    public void clear(LabKey lab) {
        synchronized (locks.computeIfAbsent(lab.namespace(), k -> new Object())) {
            progress.removeAnnotation(lab.namespace(), Answers.ANNOTATION);
        }
    }

    private static Answers answers(Optional<Namespace> ns) {
        return ns.map(n -> Answers.fromAnnotations(n.getMetadata().getAnnotations())).orElse(Answers.NONE);
    }
}
