package dev.breakfix.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads and validates the optional {@code questions:} list of a scenario.yaml. */
final class QuestionReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    static final int MAX_POINTS = 10;
    static final int MAX_ANSWER_LENGTH = 200;

    private QuestionReader() {
    }

    static List<Question> questions(JsonNode yaml, String file) {
        JsonNode list = CatalogYaml.at(yaml, "questions");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new CatalogException(file, "questions", "must be a list");
        }
        List<Question> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "questions[" + i + "]";
            JsonNode q = list.get(i);
            if (!q.isObject()) {
                throw new CatalogException(file, field, "must be a mapping with id, prompt, answers and points");
            }
            for (var it = q.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!Set.of("id", "prompt", "answers", "points").contains(name)) {
                    throw new CatalogException(file, field + "." + name, "is not a field of a question; use id, prompt, answers, points");
                }
            }
            String id = CatalogYaml.text(q, "id", file + " " + field);
            if (!ID.matcher(id).matches()) {
                throw new CatalogException(file, field + ".id", "must be lower-case letters, digits and '-', at most 40 characters");
            }
            if (!ids.add(id)) {
                throw new CatalogException(file, field + ".id", "'" + id + "' is used by another question");
            }
            Map<String, String> prompts = new LinkedHashMap<>();
            JsonNode prompt = q.get("prompt");
            if (prompt == null || !prompt.isObject()) {
                throw new CatalogException(file, field + ".prompt", "is required: a prompt for each of " + Question.LANGUAGES);
            }
            for (var it = prompt.fields(); it.hasNext();) {
                var e = it.next();
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new CatalogException(file, field + ".prompt." + e.getKey(), "must be a non-empty string");
                }
                prompts.put(e.getKey(), e.getValue().asText().strip());
            }
            for (String language : Question.LANGUAGES) {
                if (!prompts.containsKey(language)) {
                    throw new CatalogException(file, field + ".prompt." + language, "is required");
                }
            }
            List<String> answers = CatalogYaml.stringList(q, "answers", file + " " + field);
            for (int a = 0; a < answers.size(); a++) {
                String n = Question.normalise(answers.get(a));
                if (n.isEmpty() || n.length() > MAX_ANSWER_LENGTH) {
                    throw new CatalogException(file, field + ".answers[" + a + "]",
                            "must have 1 to " + MAX_ANSWER_LENGTH + " characters besides spaces");
                }
            }
            int points = 1;
            JsonNode p = q.get("points");
            if (p != null && !p.isNull()) {
                if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > MAX_POINTS) {
                    throw new CatalogException(file, field + ".points", "must be a whole number from 1 to " + MAX_POINTS);
                }
                points = p.asInt();
            }
            out.add(new Question(id, Map.copyOf(prompts), List.copyOf(answers), points));
        }
        return List.copyOf(out);
    }
}
