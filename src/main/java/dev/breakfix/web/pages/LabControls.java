package dev.breakfix.web.pages;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.UnknownScenarioException;
import dev.breakfix.cluster.ClusterUnavailableException;
import dev.breakfix.grading.Grader;
import dev.breakfix.injector.LabBusyException;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.progress.ProgressStore;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.Messages;
import dev.breakfix.web.i18n.Msg;
import dev.breakfix.web.i18n.RequestLanguage;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** What the learner does on the lab page besides acting on the cluster: check, reset, hints. Answers with fragments. */
@Path("/labs/{scenario}")
@RolesAllowed(Roles.LEARNER)
@Produces(MediaType.TEXT_HTML)
public class LabControls {

    /** The longest the page's automatic re-grade may wait for a pass. */
    static final long MAX_WAIT_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(LabControls.class);

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestLanguage language;

    private final Catalog catalog;
    private final LabService labs;
    private final Grader grader;
    private final ProgressStore progress;
    private final LabViews views;

    public LabControls(Catalog catalog, LabService labs, Grader grader, ProgressStore progress, LabViews views) {
        this.catalog = catalog;
        this.labs = labs;
        this.grader = grader;
        this.progress = progress;
        this.views = views;
    }

    private LabKey lab(String scenario) {
        return new LabKey(LabPages.learner(identity), catalog.get(scenario).id());
    }

    /**
     * "Check my fix": grades now and counts the attempt. With {@code wait} (seconds), waits for a pass that
     * far, as the page does once the stability window has run.
     */
    @POST
    @Path("check")
    @Blocking
    public CompletionStage<TemplateInstance> check(@PathParam("scenario") String scenario,
            @QueryParam("wait") @DefaultValue("0") long wait) {
        LabKey lab = lab(scenario);
        Scenario s = catalog.get(lab.scenario());
        Duration limit = Duration.ofSeconds(Math.max(0, Math.min(wait, MAX_WAIT_SECONDS)));
        // the grade may be rendered on another thread, after the request: keep its language now; the diagnosis
        // and coaching come in the same language
        Locale locale = language.current();
        return grader.gradeWaiting(lab, limit, true, locale).thenApply(report -> {
            SolutionView solution = report.passed() ? views.solution(lab, s, locale) : null;
            return LabPages.Templates.lab$grade(new GradeView(s.id(), report, views.next(s, locale).orElse(null), solution))
                    .setLocale(locale);
        });
    }

    /** Gives back the exact broken state; the live panel follows on its own. */
    @POST
    @Path("reset")
    public TemplateInstance reset(@PathParam("scenario") String scenario) {
        LabKey lab = lab(scenario);
        labs.reset(lab);
        Msg msg = language.messages();
        return LabPages.Templates.lab$notice("info", msg.resetDone(), msg.resetDoneText());
    }

    /** Reveals hints up to number {@code reveal} (one more than shown), and remembers it on the lab. */
    @POST
    @Path("hints")
    public TemplateInstance hints(@PathParam("scenario") String scenario, @QueryParam("reveal") @DefaultValue("1") int reveal) {
        LabKey lab = lab(scenario);
        Scenario s = catalog.get(lab.scenario()).in(dev.breakfix.web.i18n.Languages.code(language.current()));
        HintsView current = views.hints(lab, s);
        if (!current.started()) {
            return LabPages.Templates.lab$hints(current);
        }
        int wanted = Math.max(current.revealed().size(), Math.min(reveal, s.hints().size()));
        if (wanted > current.revealed().size()) {
            progress.recordHintsUsed(lab.namespace(), wanted);
        }
        return LabPages.Templates.lab$hints(views.hints(s, true, wanted));
    }

    @ServerExceptionMapper
    public Response notStarted(LabNotFoundException e) {
        Msg msg = language.messages();
        return fragment(409, "warn", msg.notStarted(), msg.notStartedText());
    }

    @ServerExceptionMapper
    public Response busy(LabBusyException e) {
        return fragment(409, "warn", language.messages().busy(), e.message(language.current()));
    }

    @ServerExceptionMapper
    public Response unknown(UnknownScenarioException e) {
        return fragment(404, "error", language.messages().noSuchLabTitle(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(ClusterUnavailableException e) {
        return fragment(503, "error", language.messages().clusterUnreachable(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response cluster(KubernetesClientException e) {
        LOG.warnf("Lab control failed: %s", e.getMessage());
        Msg msg = language.messages();
        return fragment(503, "error", msg.clusterNoAnswer(), e.getCode() == 0
                ? msg.clusterNoAnswerText()
                : msg.apiAnswered(e.getCode(), e.getMessage()));
    }

    /** htmx swaps 2xx only: error fragments are sent as 200 with the real status in a header. */
    private static Response fragment(int status, String tone, String title, String message) {
        return Response.ok(LabPages.Templates.lab$notice(tone, title, message)).type(MediaType.TEXT_HTML)
                .header("X-Breakfix-Status", status).build();
    }
}
