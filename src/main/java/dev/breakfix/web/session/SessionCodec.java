package dev.breakfix.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks session cookie values: {@code v1.<learner id, base64url>.<expiry, epoch seconds>.<HMAC-SHA256,
 * base64url>}. A value whose signature does not match, that is malformed or that has expired is refused.
 */
public final class SessionCodec {

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public SessionCodec(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a session secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** A signed value naming {@code learnerId}, valid until {@code expiresAt}. */
    public String issue(String learnerId, Instant expiresAt) {
        String payload = VERSION + "." + B64.encodeToString(learnerId.getBytes(StandardCharsets.UTF_8)) + "."
                + expiresAt.getEpochSecond();
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The learner id of a value this codec signed that has not expired at {@code now}. */
    public Optional<String> verify(String value, Instant now) {
        if (value == null || value.length() > 512) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        try {
            if (!MessageDigest.isEqual(mac(payload), B64D.decode(parts[3]))) {
                return Optional.empty();
            }
            long expires = Long.parseLong(parts[2]);
            if (now.getEpochSecond() >= expires) {
                return Optional.empty();
            }
            String id = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            return id.isBlank() ? Optional.empty() : Optional.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
