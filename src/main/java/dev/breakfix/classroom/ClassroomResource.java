package dev.breakfix.classroom;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.api.BadRequestException;
import dev.breakfix.api.Problem;
import dev.breakfix.security.Roles;

/** Running a class: bulk operations over labs, and ending the class. Instructors only. */
@Path("/api/class")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Class")
@RolesAllowed(Roles.INSTRUCTOR)
public class ClassroomResource {

    /** What the instructor types to end the class. */
    public static final String END_CONFIRMATION = "end class";

    private final ClassOperations operations;
    private final ClassEnd classEnd;

    public ClassroomResource(ClassOperations operations, ClassEnd classEnd) {
        this.operations = operations;
        this.classEnd = classEnd;
    }

    @POST
    @Path("operations")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Start, reset, solve or delete the labs of a selection "
            + "(no learners: the whole class; no scenarios: every scenario); answers at once, the operation runs on")
    public Response submit(OperationRequest request) {
        BulkOperation op = operations.submit(request);
        return Response.accepted(op.snapshot()).location(URI.create("/api/class/operations/" + op.id())).build();
    }

    @GET
    @Path("operations")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The operations kept in memory, newest first")
    public List<Operation> list() {
        return operations.list();
    }

    @GET
    @Path("operations/{id}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One operation with the state of each of its labs")
    public Operation get(@PathParam("id") String id) {
        return operations.find(id).map(BulkOperation::snapshot)
                .orElseThrow(() -> new NotFoundException("no operation '" + id + "' (only the last ones are kept)"));
    }

    @POST
    @Path("end")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "End the class: remove every lab namespace, "
            + "learner home namespace and learner node label (body {\"confirm\": \"end class\"})")
    public ClassEndResult end(EndRequest request) {
        if (request == null || !END_CONFIRMATION.equals(request.confirm())) {
            throw new BadRequestException("to end the class, send {\"confirm\": \"" + END_CONFIRMATION + "\"}");
        }
        return classEnd.end();
    }

    @ServerExceptionMapper
    public Response incomplete(ClassEnd.IncompleteException e) {
        return Problem.response(Response.Status.BAD_GATEWAY.getStatusCode(), "Class end incomplete", e.getMessage());
    }
}
