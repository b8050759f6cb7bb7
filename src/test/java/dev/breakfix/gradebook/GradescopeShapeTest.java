package dev.breakfix.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The validator itself must catch what Gradescope would reject or silently ignore. */
class GradescopeShapeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void acceptsTheDocumentedExample() throws Exception {
        String doc = """
                {"score": 44.0, "execution_time": 136, "output": "Text", "visibility": "after_due_date",
                 "stdout_visibility": "visible", "extra_data": {},
                 "tests": [{"score": 2.0, "max_score": 2.0, "status": "passed", "name": "A", "number": "1.1",
                            "output": "ok", "tags": ["t"], "visibility": "visible", "extra_data": {}},
                           {"score": 42.0, "max_score": 50.0, "status": "failed", "name": "B"}]}
                """;
        assertThat(GradescopeShape.problems(json.readTree(doc))).isEmpty();
    }

    @Test
    void rejectsWrongTypesUnknownKeysBadStatusAndWrongSums() throws Exception {
        String doc = """
                {"score": "10", "visibility": "public",
                 "tests": [{"score": 3, "maxScore": 2, "status": "ok", "name": 1},
                           {"score": 5, "max_score": 4, "status": "passed"}]}
                """;
        assertThat(GradescopeShape.problems(json.readTree(doc))).contains(
                "score is not a valid number: \"10\"",
                "visibility is not a valid visibility: \"public\"",
                "tests[0].maxScore is not a key Gradescope knows",
                "tests[0].status is not a valid status: \"ok\"",
                "tests[0].name is not a valid string: 1",
                "tests[0].max_score is missing",
                "tests[1].score is above max_score");
        assertThat(GradescopeShape.problems(json.readTree("{\"score\": 1, \"tests\": [{\"score\": 2, \"max_score\": 2}]}")))
                .containsExactly("score 1.0 is not the sum of the tests' scores 2.0");
    }
}
