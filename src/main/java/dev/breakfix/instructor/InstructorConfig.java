package dev.breakfix.instructor;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How instructors sign in to the cockpit in the browser. */
@ConfigMapping(prefix = "breakfix.instructor")
public interface InstructorConfig {

    /**
     * Instructor accounts: the name signed in with, mapped to a PBKDF2 password hash in the form
     * {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} (see {@link PasswordHash}).
     */
    Map<String, String> accounts();

    /**
     * Also accept any of the configured instructor API tokens ({@code breakfix.auth.instructor-tokens}) as the
     * password, under any name: the quickest set-up for a single trainer.
     */
    @WithDefault("true")
    boolean acceptTokens();

    /** How long an instructor stays signed in. */
    @WithDefault("12h")
    Duration sessionTtl();
}
