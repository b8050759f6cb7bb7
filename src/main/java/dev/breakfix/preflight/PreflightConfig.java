package dev.breakfix.preflight;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The checklist an instructor runs before a class. */
@ConfigMapping(prefix = "breakfix.preflight")
public interface PreflightConfig {

    /** Breakfix's own namespace, where pre-pull Pods run (created if missing). */
    @WithDefault("breakfix-system")
    String namespace();

    /** The longest one whole preflight run may take; checks still open then fail with a timeout. */
    @WithDefault("15m")
    Duration timeout();

    /** The longest one step of a self-test may wait: the broken state, the pass after the fix, the clean-up. */
    @WithDefault("3m")
    Duration stepTimeout();

    /** The longest pre-pulling may take (image downloads included). */
    @WithDefault("10m")
    Duration prepullTimeout();

    /** Run each scenario's self-test (inject, see it broken, solve, see it pass, delete). */
    @WithDefault("true")
    boolean selfTest();
}
