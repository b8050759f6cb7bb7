package dev.breakfix.preflight;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The mutable state of one run; {@link #report()} is a consistent snapshot of it. */
final class PreflightRun {

    private final String id;
    private final Instant startedAt;
    private final Clock clock;
    private final Map<String, PreflightCheck> checks = new LinkedHashMap<>();
    private Instant finishedAt;
    private final java.util.concurrent.CompletableFuture<PreflightReport> done = new java.util.concurrent.CompletableFuture<>();

    PreflightRun(String id, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String id() {
        return id;
    }

    synchronized void add(PreflightCheck check) {
        checks.put(check.id(), check);
    }

    synchronized void update(String checkId, UnaryOperator<PreflightCheck> change) {
        checks.computeIfPresent(checkId, (k, c) -> c.finished() ? c : change.apply(c));
    }

    /** Changes a check even when it already has a result (a clean-up problem after a pass). */
    synchronized void amend(String checkId, UnaryOperator<PreflightCheck> change) {
        checks.computeIfPresent(checkId, (k, c) -> change.apply(c));
    }

    synchronized PreflightCheck check(String checkId) {
        return checks.get(checkId);
    }

    /** Ends the run; a check still open is failed with {@code why}. */
    synchronized void finish(String why) {
        for (Map.Entry<String, PreflightCheck> e : checks.entrySet()) {
            if (!e.getValue().finished()) {
                e.setValue(e.getValue().fail(why, "Run the preflight again; if it happens again, raise "
                        + "breakfix.preflight.timeout or look at the cluster's events."));
            }
        }
        finishedAt = clock.instant();
        done.complete(report());
    }

    /** Completes with the final report when the run ends. */
    java.util.concurrent.CompletableFuture<PreflightReport> done() {
        return done;
    }

    synchronized boolean running() {
        return finishedAt == null;
    }

    synchronized PreflightReport report() {
        List<PreflightCheck> list = new ArrayList<>(checks.values());
        Boolean passed = finishedAt == null ? null
                : list.stream().noneMatch(c -> PreflightCheck.FAIL.equals(c.status()));
        return new PreflightReport(id, finishedAt == null ? PreflightReport.RUNNING : PreflightReport.DONE, startedAt,
                finishedAt, passed, List.copyOf(list));
    }
}
