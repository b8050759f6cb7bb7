package dev.breakfix.web;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The learner's web pages: how a class joins and how long a session lasts. */
@ConfigMapping(prefix = "breakfix.web")
public interface WebConfig {

    /** The class join code the instructor hands out. Without one, nobody can join. */
    Optional<String> joinCode();

    /**
     * The key session cookies are signed with. Set it so that sessions survive a restart and are
     * shared by every replica; without it a random key is made at start.
     */
    Optional<String> sessionSecret();

    /** How long a session lasts after joining. */
    @WithDefault("12h")
    Duration sessionTtl();

    /**
     * Render the lab texts at start-up, on a background thread, so that no learner waits for Asciidoctor
     * to boot. Off, they are rendered on the first request for one (tests that show no lab text).
     */
    @WithDefault("true")
    boolean warmUp();

    /** Show every lab's solution from the start, not only after a pass. */
    @WithDefault("false")
    boolean showSolutions();
}
