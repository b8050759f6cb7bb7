package dev.breakfix.gradebook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.security.Roles;

/**
 * Grades out: the class gradebook as CSV and JSON. (Under the same class-level path as the classroom's
 * resource, so that requests under {@code /api/class} always reach a class holding every such method.)
 */
@Path("/api/class")
@Tag(name = "Gradebook")
@RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
public class GradebookResource {

    static final List<String> CSV_HEADER = List.of("learner", "scenario", "passed", "score", "max_score", "attempts",
            "first_passed_at", "hints_used");

    private final Gradebook gradebook;
    private final Clock clock;

    public GradebookResource(Gradebook gradebook, Clock clock) {
        this.gradebook = gradebook;
        this.clock = clock;
    }

    /** The JSON gradebook. */
    public record GradebookJson(Instant generatedAt, List<GradebookRow> rows) {
    }

    @GET
    @Path("gradebook.csv")
    @Produces("text/csv")
    @Operation(summary = "The class gradebook as CSV: one row per learner and scenario")
    public Response csv() {
        StringBuilder out = new StringBuilder(Csv.record(CSV_HEADER));
        for (GradebookRow r : gradebook.rows()) {
            out.append(Csv.record(List.of(r.learner(), r.scenario(), Boolean.toString(r.passed()),
                    Integer.toString(r.score()), Integer.toString(r.maxScore()), Integer.toString(r.attempts()),
                    r.firstPassedAt() == null ? "" : r.firstPassedAt().toString(), Integer.toString(r.hintsUsed()))));
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"gradebook.csv\"")
                .build();
    }

    @GET
    @Path("gradebook.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The class gradebook as JSON: one row per learner and scenario")
    public GradebookJson json() {
        return new GradebookJson(clock.instant(), gradebook.rows());
    }
}
