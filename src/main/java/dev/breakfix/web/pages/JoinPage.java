package dev.breakfix.web.pages;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.breakfix.lab.InvalidLearnerIdException;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.RequestLanguage;
import dev.breakfix.web.session.LearnerSessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The front door: a learner enters a display name and the class join code and gets a session. The same
 * name and code on a second device continue as the same learner.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class JoinPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance join(Frame frame, boolean open, String name, String error);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestLanguage language;

    private final LearnerSessions sessions;
    private final LabViews views;

    public JoinPage(LearnerSessions sessions, LabViews views) {
        this.sessions = sessions;
        this.views = views;
    }

    @GET
    public Response home() {
        if (identity.hasRole(Roles.LEARNER)) {
            return Response.seeOther(URI.create("/labs")).build();
        }
        return Response.ok(form(null, null)).build();
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response join(@FormParam("name") String name, @FormParam("code") String code, @Context UriInfo uri) {
        if (!sessions.joinOpen()) {
            return Response.status(403).entity(form(name, null)).build();
        }
        LearnerId learner;
        try {
            learner = LearnerId.of(name);
        } catch (InvalidLearnerIdException e) {
            return Response.status(400).entity(form(name, language.messages().joinBadName(e.getMessage()))).build();
        }
        if (!sessions.joinCodeMatches(code)) {
            return Response.status(403).entity(form(name, language.messages().joinBadCode())).build();
        }
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/labs")).cookie(sessions.cookieFor(learner.id(), secure)).build();
    }

    /** The language switch on a form that answered a join: back to the join page, in the chosen language. */
    @GET
    @Path("join")
    public Response joinPage() {
        return Response.seeOther(URI.create("/")).build();
    }

    @POST
    @Path("leave")
    public Response leave(@Context UriInfo uri) {
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/")).cookie(sessions.cleared(secure)).build();
    }

    private TemplateInstance form(String name, String error) {
        return Templates.join(views.frame(null), sessions.joinOpen(), name, error);
    }
}
