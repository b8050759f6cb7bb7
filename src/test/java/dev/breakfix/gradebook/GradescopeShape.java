package dev.breakfix.gradebook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A structural validator for Gradescope's autograder results.json, written from its documentation
 * ("Autograder Specifications", Output format): the top level may have score (number; required unless every
 * test has one), execution_time (integer seconds), output, visibility, stdout_visibility, extra_data, tests,
 * leaderboard, and output format keys; a test has score, max_score, status (passed|failed), name,
 * name_format, number, output, output_format, tags, visibility, extra_data. Visibility is one of hidden,
 * after_due_date, after_published, visible. Unknown keys are reported (a typo such as maxScore would
 * be ignored by Gradescope silently). Returns the problems found; empty means valid.
 */
final class GradescopeShape {

    static final Set<String> VISIBILITY = Set.of("hidden", "after_due_date", "after_published", "visible");
    static final Set<String> FORMATS = Set.of("text", "html", "simple_format", "md", "ansi");
    private static final Map<String, String> TOP = Map.ofEntries(
            Map.entry("score", "number"), Map.entry("execution_time", "integer"), Map.entry("output", "string"),
            Map.entry("output_format", "format"), Map.entry("test_output_format", "format"),
            Map.entry("test_name_format", "format"), Map.entry("visibility", "visibility"),
            Map.entry("stdout_visibility", "visibility"), Map.entry("extra_data", "object"),
            Map.entry("tests", "array"), Map.entry("leaderboard", "array"));
    private static final Map<String, String> TEST = Map.ofEntries(
            Map.entry("score", "number"), Map.entry("max_score", "number"), Map.entry("status", "status"),
            Map.entry("name", "string"), Map.entry("name_format", "format"), Map.entry("number", "string"),
            Map.entry("output", "string"), Map.entry("output_format", "format"), Map.entry("tags", "strings"),
            Map.entry("visibility", "visibility"), Map.entry("extra_data", "object"));

    private GradescopeShape() {
    }

    static List<String> problems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return List.of("the top level is not an object");
        }
        check(root, TOP, "", problems);
        JsonNode tests = root.get("tests");
        boolean everyTestScored = tests != null && tests.isArray() && tests.size() > 0;
        double sum = 0;
        if (tests != null && tests.isArray()) {
            for (int i = 0; i < tests.size(); i++) {
                JsonNode t = tests.get(i);
                String at = "tests[" + i + "].";
                if (!t.isObject()) {
                    problems.add(at + " is not an object");
                    continue;
                }
                check(t, TEST, at, problems);
                if (t.get("score") == null) {
                    everyTestScored = false;
                } else if (t.get("score").isNumber()) {
                    sum += t.get("score").asDouble();
                    if (t.get("max_score") != null && t.get("score").asDouble() > t.get("max_score").asDouble()) {
                        problems.add(at + "score is above max_score");
                    }
                }
                if (t.get("score") != null && t.get("max_score") == null) {
                    problems.add(at + "max_score is missing");
                }
            }
        }
        if (root.get("score") == null && !everyTestScored) {
            problems.add("score is required unless every test has one");
        }
        if (root.get("score") != null && root.get("score").isNumber() && tests != null && tests.isArray()
                && Math.abs(root.get("score").asDouble() - sum) > 1e-9) {
            problems.add("score " + root.get("score").asDouble() + " is not the sum of the tests' scores " + sum);
        }
        return problems;
    }

    private static void check(JsonNode object, Map<String, String> allowed, String at, List<String> problems) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            String type = allowed.get(name);
            JsonNode v = object.get(name);
            if (type == null) {
                problems.add(at + name + " is not a key Gradescope knows");
                continue;
            }
            boolean ok = switch (type) {
                case "number" -> v.isNumber();
                case "integer" -> v.isIntegralNumber();
                case "string" -> v.isTextual();
                case "object" -> v.isObject();
                case "array" -> v.isArray();
                case "strings" -> v.isArray() && iterable(v).stream().allMatch(JsonNode::isTextual);
                case "visibility" -> v.isTextual() && VISIBILITY.contains(v.asText());
                case "format" -> v.isTextual() && FORMATS.contains(v.asText());
                case "status" -> v.isTextual() && Set.of("passed", "failed").contains(v.asText());
                default -> false;
            };
            if (!ok) {
                problems.add(at + name + " is not a valid " + type + ": " + v);
            }
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
