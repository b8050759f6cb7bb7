package dev.breakfix.web.pages;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.lab.LabKey;
import dev.breakfix.security.Roles;
import dev.breakfix.web.i18n.Msg;
import dev.breakfix.web.i18n.RequestLanguage;
import dev.breakfix.web.live.LiveStreams;
import dev.breakfix.web.live.PodLogs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/** The live cluster panel of a lab page: pushed over SSE as the cache changes, and the containers' logs on demand. */
@Path("/labs/{scenario}")
@RolesAllowed(Roles.LEARNER)
public class LabLive {

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestLanguage language;

    private final Catalog catalog;
    private final ClusterState cluster;
    private final LabViews views;
    private final LiveStreams streams;
    private final PodLogs logs;
    private final dev.breakfix.timeline.LabTimelines timelines;

    public LabLive(Catalog catalog, ClusterState cluster, LabViews views, LiveStreams streams, PodLogs logs,
            dev.breakfix.timeline.LabTimelines timelines) {
        this.timelines = timelines;
        this.catalog = catalog;
        this.cluster = cluster;
        this.views = views;
        this.streams = streams;
        this.logs = logs;
    }

    /**
     * Server-sent events for htmx's sse extension: {@code panel} (Pods, events, diagnosis) and
     * {@code summary} (one line, for the page's aria-live region), each sent when it changed.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@PathParam("scenario") String scenario, @Context Sse sse) {
        Scenario s = catalog.get(scenario);
        LabKey lab = new LabKey(LabPages.learner(identity), s.id());
        // the panel is rendered whenever the cluster changes, outside of this request: keep its language now
        Locale locale = language.current();
        return streams.follow(lab.namespace(), () -> {
            LivePanel live = views.live(lab, s, locale);
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("panel", LabPages.Templates.lab$live(live).setLocale(locale).render());
            parts.put("summary", LabPages.Templates.lab$summary(live).setLocale(locale).render());
            parts.put("timeline", dev.breakfix.timeline.TimelineTemplates.Templates
                    .chart(timelines.chart(lab.namespace(), s.id(), locale)).setLocale(locale).render());
            return parts;
        }).map(part -> sse.newEventBuilder().name(part.name()).data(part.html()).build());
    }

    /** The live panel once, for a page that cannot keep an event stream open. */
    @GET
    @Path("panel")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance panel(@PathParam("scenario") String scenario) {
        Scenario s = catalog.get(scenario);
        return LabPages.Templates.lab$live(views.live(new LabKey(LabPages.learner(identity), s.id()), s, language.current()));
    }

    /** A container's log (the last 200 lines), current or of the previous run, from the learner's own lab. */
    @GET
    @Path("logs")
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance logs(@PathParam("scenario") String scenario, @QueryParam("pod") String pod,
            @QueryParam("container") String container, @QueryParam("previous") @DefaultValue("false") boolean previous) {
        Scenario s = catalog.get(scenario);
        LabKey lab = new LabKey(LabPages.learner(identity), s.id());
        String namespace = lab.namespace();
        Pod p = pod == null ? null : cluster.pod(namespace, pod).orElse(null);
        Msg msg = language.messages();
        if (p == null) {
            return LabPages.Templates.lab$notice("warn", msg.noSuchPod(), msg.noSuchPodText());
        }
        boolean known = p.getSpec() != null && p.getSpec().getContainers().stream().map(Container::getName)
                .anyMatch(c -> c.equals(container));
        if (!known) {
            return LabPages.Templates.lab$notice("warn", msg.noSuchContainer(), msg.noSuchContainerText(pod));
        }
        return LabPages.Templates.lab$logs(logs.read(namespace, pod, container, previous, msg), namespace);
    }
}
