package dev.breakfix.instructor;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import dev.breakfix.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Instructor sign-in and sign-out, apart from the learners' join page. */
@Path("/instructor")
@Produces(MediaType.TEXT_HTML)
public class InstructorLogin {

    private static final Logger LOG = Logger.getLogger(InstructorLogin.class);

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance login(InstructorFrame frame, String name, String next, String error);
    }

    @Inject
    SecurityIdentity identity;

    private final InstructorSessions sessions;

    public InstructorLogin(InstructorSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next) {
        if (identity.hasRole(Roles.INSTRUCTOR)) {
            return Response.seeOther(URI.create(safeNext(next))).build();
        }
        return Response.ok(page(null, next, null)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("name") String name, @FormParam("password") String password,
            @FormParam("next") String next, @Context UriInfo uri, @Context HttpServerRequest request) {
        if (!CsrfFilter.sameOrigin(request)) {
            return Response.status(403).entity(page(name, next, "This sign-in came from another site and was refused.")).build();
        }
        if (!sessions.signInMatches(name, password)) {
            LOG.infof("Failed instructor sign-in from %s", request.remoteAddress());
            return Response.status(401).header("Cache-Control", "no-store")
                    .entity(page(name, next, "Sign-in failed: that name and password do not match an instructor account."))
                    .build();
        }
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(sessions.cookie(sessions.issue(name.strip()), secure)).build();
    }

    @POST
    @Path("logout")
    public Response signOut(@Context UriInfo uri, @Context HttpServerRequest request,
            @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if (!CsrfFilter.sameOrigin(request) || "cross-site".equals(fetchSite)) {
            return Response.status(403).build();
        }
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/instructor/login")).cookie(sessions.cleared(secure)).build();
    }

    /** Only a path of the instructor's own pages; anything else (another site, //host) goes to the matrix. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/instructor") || next.startsWith("/instructor/login") || next.contains("\\")
                || next.contains("//") || next.length() > 300) {
            return "/instructor";
        }
        return next;
    }

    private TemplateInstance page(String name, String next, String error) {
        return Templates.login(new InstructorFrame(null, null, "login", null, null), name,
                next == null ? "" : safeNext(next), error);
    }
}
