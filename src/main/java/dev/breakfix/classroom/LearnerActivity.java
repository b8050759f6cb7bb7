package dev.breakfix.classroom;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.ProgressStore;
import dev.breakfix.security.Roles;

/**
 * Records on a lab's namespace ({@code breakfix.dev/last-activity}, via {@link ProgressStore}) when its learner
 * used it: opening the lab page, checking, hints, reset, the tools, the kubeconfig and the terminal. The live
 * panel's own refreshes do not count (a tab left open is not a learner at work). At most one write per lab a
 * minute, sent off the request thread; the idle clean-up ({@link IdleLabs}) reads it.
 */
@ApplicationScoped
public class LearnerActivity {

    private static final Logger LOG = Logger.getLogger(LearnerActivity.class);
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final Pattern LAB_PATH = Pattern.compile("^/(?:learn/(?:api/)?)?labs/([a-z0-9-]+)(/[^?]*)?$");

    private final ClusterState cluster;
    private final ProgressStore progress;
    private final Clock clock;
    private final Map<String, Instant> stamped = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "breakfix-learner-activity");
        t.setDaemon(true);
        return t;
    });

    public LearnerActivity(ClusterState cluster, ProgressStore progress, Clock clock) {
        this.cluster = cluster;
        this.progress = progress;
        this.clock = clock;
    }

    @PreDestroy
    void shutdown() {
        writer.shutdownNow();
    }

    @ServerResponseFilter
    public void afterRequest(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 || request.getSecurityContext() == null
                || !request.getSecurityContext().isUserInRole(Roles.LEARNER)) {
            return;
        }
        Matcher m = LAB_PATH.matcher(request.getUriInfo().getPath());
        Principal who = request.getSecurityContext().getUserPrincipal();
        if (!m.matches() || who == null || isRefresh(m.group(2))) {
            return;
        }
        try {
            used(LearnerId.of(who.getName()), m.group(1));
        } catch (IllegalArgumentException e) {
            // not a learner id this server would have issued: nothing to record
        }
    }

    /** Records the use of the learner's lab, unless it is not started or was recorded within the last minute. */
    void used(LearnerId learner, String scenario) {
        String namespace = new LabKey(learner, scenario).namespace();
        if (cluster.labNamespace(namespace).filter(ns -> ns.getMetadata().getDeletionTimestamp() == null).isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant before = stamped.get(namespace);
        if (before != null && Duration.between(before, now).compareTo(EVERY) < 0) {
            return;
        }
        stamped.put(namespace, now);
        writer.execute(() -> {
            try {
                progress.markActive(namespace, now);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Could not record activity on %s", namespace);
                stamped.remove(namespace, now);
            }
        });
    }

    private static boolean isRefresh(String rest) {
        return rest != null && (rest.equals("/live") || rest.equals("/panel"));
    }
}
