package dev.breakfix.instructor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the instructor's session cookie, on the instructor's pages and on {@code /api/class/**} only. A
 * missing, forged or expired cookie is no identity (anonymous), never an error; a state-changing request
 * whose CSRF token or Origin does not match is no identity either ({@link CsrfFilter} answers it with a
 * 403). Anonymous requests for the pages are sent to the sign-in page.
 */
@ApplicationScoped
public class InstructorSessionMechanism implements HttpAuthenticationMechanism {

    private final InstructorSessions sessions;

    public InstructorSessionMechanism(InstructorSessions sessions) {
        this.sessions = sessions;
    }

    /** Where the instructor cookie counts. */
    static boolean covers(String path) {
        return path.equals("/instructor") || path.startsWith("/instructor/") || path.equals("/api/class")
                || path.startsWith("/api/class/");
    }

    /** The instructor's pages (anonymous visitors are sent to sign in). */
    static boolean isPage(String path) {
        return (path.equals("/instructor") || path.startsWith("/instructor/")) && !path.equals("/instructor/login");
    }

    static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        HttpServerRequest request = context.request();
        Cookie cookie = request.getCookie(InstructorSessions.COOKIE);
        if (cookie == null || request.getHeader(HttpHeaderNames.AUTHORIZATION) != null || !covers(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        var instructor = sessions.instructorOf(cookie.getValue());
        if (instructor.isEmpty() || !CsrfFilter.allowed(request, cookie.getValue(), sessions)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new InstructorSessionRequest(instructor.get()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if (!isPage(path)) {
            return Uni.createFrom().nullItem();
        }
        boolean get = safe(context.request().method().name());
        String next = get ? "?next=" + URLEncoder.encode(context.request().uri(), StandardCharsets.UTF_8) : "";
        return Uni.createFrom().item(new ChallengeData(get ? 302 : 303,
                Map.of(HttpHeaderNames.LOCATION, "/instructor/login" + next, HttpHeaderNames.CACHE_CONTROL, "no-store")));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(InstructorSessionRequest.class);
    }

    /** Ahead of the learner's cookie and the bearer tokens, so this mechanism's redirect answers for its pages. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 200;
    }
}
