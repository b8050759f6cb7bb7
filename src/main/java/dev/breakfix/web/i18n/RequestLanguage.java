package dev.breakfix.web.i18n;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Settles every HTTP request's language once, before security and the resources run, and keeps a learner's
 * choice: a request with a valid {@code ?lang=} gets the language cookie (a year, Lax, HttpOnly; it is only a
 * preference, so not signed).
 */
@ApplicationScoped
public class RequestLanguage {

    static final int FILTER_PRIORITY = 500;
    static final long COOKIE_MAX_AGE = 365L * 24 * 3600;

    @Inject
    CurrentVertxRequest request;

    void register(@Observes Filters filters) {
        filters.register(RequestLanguage::settle, FILTER_PRIORITY);
    }

    static void settle(RoutingContext rc) {
        String param = rc.request().getParam(Languages.PARAM);
        Cookie cookie = rc.request().getCookie(Languages.COOKIE);
        Locale chosen = Languages.parse(param);
        Locale locale = Languages.resolve(param, cookie == null ? null : cookie.getValue(),
                rc.request().getHeader("Accept-Language"));
        rc.put(Languages.CONTEXT_KEY, locale);
        if (chosen != null && (cookie == null || !Languages.code(chosen).equals(cookie.getValue()))) {
            rc.response().addCookie(Cookie.cookie(Languages.COOKIE, Languages.code(chosen)).setPath("/")
                    .setMaxAge(COOKIE_MAX_AGE).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                    .setSecure("https".equalsIgnoreCase(rc.request().scheme())));
        }
        rc.next();
    }

    /** The language of the HTTP request being served; English outside of one. */
    public Locale current() {
        if (!Arc.container().requestContext().isActive()) {
            return Languages.ENGLISH;
        }
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return Languages.ENGLISH;
        }
        Locale l = rc.get(Languages.CONTEXT_KEY);
        return l != null ? l : Languages.resolve(rc.request().getParam(Languages.PARAM),
                rc.request().getCookie(Languages.COOKIE) == null ? null : rc.request().getCookie(Languages.COOKIE).getValue(),
                rc.request().getHeader("Accept-Language"));
    }

    /** The texts of the request's language. */
    public Msg messages() {
        return Messages.of(current());
    }
}
