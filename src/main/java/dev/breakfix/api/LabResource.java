package dev.breakfix.api;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.diagnosis.Texts;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LabView;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import io.smallrye.common.annotation.Blocking;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Labs")
public class LabResource {

    private final LabService labs;
    private final Grader grader;

    public LabResource(LabService labs, Grader grader) {
        this.labs = labs;
        this.grader = grader;
    }

    @GET
    @Path("labs")
    @RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
    @Operation(summary = "Every lab of the class, with its progress and Pods")
    public List<LabView> all() {
        return labs.all();
    }

    @GET
    @Path("learners/{learner}/labs")
    @RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
    @Operation(summary = "Every lab of one learner")
    public List<LabView> ofLearner(@PathParam("learner") String learner) {
        return labs.ofLearner(LearnerId.of(learner));
    }

    @PUT
    @Path("labs/{learner}/{scenario}")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Start a lab: inject the broken scenario into the learner's own namespace (idempotent)")
    public Response start(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        LabKey lab = labs.key(learner, scenario);
        boolean created = labs.start(lab);
        LabView view = labs.awaitView(lab);
        return created
                ? Response.created(URI.create("/api/labs/" + lab.learner().name() + "/" + lab.scenario())).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("labs/{learner}/{scenario}")
    @RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
    @Operation(summary = "A lab's progress and the diagnosis of its Pods")
    public LabView get(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        return labs.view(labs.key(learner, scenario));
    }

    @POST
    @Path("labs/{learner}/{scenario}/grade")
    @Blocking
    @RolesAllowed({ Roles.INSTRUCTOR, Roles.GRADER })
    @Operation(summary = "Grade the learner's fix; with wait, answer as soon as it passes or when the time is up")
    public CompletionStage<GradeReport> grade(@PathParam("learner") String learner, @PathParam("scenario") String scenario,
            @Parameter(description = "how long to wait for a pass: 30s, 2m, PT30S (default: do not wait)") @QueryParam("wait") String wait,
            @Parameter(description = "count this as an attempt and keep the result") @QueryParam("record") @DefaultValue("true") boolean record,
            @Parameter(description = "zh for the diagnosis and coaching in Chinese (default English)") @HeaderParam("Accept-Language") String language) {
        return grader.gradeWaiting(labs.key(learner, scenario), Durations.parse(wait, "wait"), record,
                Texts.fromAcceptLanguage(language));
    }

    @POST
    @Path("labs/{learner}/{scenario}/reset")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Return the lab to its exact broken state")
    public LabView reset(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        LabKey lab = labs.key(learner, scenario);
        labs.reset(lab);
        return labs.view(lab);
    }

    @POST
    @Path("labs/{learner}/{scenario}/solve")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Apply the chapter's solution to the lab (to demonstrate a fix)")
    public LabView solve(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        LabKey lab = labs.key(learner, scenario);
        labs.solve(lab);
        return labs.view(lab);
    }

    @DELETE
    @Path("labs/{learner}/{scenario}")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Delete the lab: its namespace and the learner's node label")
    public Response delete(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        labs.delete(labs.key(learner, scenario));
        return Response.noContent().build();
    }

    @PUT
    @Path("learners/{learner}/node-label/{node}")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Label a node with the learner's own label (nginx-selector)")
    public Response labelNode(@PathParam("learner") String learner, @PathParam("node") String node) {
        labs.labelNode(LearnerId.of(learner), node);
        return Response.noContent().build();
    }

    @DELETE
    @Path("learners/{learner}/node-label/{node}")
    @RolesAllowed(Roles.INSTRUCTOR)
    @Operation(summary = "Remove the learner's own label from a node")
    public Response unlabelNode(@PathParam("learner") String learner, @PathParam("node") String node) {
        labs.unlabelNode(LearnerId.of(learner), node);
        return Response.noContent().build();
    }
}
