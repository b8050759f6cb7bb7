package dev.breakfix.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The learner's kubeconfig for one of their labs. The learner is the session's, never a path parameter: nobody can
 * download a kubeconfig for someone else.
 */
@Path("/learn/labs/{scenario}/kubeconfig")
@RolesAllowed(Roles.LEARNER)
@Tag(name = "Learner actions")
public class KubeconfigResource {

    static final String YAML = "application/yaml";
    private static final Logger LOG = Logger.getLogger(KubeconfigResource.class);

    private final Kubeconfigs kubeconfigs;
    private final SecurityIdentity identity;

    public KubeconfigResource(Kubeconfigs kubeconfigs, SecurityIdentity identity) {
        this.kubeconfigs = kubeconfigs;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Download a kubeconfig for my lab: my own ServiceAccount's short-lived token, the lab's namespace as default")
    public Response kubeconfig(@PathParam("scenario") String scenario) {
        LearnerId learner = LearnerId.of(identity.getPrincipal().getName());
        String yaml = kubeconfigs.issue(learner, scenario);
        return Response.ok(yaml, YAML + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=breakfix-" + scenario.replaceAll("[^A-Za-z0-9._-]", "") + ".kubeconfig")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(AccessUnavailableException e) {
        LOG.warnf("No kubeconfig: %s", e.getMessage());
        return Response.status(503).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response cluster(KubernetesClientException e) {
        LOG.warnf("No kubeconfig, the cluster answered: %s", e.getMessage());
        return Response.status(503).type(MediaType.TEXT_PLAIN)
                .entity("The Kubernetes cluster cannot be reached right now; try again in a moment.").build();
    }
}
