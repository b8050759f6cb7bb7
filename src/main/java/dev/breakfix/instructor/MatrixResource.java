package dev.breakfix.instructor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.security.Roles;
import io.smallrye.mutiny.Multi;

/** The class matrix for instructors: once as JSON, or live over server-sent events. */
@Path("/api/class/matrix")
@RolesAllowed(Roles.INSTRUCTOR)
@Tag(name = "Class")
public class MatrixResource {

    private final ClassMatrix matrix;
    private final MatrixFeed feed;

    public MatrixResource(ClassMatrix matrix, MatrixFeed feed) {
        this.matrix = matrix;
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every learner x scenario with the live state of the lab, from the cache")
    public Matrix get() {
        return matrix.snapshot();
    }

    /**
     * A {@code matrix} event with the whole matrix first (and again whenever learners come or go), then
     * {@code cells} events with only the cells that changed: {@code {"cells":[{"learner","name","scenario","cell"}]}}.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The matrix, then its changes, as server-sent events")
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        return feed.follow().map(m -> sse.newEventBuilder().name(m.event()).data(m.json()).build());
    }
}
