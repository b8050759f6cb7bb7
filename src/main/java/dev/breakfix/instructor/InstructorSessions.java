package dev.breakfix.instructor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.logging.Logger;

import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.web.WebConfig;
import dev.breakfix.web.session.SessionCodec;

/**
 * Instructor sessions: an HttpOnly, SameSite=Strict cookie of its own (never the learner's) holding the
 * instructor's name and an expiry, signed with HMAC-SHA256 under a key derived from
 * {@code breakfix.web.session-secret} for this purpose only, so a learner cookie can never pass as an
 * instructor's. Every state-changing request made with this cookie must carry {@link #csrfToken}.
 */
@ApplicationScoped
public class InstructorSessions {

    public static final String COOKIE = "breakfix_instructor";
    /** The header page scripts send the CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = Logger.getLogger(InstructorSessions.class);
    private static final String HMAC = "HmacSHA256";

    private final InstructorConfig config;
    private final BreakfixConfig breakfix;
    private final Clock clock;
    private final SessionCodec codec;
    private final SecretKeySpec csrfKey;

    public InstructorSessions(InstructorConfig config, BreakfixConfig breakfix, WebConfig web, Clock clock) {
        this.config = config;
        this.breakfix = breakfix;
        this.clock = clock;
        byte[] root = web.sessionSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(SessionCodec::randomSecret);
        this.codec = new SessionCodec(derive(root, "breakfix instructor session v1"));
        this.csrfKey = new SecretKeySpec(derive(root, "breakfix instructor csrf v1"), HMAC);
        config.accounts().forEach((name, hash) -> {
            if (!PasswordHash.wellFormed(hash)) {
                LOG.warnf("breakfix.instructor.accounts.%s is not a pbkdf2_sha256 hash: that account cannot sign in", name);
            }
        });
        if (config.accounts().isEmpty() && (!config.acceptTokens() || tokens().isEmpty())) {
            LOG.info("No instructor can sign in to /instructor: set breakfix.instructor.accounts.<name> or an instructor token");
        }
    }

    /**
     * True when {@code name} and {@code password} are an instructor's: an account's name and password, or (when
     * enabled) any name with an instructor token as the password. Every check runs whatever the outcome of
     * the others, and every comparison takes the same time whatever matches.
     */
    public boolean signInMatches(String name, String password) {
        if (name == null || password == null || name.isBlank() || password.isEmpty() || password.length() > 1024) {
            return false;
        }
        String hash = config.accounts().get(name.strip());
        // a name without an account still pays for one hash, so timing does not tell names apart
        boolean account = PasswordHash.matches(hash != null ? hash : DUMMY_HASH, password) && hash != null;
        boolean token = false;
        if (config.acceptTokens()) {
            byte[] given = password.getBytes(StandardCharsets.UTF_8);
            for (String t : tokens()) {
                token |= MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given);
            }
        }
        return account | token;
    }

    private static final String DUMMY_HASH = PasswordHash.create("not a password", 10_000);

    private List<String> tokens() {
        return breakfix.auth().instructorTokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .toList();
    }

    /** The cookie value that signs {@code name} in until the session's lifetime ends. */
    public String issue(String name) {
        return codec.issue(name, clock.instant().plus(config.sessionTtl()));
    }

    public String issue(String name, Instant expiresAt) {
        return codec.issue(name, expiresAt);
    }

    public NewCookie cookie(String value, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(value).path("/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, config.sessionTtl().toSeconds()))
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).build();
    }

    public NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** The instructor named by a valid, unexpired cookie value. */
    public Optional<String> instructorOf(String cookieValue) {
        return codec.verify(cookieValue, clock.instant());
    }

    /** The CSRF token that goes with a session cookie value: pages embed it, scripts send it back in a header. */
    public String csrfToken(String cookieValue) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(cookieValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean csrfMatches(String cookieValue, String token) {
        if (cookieValue == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(cookieValue).getBytes(StandardCharsets.UTF_8),
                token.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(byte[] root, String purpose) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(root, HMAC));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
