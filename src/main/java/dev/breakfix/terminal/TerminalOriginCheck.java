package dev.breakfix.terminal;

import java.net.URI;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses terminal upgrades sent by another site's page (cross-site WebSocket hijacking): a browser always sends
 * {@code Origin}, and it must name this server (the {@code Host}, or {@code X-Forwarded-Host} behind a proxy).
 * Clients that send no {@code Origin} (not browsers) still need the learner's session cookie.
 */
@ApplicationScoped
public class TerminalOriginCheck implements HttpUpgradeCheck {

    @Override
    public boolean appliesTo(String endpointId) {
        return TerminalSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return sameOrigin(context.httpRequest()) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String authority;
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return false;
            }
            authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return matches(authority, request.getHeader("Host")) || matches(authority, request.getHeader("X-Forwarded-Host"))
                || matches(stripDefaultPort(origin, authority), request.getHeader("Host"))
                || matches(stripDefaultPort(origin, authority), request.getHeader("X-Forwarded-Host"));
    }

    private static String stripDefaultPort(String origin, String authority) {
        String lower = origin.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https:") && authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        if (lower.startsWith("http:") && authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        return authority;
    }

    private static boolean matches(String authority, String header) {
        if (header == null) {
            return false;
        }
        String first = header.split(",")[0].strip();
        return first.equalsIgnoreCase(authority) || stripPort(first, authority);
    }

    /** {@code Host: example.org:443} for an Origin {@code https://example.org}. */
    private static boolean stripPort(String host, String authority) {
        return (host.endsWith(":443") || host.endsWith(":80")) && host.substring(0, host.lastIndexOf(':')).equalsIgnoreCase(authority);
    }
}
