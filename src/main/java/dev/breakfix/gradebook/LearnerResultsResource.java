package dev.breakfix.gradebook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;

/** One learner's results for Gradescope (under {@code /api}, the class-level path of the lab API). */
@Path("/api")
@Tag(name = "Gradebook")
@RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
public class LearnerResultsResource {

    private final Gradebook gradebook;
    private final Catalog catalog;
    private final Clock clock;

    public LearnerResultsResource(Gradebook gradebook, Catalog catalog, Clock clock) {
        this.gradebook = gradebook;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GET
    @Path("learners/{learner}/results.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One learner's results in Gradescope's autograder results.json format")
    public GradescopeResults results(@PathParam("learner") String learner) {
        Instant start = clock.instant();
        LearnerId known = gradebook.find(LearnerId.of(learner))
                .orElseThrow(() -> new NotFoundException("no learner " + learner + " in this class"));
        List<GradebookRow> rows = gradebook.rowsOf(known);
        List<GradescopeResults.Test> tests = new ArrayList<>();
        int passed = 0;
        double total = 0;
        double max = 0;
        for (int i = 0; i < rows.size(); i++) {
            GradebookRow r = rows.get(i);
            Scenario scenario = catalog.get(r.scenario());
            passed += r.passed() ? 1 : 0;
            total += r.score();
            max += r.maxScore();
            tests.add(new GradescopeResults.Test(scenario.title(), Integer.toString(i + 1), r.score(), r.maxScore(),
                    r.passed() ? "passed" : "failed", testOutput(r), List.of(scenario.id()), "visible"));
        }
        String output = known.id() + ": " + passed + " of " + rows.size() + " labs fixed, " + fmt(total) + " of "
                + fmt(max) + " points (the last grade of each lab, as recorded on the cluster).";
        int seconds = (int) Duration.between(start, clock.instant()).toSeconds();
        return new GradescopeResults(total, Math.max(0, seconds), output, "visible", "hidden", tests);
    }

    private static String testOutput(GradebookRow r) {
        if (r.attempts() == 0 && r.firstPassedAt() == null) {
            return "Not graded yet (" + r.scenario() + "): the lab was not started or its fix was never checked.";
        }
        StringBuilder s = new StringBuilder(r.passed() ? "Fixed" : "Not fixed at the last check");
        s.append(": ").append(r.score()).append('/').append(r.maxScore()).append(" points, graded ")
                .append(r.attempts()).append(r.attempts() == 1 ? " time" : " times");
        if (r.firstPassedAt() != null) {
            s.append(", first passed at ").append(r.firstPassedAt());
        }
        s.append(", ").append(r.hintsUsed()).append(r.hintsUsed() == 1 ? " hint" : " hints").append(" used.");
        return s.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
