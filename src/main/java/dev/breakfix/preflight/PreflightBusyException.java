package dev.breakfix.preflight;

/** A preflight or pre-pull is already running; one at a time. */
public class PreflightBusyException extends RuntimeException {

    public PreflightBusyException(String runId) {
        super("preflight run " + runId + " is still running; poll GET /api/class/preflight until it is done");
    }
}
