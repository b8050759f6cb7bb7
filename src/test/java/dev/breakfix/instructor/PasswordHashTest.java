package dev.breakfix.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = PasswordHash.create("correct horse", 2000);
        assertThat(hash).startsWith("pbkdf2_sha256$2000$");
        assertThat(PasswordHash.wellFormed(hash)).isTrue();
        assertThat(PasswordHash.matches(hash, "correct horse")).isTrue();
        assertThat(PasswordHash.matches(hash, "correct horse ")).isFalse();
        assertThat(PasswordHash.matches(hash, "")).isFalse();
    }

    @Test
    void readsHashesMadeWithPythonsHashlib() {
        // python3: hashlib.pbkdf2_hmac("sha256", b"trainer-secret", b"testsalt01", 1000), base64
        assertThat(PasswordHash.matches("pbkdf2_sha256$1000$testsalt01$PCU0emiLJ+BviZgmEzggCnC09AYmpzOSTTngsE1V1ww=",
                "trainer-secret")).isTrue();
    }

    @Test
    void malformedHashesNeverMatchAndNeverThrow() {
        for (String bad : new String[] { null, "", "plain", "pbkdf2_sha256$x$salt$AAAA", "md5$1$s$AAAA",
                "pbkdf2_sha256$0$salt$AAAA", "pbkdf2_sha256$99999999$salt$AAAA", "pbkdf2_sha256$10$$AAAA",
                "pbkdf2_sha256$10$salt$***" }) {
            assertThat(PasswordHash.matches(bad, "x")).as(bad).isFalse();
            assertThat(PasswordHash.wellFormed(bad)).as(bad).isFalse();
        }
    }
}
