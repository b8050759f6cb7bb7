package dev.breakfix.questions;

/** The body of an answer: {@code {"answer": "139"}}. */
public record AnswerRequest(String answer) {
}
