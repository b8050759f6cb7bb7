package dev.breakfix.preflight;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.api.Problem;
import dev.breakfix.security.Roles;

/** The instructor's checklist before a class, and the pre-pull of images. */
@Path("/api/class/preflight")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preflight")
@RolesAllowed(Roles.INSTRUCTOR)
public class PreflightResource {

    private static final URI LOCATION = URI.create("/api/class/preflight");

    private final Preflight preflight;

    public PreflightResource(Preflight preflight) {
        this.preflight = preflight;
    }

    @POST
    @Operation(summary = "Start the preflight checklist (one run at a time); poll GET for the report")
    public Response start() {
        try {
            return Response.accepted(preflight.start()).location(LOCATION).build();
        } catch (PreflightBusyException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @GET
    @Operation(summary = "The latest preflight or pre-pull report")
    public Response latest() {
        return preflight.latest().map(r -> Response.ok(r).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND,
                        "no preflight has run yet; POST /api/class/preflight starts one"));
    }

    @POST
    @Path("prepull")
    @Operation(summary = "Pull every image the class needs on every node now (one Pod per node and image)")
    public Response prepull() {
        try {
            return Response.accepted(preflight.prepull()).location(LOCATION).build();
        } catch (PreflightBusyException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }
}
