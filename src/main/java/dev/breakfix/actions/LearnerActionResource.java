package dev.breakfix.actions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.api.BadRequestException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.RequestLanguage;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The learner's own actions on their own lab, for the pages: the learner is the caller (the session's
 * principal), so no path names a learner and no learner can reach another's lab.
 */
@Path("/learn/api/labs/{scenario}")
@RolesAllowed(Roles.LEARNER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Learner actions")
public class LearnerActionResource {

    static final String YAML = "application/yaml";

    private final LabService labs;
    private final LabActions actions;
    private final SecurityIdentity identity;
    /** The page's language (cookie or Accept-Language), read while the request is served. */
    private final RequestLanguage language;

    public LearnerActionResource(LabService labs, LabActions actions, SecurityIdentity identity, RequestLanguage language) {
        this.labs = labs;
        this.actions = actions;
        this.identity = identity;
        this.language = language;
    }

    /*
     * Not text/plain (nor form types): a cross-site page can send those without a CORS preflight, and the
     * learner's session cookie would go with it. YAML and JSON need a preflight, which fails cross-site.
     */
    @POST
    @Path("apply")
    @Consumes({ "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.APPLICATION_JSON })
    @Operation(summary = "Apply a manifest (YAML or JSON, one or more objects) to my lab: create or update each object")
    public ActionResult apply(@PathParam("scenario") String scenario, String manifest) {
        return actions.apply(lab(scenario), manifest).in(language.current());
    }

    @DELETE
    @Path("pods/{pod}")
    @Operation(summary = "Delete a Pod of my lab, like kubectl delete pod; with wait, answer once it is gone")
    public ActionResult deletePod(@PathParam("scenario") String scenario, @PathParam("pod") String pod,
            @Parameter(description = "how long to wait until the Pod is gone: 30s, 1m (default: do not wait; at most 2m)")
            @QueryParam("wait") String wait) {
        return actions.deletePod(lab(scenario), pod, waitFor(wait)).in(language.current());
    }

    @POST
    @Path("set-image")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a container's image, like kubectl set image pod|deployment <name> <container>=<image>")
    public ActionResult setImage(@PathParam("scenario") String scenario, SetImageRequest request) {
        if (request == null) {
            throw new BadRequestException("send {\"kind\": \"pod\", \"name\": ..., \"container\": ..., \"image\": ...}");
        }
        return actions.setImage(lab(scenario), request.kind(), request.name(), request.container(), request.image())
                .in(language.current());
    }

    @PUT
    @Path("node-label/{node}")
    @Operation(summary = "Put my own node label on a node (nginx-selector)")
    public ActionResult labelNode(@PathParam("scenario") String scenario, @PathParam("node") String node) {
        return actions.labelNode(lab(scenario), node).in(language.current());
    }

    @DELETE
    @Path("node-label/{node}")
    @Operation(summary = "Remove my own node label from a node")
    public ActionResult unlabelNode(@PathParam("scenario") String scenario, @PathParam("node") String node) {
        return actions.unlabelNode(lab(scenario), node).in(language.current());
    }

    @GET
    @Path("manifest/{kind}/{name}")
    @Produces({ YAML, "text/yaml", MediaType.TEXT_PLAIN })
    @Operation(summary = "A Pod or Deployment of my lab as editable YAML (no status, no server bookkeeping)")
    public String manifest(@PathParam("scenario") String scenario, @PathParam("kind") String kind,
            @PathParam("name") String name) {
        return actions.manifest(lab(scenario), kind, name);
    }

    /** The same manifest wrapped in JSON, for callers that ask for JSON. */
    public record EditableObject(String kind, String name, String yaml) {
    }

    @GET
    @Path("manifest/{kind}/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Pod or Deployment of my lab as editable YAML, in JSON")
    public EditableObject manifestJson(@PathParam("scenario") String scenario, @PathParam("kind") String kind,
            @PathParam("name") String name) {
        return new EditableObject(LabActions.Kind.parse(kind).kind(), name, actions.manifest(lab(scenario), kind, name));
    }

    private LabKey lab(String scenario) {
        return labs.key(identity.getPrincipal().getName(), scenario);
    }

    private static java.time.Duration waitFor(String wait) {
        if (wait == null || wait.isBlank()) {
            return java.time.Duration.ZERO;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,4})(s|m)?").matcher(wait.strip());
        if (!m.matches()) {
            throw new BadRequestException("wait must be a duration such as 30s or 1m, not '" + wait + "'");
        }
        java.time.Duration d = "m".equals(m.group(2)) ? java.time.Duration.ofMinutes(Long.parseLong(m.group(1)))
                : java.time.Duration.ofSeconds(Long.parseLong(m.group(1)));
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }

    static final java.time.Duration MAX_WAIT = java.time.Duration.ofMinutes(2);
}
