package dev.breakfix.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final SessionCodec codec = new SessionCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSignedValueNamesItsLearnerUntilItExpires() {
        String value = codec.issue("Zoë O'Brien", NOW.plusSeconds(60));
        assertThat(codec.verify(value, NOW)).contains("Zoë O'Brien");
        assertThat(codec.verify(value, NOW.plusSeconds(59))).contains("Zoë O'Brien");
        assertThat(codec.verify(value, NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void anyChangeBreaksTheSignature() {
        String value = codec.issue("alice", NOW.plusSeconds(60));
        String[] p = value.split("\\.");
        String bob = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("bob".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.verify(p[0] + "." + bob + "." + p[2] + "." + p[3], NOW)).isEmpty();
        assertThat(codec.verify(p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 1) + "." + p[3], NOW)).isEmpty();
        assertThat(codec.verify(p[0] + "." + p[1] + "." + p[2] + "." + p[3].substring(1), NOW)).isEmpty();
        assertThat(codec.verify("v2." + p[1] + "." + p[2] + "." + p[3], NOW)).isEmpty();
    }

    @Test
    void anotherKeysValuesAndGarbageAreRefused() {
        SessionCodec other = new SessionCodec(SessionCodec.randomSecret());
        assertThat(codec.verify(other.issue("alice", NOW.plusSeconds(60)), NOW)).isEmpty();
        for (String garbage : new String[] { null, "", "v1", "v1...", "v1.!!.1.!!", "v1.YQ.notanumber.AAAA", "x".repeat(600) }) {
            assertThat(codec.verify(garbage, NOW)).as("%s", garbage).isEmpty();
        }
    }
}
