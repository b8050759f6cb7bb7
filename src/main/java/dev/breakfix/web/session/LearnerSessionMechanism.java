package dev.breakfix.web.session;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the learner's session cookie. A missing, forged or expired cookie is no identity at all (the
 * request is anonymous), never an error. Anonymous requests for the learner's pages are sent to the join
 * page; htmx requests get a 401 that tells htmx to go there; everything else (the JSON APIs) is left to
 * the other mechanisms' challenge.
 */
@ApplicationScoped
public class LearnerSessionMechanism implements HttpAuthenticationMechanism {

    /** Pages and page fragments of the learner's web UI. */
    static boolean isPage(String path) {
        return path.equals("/labs") || path.startsWith("/labs/");
    }

    private final LearnerSessions sessions;

    public LearnerSessionMechanism(LearnerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(LearnerSessions.COOKIE);
        // a caller that sends a bearer token is an instructor or a grader: the token decides, not a cookie
        if (cookie == null || context.request().getHeader(HttpHeaderNames.AUTHORIZATION) != null) {
            return Uni.createFrom().nullItem();
        }
        return sessions.learnerOf(cookie.getValue())
                .map(id -> identities.authenticate(new LearnerSessionRequest(id)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!isPage(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        if (context.request().getHeader("HX-Request") != null) {
            return Uni.createFrom().item(new ChallengeData(401, Map.of("HX-Redirect", "/")));
        }
        boolean get = context.request().method().name().equals(HttpMethod.GET.name());
        return Uni.createFrom().item(new ChallengeData(get ? 302 : 303,
                Map.of(HttpHeaderNames.LOCATION, "/", HttpHeaderNames.CACHE_CONTROL, "no-store")));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(LearnerSessionRequest.class);
    }

    /** Ahead of the bearer tokens, so that this mechanism's redirect answers for the pages. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
