package dev.breakfix.web.pages;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.UnknownScenarioException;
import dev.breakfix.cluster.ClusterUnavailableException;
import dev.breakfix.injector.LabBusyException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.RequestLanguage;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The learner's pages: the list of labs and a lab's page. The learner always comes from the session,
 * never from the URL, so a learner can only ever see and change their own labs.
 */
@Path("/labs")
@RolesAllowed(Roles.LEARNER)
@Produces(MediaType.TEXT_HTML)
public class LabPages {

    private static final Logger LOG = Logger.getLogger(LabPages.class);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance labs(Frame frame, List<LabCard> cards, long fixed);

        public static native TemplateInstance lab(LabPage page, String alert);

        public static native TemplateInstance lab$live(LivePanel live);

        public static native TemplateInstance lab$summary(LivePanel live);

        public static native TemplateInstance lab$hints(HintsView hints);

        public static native TemplateInstance lab$grade(GradeView grade);

        public static native TemplateInstance lab$solution(SolutionView solution);

        public static native TemplateInstance lab$logs(LogView log, String namespace);

        public static native TemplateInstance lab$notice(String tone, String title, String message);

        public static native TemplateInstance missing(Frame frame, String what);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestLanguage language;

    private final Catalog catalog;
    private final LabService labs;
    private final LabViews views;

    public LabPages(Catalog catalog, LabService labs, LabViews views) {
        this.catalog = catalog;
        this.labs = labs;
        this.views = views;
    }

    static LearnerId learner(SecurityIdentity identity) {
        return LearnerId.of(identity.getPrincipal().getName());
    }

    @GET
    public TemplateInstance list() {
        LearnerId learner = learner(identity);
        List<LabCard> cards = views.cards(learner, language.current());
        return Templates.labs(views.frame(learner.id()), cards,
                cards.stream().filter(c -> c.status() == LabStatus.FIXED).count());
    }

    @GET
    @Path("{scenario}")
    public TemplateInstance lab(@PathParam("scenario") String scenario) {
        Scenario s = catalog.get(scenario);
        return Templates.lab(views.page(new LabKey(learner(identity), s.id()), s, language.current()), null);
    }

    /** Starts the lab (nothing happens when it already runs) and shows its page. */
    @POST
    @Path("{scenario}/start")
    public Response start(@PathParam("scenario") String scenario) {
        Scenario s = catalog.get(scenario);
        LabKey lab = new LabKey(learner(identity), s.id());
        try {
            labs.start(lab);
            labs.awaitView(lab);
        } catch (LabBusyException | ClusterUnavailableException | KubernetesClientException e) {
            LOG.warnf("Cannot start %s: %s", lab.namespace(), e.getMessage());
            return Response.status(e instanceof LabBusyException ? 409 : 503)
                    .entity(Templates.lab(views.page(lab, s, language.current()), language.messages().startFailed(
                            e instanceof LabBusyException busy ? busy.message(language.current()) : e.getMessage())))
                    .build();
        }
        return Response.seeOther(URI.create("/labs/" + s.id())).build();
    }

    /** The language switch on a page that answered a failed start: back to the lab's page. */
    @GET
    @Path("{scenario}/start")
    public Response startPage(@PathParam("scenario") String scenario) {
        return Response.seeOther(URI.create("/labs/" + catalog.get(scenario).id())).build();
    }

    @ServerExceptionMapper
    public Response unknownScenario(UnknownScenarioException e) {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(Templates.missing(views.frame(learner(identity).id()), language.messages().noSuchLab())).build();
    }
}
