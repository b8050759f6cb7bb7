package dev.breakfix.questions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The learner's answers to a lab's questions as kept in one annotation on the lab's namespace
 * ({@link #ANNOTATION}): per question id, how many times it was answered, whether it was answered right, the
 * last answer given (cut to {@link #MAX_KEPT} characters) and when.
 */
public record Answers(Map<String, Answer> byQuestion) {

    public static final String ANNOTATION = "breakfix.dev/answers";
    static final int MAX_KEPT = 200;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One question's record: once right, it stays right. */
    public record Answer(int attempts, boolean correct, String last, Instant at) {
    }

    public static final Answers NONE = new Answers(Map.of());

    public static Answers fromAnnotations(Map<String, String> annotations) {
        String json = annotations == null ? null : annotations.get(ANNOTATION);
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            Map<String, Answer> read = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Answer>>() {
            });
            return new Answers(Map.copyOf(read));
        } catch (Exception e) {
            return NONE;
        }
    }

    public Answer of(String questionId) {
        return byQuestion.get(questionId);
    }

    /** These answers with one more attempt at {@code questionId}; a question already answered right is left as it is. */
    public Answers with(String questionId, String given, boolean correct, Instant at) {
        Answer before = byQuestion.get(questionId);
        if (before != null && before.correct()) {
            return this;
        }
        String kept = given.length() > MAX_KEPT ? given.substring(0, MAX_KEPT) : given;
        Map<String, Answer> next = new LinkedHashMap<>(byQuestion);
        next.put(questionId, new Answer(before == null ? 1 : before.attempts() + 1, correct, kept, at));
        return new Answers(Map.copyOf(next));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(byQuestion));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
