package dev.breakfix.catalog;

import java.util.List;
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
        List<Question> questions) {

    /** A scenario without debugging questions. */
    public Scenario(String id, String title, int order, String summary, Workload workload, List<Manifest> broken,
            Expectation expect, List<SolutionStep> solution, List<String> hints, Set<String> parameters, String lab,
            String origin) {
        this(id, title, order, summary, workload, broken, expect, solution, hints, parameters, lab, origin, List.of());
    }

    /** The question with this id, if the scenario asks it. */
    public java.util.Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** True when injection must size CPU requests from the cluster's nodes. */
    public boolean usesParameter(String name) {
        return parameters.contains(name);
    }
}
