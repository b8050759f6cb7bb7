package dev.breakfix.preflight;

import java.time.Instant;
import java.util.List;

/**
 * A preflight run (or a pre-pull), pollable while it runs.
 *
 * @param passed null while running; then true when no check failed (warnings allowed)
 */
public record PreflightReport(String id, String state, Instant startedAt, Instant finishedAt, Boolean passed,
        List<PreflightCheck> checks) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
}
