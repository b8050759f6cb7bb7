package dev.breakfix.instructor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.UnknownScenarioException;
import dev.breakfix.cluster.ClusterHealthCheck;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import dev.breakfix.web.live.LiveStreams;
import dev.breakfix.web.pages.Frame;
import dev.breakfix.web.pages.GradeView;
import dev.breakfix.web.pages.LabPage;
import dev.breakfix.web.pages.LabPages;
import dev.breakfix.web.pages.LabViews;
import dev.breakfix.web.pages.LivePanel;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;

/**
 * The instructor's pages: the class matrix, a learner's lab as the learner sees it (read-only), and
 * preflight. The pages' scripts call {@code /api/class/**} with the same session.
 */
@Path("/instructor")
@RolesAllowed(Roles.INSTRUCTOR)
@Produces(MediaType.TEXT_HTML)
public class InstructorPages {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance matrix(InstructorFrame frame, List<Matrix.Column> scenarios);

        public static native TemplateInstance preflight(InstructorFrame frame);

        public static native TemplateInstance refused(InstructorFrame frame, String title, String message, int status);
    }

    @Inject
    SecurityIdentity identity;

    private final Catalog catalog;
    private final ClusterState cluster;
    private final ClassMatrix matrix;
    private final LabViews views;
    private final LiveStreams streams;
    private final Grader grader;
    private final InstructorSessions sessions;

    public InstructorPages(Catalog catalog, ClusterState cluster, ClassMatrix matrix, LabViews views, LiveStreams streams,
            Grader grader, InstructorSessions sessions) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.matrix = matrix;
        this.views = views;
        this.streams = streams;
        this.grader = grader;
        this.sessions = sessions;
    }

    private InstructorFrame frame(String section, String cookie) {
        Optional<String> problem = cluster.problem();
        String csrf = cookie == null || sessions.instructorOf(cookie).isEmpty() ? "" : sessions.csrfToken(cookie);
        return new InstructorFrame(identity.getPrincipal().getName(), csrf, section, problem.orElse(null),
                problem.map(p -> ClusterHealthCheck.WHAT_TO_DO).orElse(null));
    }

    @GET
    public TemplateInstance matrix(@CookieParam(InstructorSessions.COOKIE) String cookie) {
        return Templates.matrix(frame("class", cookie), matrix.columns());
    }

    @GET
    @Path("preflight")
    public TemplateInstance preflight(@CookieParam(InstructorSessions.COOKIE) String cookie) {
        return Templates.preflight(frame("preflight", cookie));
    }

    /** The learner's lab page as they see it, without anything that acts on the lab. */
    @GET
    @Path("labs/{learner}/{scenario}")
    public TemplateInstance lab(@PathParam("learner") String learner, @PathParam("scenario") String scenario) {
        Scenario s = catalog.get(scenario);
        LabKey lab = new LabKey(LearnerId.of(learner), s.id());
        LabPage page = views.page(lab, s);
        Frame f = page.frame();
        LabPage readOnly = new LabPage(new Frame(null, f.clusterProblem(), f.clusterHelp()), page.card(), page.total(),
                page.labHtml(), page.hints(), page.solution(), page.live(), page.tools(), page.previous(), page.next());
        ReadOnlyLab view = readOnly(lab, s);
        return LabPages.Templates.lab(readOnly, null).data("readOnly", view);
    }

    /** The live panel and the grade report of the read-only view, pushed as the cache changes. */
    @GET
    @Path("labs/{learner}/{scenario}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@PathParam("learner") String learner, @PathParam("scenario") String scenario,
            @Context Sse sse) {
        Scenario s = catalog.get(scenario);
        LabKey lab = new LabKey(LearnerId.of(learner), s.id());
        return streams.follow(lab.namespace(), () -> {
            ReadOnlyLab view = readOnly(lab, s);
            LivePanel live = views.live(lab, s);
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("panel", LabPages.Templates.lab$live(live).data("readOnly", view).render());
            parts.put("summary", LabPages.Templates.lab$summary(live).render());
            parts.put("grade", view.gradeHtml().getValue());
            return parts;
        }).map(part -> sse.newEventBuilder().name(part.name()).data(part.html()).build());
    }

    private ReadOnlyLab readOnly(LabKey lab, Scenario s) {
        String liveUrl = "/instructor/labs/" + LearnerPath.encode(lab.learner().id()) + "/" + s.id() + "/live";
        String grade = "";
        if (views.started(lab) && cluster.labNamespace(lab.namespace()).isPresent()) {
            try {
                var report = grader.grade(lab, false);
                ReadOnlyLab bare = new ReadOnlyLab(lab.learner().id(), liveUrl, new RawString(""));
                grade = LabPages.Templates.lab$grade(new GradeView(s.id(), report, null, null)).data("readOnly", bare).render();
            } catch (RuntimeException e) {
                grade = "";
            }
        }
        return new ReadOnlyLab(lab.learner().id(), liveUrl, new RawString(grade));
    }

    @ServerExceptionMapper
    public Response unknownScenario(UnknownScenarioException e) {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(Templates.refused(frame("class", null), "No such scenario", e.getMessage(), 404)).build();
    }

    /** Signed in, but not as an instructor (a learner's session, a grader's token). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML)
                .entity(Templates.refused(new InstructorFrame(null, null, "refused", null, null), "Instructors only",
                        "This page belongs to the instructor's cockpit. Sign in with an instructor account to open it.", 403))
                .build();
    }
}
