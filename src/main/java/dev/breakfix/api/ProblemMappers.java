package dev.breakfix.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.actions.ActionRefusedException;
import dev.breakfix.catalog.UnknownScenarioException;
import dev.breakfix.cluster.ClusterUnavailableException;
import dev.breakfix.injector.LabBusyException;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.injector.UnknownNodeException;
import dev.breakfix.lab.InvalidLearnerIdException;
import dev.breakfix.web.i18n.Languages;
import dev.breakfix.web.i18n.Messages;
import dev.breakfix.web.i18n.RequestLanguage;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Every exception becomes a problem detail with the right status, in one place. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestLanguage language;

    @ServerExceptionMapper
    public Response unknownScenario(UnknownScenarioException e) {
        return Problem.response(Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response labNotFound(LabNotFoundException e) {
        return Problem.response(Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownNode(UnknownNodeException e) {
        return Problem.response(Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidLearner(InvalidLearnerIdException e) {
        return Problem.response(Status.BAD_REQUEST, "invalid learner id: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Problem.response(Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response busy(LabBusyException e) {
        // a learner's page shows it: in their language (API callers that ask for none get English)
        return Problem.response(Status.CONFLICT, e.message(language.current()));
    }

    /** A learner action refused by the lab's rules or by the API server, with what it means. */
    @ServerExceptionMapper
    public Response actionRefused(ActionRefusedException e) {
        // the learner's pages: their language (the switch's cookie, else Accept-Language); the JSON API's callers
        // send no Accept-Language and get English
        java.util.Locale locale = language.current();
        Status known = Status.fromStatusCode(e.status());
        String title = known != null ? known.getReasonPhrase() : e.status() == 422 ? "Unprocessable Content" : "Refused";
        // the explanation in the page's language: the dead end's words where there is one; the Pod's immutable spec,
        // the lesson's key error, also when the API server itself refused it
        String explanation = e.explanation(locale);
        if (e.coaching() == null && e.reason() == ActionRefusedException.Reason.POD_IMMUTABLE
                && !Languages.ENGLISH.getLanguage().equals(Languages.code(locale))) {
            explanation = Messages.of(locale).podImmutableExplain();
        }
        return Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new ExplainedProblem("urn:breakfix:action:" + e.reason().code(), title, e.status(), e.message(locale),
                        explanation, e.applied(), e.coaching() == null ? null : e.coaching().render(locale)))
                .build();
    }

    @ServerExceptionMapper
    public Response clusterUnavailable(ClusterUnavailableException e) {
        return Problem.response(Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response r = e.getResponse();
        return Problem.response(r.getStatus(), r.getStatusInfo().getReasonPhrase(), e.getMessage());
    }

    /** The cluster refused or could not be reached: not the caller's mistake. */
    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        if (e.getCode() == 0) {
            return Problem.response(Status.SERVICE_UNAVAILABLE, "the Kubernetes cluster cannot be reached: " + e.getMessage());
        }
        LOG.warnf("Kubernetes API refused a request: %s", e.getMessage());
        return Problem.response(Status.BAD_GATEWAY.getStatusCode(), "Kubernetes API error",
                "the Kubernetes API answered " + e.getCode() + ": "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
    }
}
