package dev.breakfix.instructor;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF protection for requests the instructor's browser session authenticates: a state-changing request
 * (anything but GET, HEAD, OPTIONS) to {@code /instructor/**} or {@code /api/class/**} that carries a valid
 * instructor cookie (and no bearer token) must send the session's token in {@value InstructorSessions#CSRF_HEADER},
 * and, when the browser names its Origin, come from this server's own origin. Otherwise it is refused
 * with a 403 problem before it reaches anything. (The cookie is also SameSite=Strict.)
 */
@ApplicationScoped
public class CsrfFilter {

    private final InstructorSessions sessions;

    public CsrfFilter(InstructorSessions sessions) {
        this.sessions = sessions;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Cookie cookie = request.getCookie(InstructorSessions.COOKIE);
        String path = rc.normalizedPath();
        if (cookie == null || InstructorSessionMechanism.safe(request.method().name())
                || request.getHeader(HttpHeaderNames.AUTHORIZATION) != null || !InstructorSessionMechanism.covers(path)
                || path.equals("/instructor/login") || path.equals("/instructor/logout")
                || sessions.instructorOf(cookie.getValue()).isEmpty() || allowed(request, cookie.getValue(), sessions)) {
            rc.next();
            return;
        }
        String detail = sameOrigin(request)
                ? "This request needs the page's CSRF token in the " + InstructorSessions.CSRF_HEADER
                        + " header. Reload the page and try again."
                : "This request comes from another site and was refused.";
        rc.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                .end(Serialization.asJson(Map.of("type", "about:blank", "title", "Forbidden", "status", 403, "detail", detail)));
    }

    /** True for a safe request, or one with the session's CSRF token from this server's own origin. */
    static boolean allowed(HttpServerRequest request, String cookieValue, InstructorSessions sessions) {
        if (InstructorSessionMechanism.safe(request.method().name())) {
            return true;
        }
        return sameOrigin(request) && sessions.csrfMatches(cookieValue, request.getHeader(InstructorSessions.CSRF_HEADER));
    }

    /** No Origin header (older clients), or one whose host and port are the request's own. */
    static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeader(HttpHeaderNames.HOST);
        String forwarded = request.getHeader("X-Forwarded-Host");
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null) {
                return false;
            }
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.equalsIgnoreCase(host) || authority.equalsIgnoreCase(forwarded)
                    || o.getPort() == -1 && host != null && defaultPort(o.getScheme(), host).equalsIgnoreCase(o.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code host:80} for http, {@code host:443} for https: the host without its default port. */
    private static String defaultPort(String scheme, String host) {
        String suffix = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) : host;
    }
}
