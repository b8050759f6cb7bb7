package dev.breakfix.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.logging.Logger;

import dev.breakfix.web.WebConfig;

/**
 * Learner sessions: an HttpOnly, SameSite=Lax cookie holding the learner id and an expiry, signed with
 * HMAC-SHA256. Nothing is kept on the server, so a second device that joins with the same name and code
 * simply continues as the same learner, and any replica sharing the secret accepts the cookie.
 */
@ApplicationScoped
public class LearnerSessions {

    public static final String COOKIE = "breakfix_session";
    private static final Logger LOG = Logger.getLogger(LearnerSessions.class);

    private final WebConfig config;
    private final Clock clock;
    private final SessionCodec codec;

    public LearnerSessions(WebConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.codec = new SessionCodec(secret(config));
    }

    private static byte[] secret(WebConfig config) {
        Optional<String> configured = config.sessionSecret().filter(s -> !s.isBlank());
        if (configured.isEmpty()) {
            LOG.warn("breakfix.web.session-secret is not set: learner sessions are signed with a random key and end "
                    + "when the server restarts (set BREAKFIX_WEB_SESSION_SECRET to keep them, and to share them across replicas)");
            return SessionCodec.randomSecret();
        }
        byte[] bytes = configured.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalStateException("breakfix.web.session-secret must be at least 16 characters long");
        }
        return bytes;
    }

    /** True when joining is open (a join code is configured) and {@code code} is that code. */
    public boolean joinCodeMatches(String code) {
        Optional<String> expected = joinCode();
        if (expected.isEmpty() || code == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                code.strip().getBytes(StandardCharsets.UTF_8));
    }

    public boolean joinOpen() {
        return joinCode().isPresent();
    }

    private Optional<String> joinCode() {
        return config.joinCode().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The cookie that makes the browser {@code learnerId}'s for the session's lifetime. */
    public NewCookie cookieFor(String learnerId, boolean secure) {
        Instant expires = clock.instant().plus(config.sessionTtl());
        return new NewCookie.Builder(COOKIE)
                .value(codec.issue(learnerId, expires))
                .path("/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, config.sessionTtl().toSeconds()))
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    /** The cookie that ends the session. */
    public NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    /** The learner id of a valid, unexpired session cookie value. */
    public Optional<String> learnerOf(String cookieValue) {
        return codec.verify(cookieValue, clock.instant());
    }

    /** A cookie value for {@code learnerId} that expires at {@code expiresAt} (for tests and tools). */
    public String sign(String learnerId, Instant expiresAt) {
        return codec.issue(learnerId, expiresAt);
    }
}
