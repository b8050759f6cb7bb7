package dev.breakfix.terminal;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.Languages;
import dev.breakfix.web.i18n.RequestLanguage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The browser terminal's page: a full-height xterm.js bound to {@code /learn/terminal/{scenario}}. Without a learner
 * session it sends the browser to the join page.
 */
@Path("/learn/labs/{scenario}/terminal")
public class TerminalPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance terminal(String learner, String scenario, String title, String namespace);
    }

    @Inject
    SecurityIdentity identity;
    @Inject
    Catalog catalog;
    @Inject
    RequestLanguage language;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("scenario") String scenario) {
        if (identity.isAnonymous()) {
            return Response.status(302).location(URI.create("/")).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        if (!identity.hasRole(Roles.LEARNER)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity(language.messages().termLearnersOnly()).build();
        }
        Scenario s = catalog.find(scenario).orElse(null);
        if (s == null) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity(language.messages().noSuchLab()).build();
        }
        LearnerId learner = LearnerId.of(identity.getPrincipal().getName());
        LabKey lab = new LabKey(learner, s.id());
        return Response.ok(Templates.terminal(learner.id(), s.id(), s.in(Languages.code(language.current())).title(), lab.namespace()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
