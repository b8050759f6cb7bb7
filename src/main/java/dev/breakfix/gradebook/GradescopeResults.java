package dev.breakfix.gradebook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A learner's results in the shape of Gradescope's autograder {@code results.json}
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications"): a top-level score with one
 * test per scenario, each with its own score, maximum, passed/failed status and output. An autograder's
 * {@code run_autograder} can fetch this and write it to {@code /autograder/results/results.json}.
 *
 * @param score            the sum of the tests' scores
 * @param executionTime    seconds spent producing the results
 * @param output           text about the whole submission
 * @param visibility       when students see the results: {@code visible} (Gradescope also knows
 *                         {@code hidden}, {@code after_due_date}, {@code after_published})
 * @param stdoutVisibility whether students see the autograder's stdout
 * @param tests            one per scenario, in the chapter's order
 */
public record GradescopeResults(
        double score,
        @JsonProperty("execution_time") int executionTime,
        String output,
        String visibility,
        @JsonProperty("stdout_visibility") String stdoutVisibility,
        List<Test> tests) {

    /** One scenario as a Gradescope test case. */
    public record Test(
            String name,
            String number,
            double score,
            @JsonProperty("max_score") double maxScore,
            String status,
            String output,
            List<String> tags,
            String visibility) {
    }
}
