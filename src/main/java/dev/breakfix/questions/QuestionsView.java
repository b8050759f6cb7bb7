package dev.breakfix.questions;

import java.util.List;

/** The lab page's questions: the scenario, whether the lab runs, and each question with the learner's result. */
public record QuestionsView(String scenario, boolean started, List<QuestionResult> questions) {

    public int points() {
        return Questions.points(questions);
    }

    public int maxPoints() {
        return Questions.maxPoints(questions);
    }
}
