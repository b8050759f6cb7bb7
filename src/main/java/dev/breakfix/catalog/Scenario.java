package dev.breakfix.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One lab scenario: the broken manifests to inject, the workload the learner must fix, the state
 * injection must produce, the chapter's solution, hints and the lab text.
 */
public record Scenario(
        String id,
        String title,
        int order,
        String summary,
        Workload workload,
        List<Manifest> broken,
        Expectation expect,
        List<SolutionStep> solution,
        List<String> hints,
        Set<String> parameters,
        String lab,
        String origin,
        List<Question> questions,
        Map<String, LabTranslation> translations) {

    public Scenario {
        questions = questions == null ? List.of() : List.copyOf(questions);
        translations = translations == null ? Map.of() : Map.copyOf(translations);
    }

    /** A scenario in English only, without debugging questions. */
    public Scenario(String id, String title, int order, String summary, Workload workload, List<Manifest> broken,
            Expectation expect, List<SolutionStep> solution, List<String> hints, Set<String> parameters, String lab,
            String origin) {
        this(id, title, order, summary, workload, broken, expect, solution, hints, parameters, lab, origin, List.of(),
                Map.of());
    }

    /** A scenario in English only. */
    public Scenario(String id, String title, int order, String summary, Workload workload, List<Manifest> broken,
            Expectation expect, List<SolutionStep> solution, List<String> hints, Set<String> parameters, String lab,
            String origin, List<Question> questions) {
        this(id, title, order, summary, workload, broken, expect, solution, hints, parameters, lab, origin, questions,
                Map.of());
    }

    /** The question with this id, if the scenario asks it. */
    public java.util.Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** True when the scenario has its own lab text in {@code language} (English always). */
    public boolean hasLanguage(String language) {
        return LabLanguages.ENGLISH.equals(language) || translations.containsKey(language);
    }

    /**
     * This scenario with its title, summary, hints and lab text in {@code language}, each falling back to
     * English where it has no translation. Everything else (workload, manifests, checks) stays the same.
     */
    public Scenario in(String language) {
        LabTranslation t = translations.get(language);
        if (t == null) {
            return this;
        }
        return new Scenario(id, t.title() == null ? title : t.title(), order, t.summary() == null ? summary : t.summary(),
                workload, broken, expect, solution, t.hints() == null ? hints : t.hints(), parameters,
                t.lab() == null ? lab : t.lab(), origin, questions, translations);
    }

    /** This scenario with {@code translation} added, or replacing the one of its language. */
    public Scenario withTranslation(LabTranslation translation) {
        Map<String, LabTranslation> all = new LinkedHashMap<>(translations);
        all.put(translation.language(), translation);
        return new Scenario(id, title, order, summary, workload, broken, expect, solution, hints, parameters, lab, origin, questions, all);
    }

    /** This scenario with another English lab text. */
    public Scenario withLab(String englishLab) {
        return new Scenario(id, title, order, summary, workload, broken, expect, solution, hints, parameters, englishLab,
                origin, questions, translations);
    }

    /** True when injection must size CPU requests from the cluster's nodes. */
    public boolean usesParameter(String name) {
        return parameters.contains(name);
    }
}
