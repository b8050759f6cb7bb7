package dev.breakfix.questions;

import java.util.List;

import dev.breakfix.catalog.Question;
import dev.breakfix.catalog.Scenario;

/** The questions of a scenario with the learner's answers: pure, for the grader, the API and the page. */
public final class Questions {

    private Questions() {
    }

    public static List<QuestionResult> results(Scenario scenario, Answers answers, String language) {
        return scenario.questions().stream().map(q -> result(q, answers.of(q.id()), language)).toList();
    }

    public static QuestionResult result(Question q, Answers.Answer a, String language) {
        boolean correct = a != null && a.correct();
        return new QuestionResult(q.id(), q.prompt(language), q.prompts(), correct ? q.points() : 0, q.points(), a != null,
                correct, a == null ? 0 : a.attempts(), a == null ? null : a.last(), a == null ? null : a.at());
    }

    public static int points(List<QuestionResult> results) {
        return results.stream().mapToInt(QuestionResult::points).sum();
    }

    public static int maxPoints(List<QuestionResult> results) {
        return results.stream().mapToInt(QuestionResult::maxPoints).sum();
    }
}
