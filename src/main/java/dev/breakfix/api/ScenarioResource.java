package dev.breakfix.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.security.Roles;

@Path("/api/scenarios")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scenarios")
@RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
public class ScenarioResource {

    /** What a caller learns of a scenario; hints and solutions stay on the pages. */
    public record ScenarioSummary(String id, String title, int order, String summary, String workloadKind,
            String workloadName, Map<String, String> containers, Set<String> brokenStates, int hints) {

        static ScenarioSummary of(Scenario s) {
            return new ScenarioSummary(s.id(), s.title(), s.order(), s.summary(), s.workload().kind().name(),
                    s.workload().name(), s.workload().containers(), s.expect().states(), s.hints().size());
        }
    }

    private final Catalog catalog;

    public ScenarioResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Every scenario, in the chapter's order")
    public List<ScenarioSummary> list() {
        return catalog.all().stream().map(ScenarioSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One scenario")
    public ScenarioSummary get(@PathParam("id") String id) {
        return ScenarioSummary.of(catalog.get(id));
    }
}
