package dev.breakfix.questions;

import java.time.Instant;
import java.util.Map;

/**
 * A debugging question and how the learner did, as the grade report and the learner's API show it. The accepted
 * answers are never included; {@code answer} is the learner's last answer as they typed it.
 */
public record QuestionResult(String id, String prompt, Map<String, String> prompts, int points, int maxPoints,
        boolean answered, boolean correct, int attempts, String answer, Instant answeredAt) {
}
