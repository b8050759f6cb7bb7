package dev.breakfix.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The one table of the benchmark, in Markdown, and the notes that say what each figure is. */
final class ResultTable {

    private ResultTable() {
    }

    /** A row: a label, and per size the Breakfix figure, the baseline figure and their ratio. */
    private record Row(String label, Function<SizeResult, String[]> cells) {
    }

    static String render(List<SizeResult> results, Settings s, String machine) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("start all labs (`LabService.start`, " + s.startConcurrency() + " at a time)",
                r -> new String[] { secs(r.startWall), "same code", "" }));
        rows.add(new Row("… until every lab shows its broken state (fixture + cache)",
                r -> new String[] { secs(r.brokenWall), "same", "" }));
        rows.add(new Row("one `LabService.start` p50 / p99 (ms)",
                r -> new String[] { ms(r.startP50) + " / " + ms(r.startP99), "same", "" }));
        rows.add(new Row("API requests per lab started (server)",
                r -> new String[] { num(r.startRequests / (double) r.labs), "same", "" }));
        rows.add(new Row("grade latency p50 (ms)",
                r -> lower(r.gradeBreakfix.percentile(50), r.gradeBaseline.percentile(50), ResultTable::ms)));
        rows.add(new Row("grade latency p99 (ms)",
                r -> lower(r.gradeBreakfix.percentile(99), r.gradeBaseline.percentile(99), ResultTable::ms)));
        rows.add(new Row("… grade p99 without waiting for a thread: from the start of the call / CPU time of the call (ms)",
                r -> new String[] { ms(r.gradeBreakfixService.percentile(99)) + " / " + ms(r.gradeBreakfixCpu.percentile(99)),
                        ms(r.gradeBaselineService.percentile(99)) + " / " + ms(r.gradeBaselineCpu.percentile(99)),
                        ratio(r.gradeBaselineService.percentile(99), r.gradeBreakfixService.percentile(99)) }));
        rows.add(new Row("control: an empty action scheduled like the grades, at the same time, p50 / p99 (ms): "
                + "what the server's JVM (GC pauses) and the machine's run queue add to any action",
                r -> new String[] { ms(r.noopBreakfix.percentile(50)) + " / " + ms(r.noopBreakfix.percentile(99)),
                        ms(r.noopBaseline.percentile(50)) + " / " + ms(r.noopBaseline.percentile(99)), "" }));
        rows.add(new Row("machine load average (1 min) at the start → end of the active window",
                r -> new String[] { r.loadBreakfix, r.loadBaseline, "" }));
        rows.add(new Row("grades done per second (offered: 1 per learner per " + s.gradeEvery().toSeconds() + " s)",
                r -> new String[] { num(r.gradeRateBreakfix), num(r.gradeRateBaseline), "" }));
        rows.add(new Row("one grade alone, one thread, no load: mean µs (CPU µs of the grading thread)",
                r -> new String[] { num(r.gradeAloneBreakfix / 1e3) + " (" + num(r.gradeAloneBreakfixCpu / 1e3) + ")",
                        num(r.gradeAloneBaseline / 1e3) + " (" + num(r.gradeAloneBaselineCpu / 1e3) + ")",
                        ratio(r.gradeAloneBaseline, r.gradeAloneBreakfix) }));
        rows.add(new Row("status → page p50 (ms) (Breakfix: live panel SSE; baseline: page polling every "
                + s.pollEvery().toSeconds() + " s)",
                r -> lower(r.pageSse.percentile(50), r.pagePoll.percentile(50), ResultTable::ms)));
        rows.add(new Row("status → page p99 (ms)",
                r -> lower(r.pageSse.percentile(99), r.pagePoll.percentile(99), ResultTable::ms)));
        rows.add(new Row("status → `onNamespaceChange` + `LabService.view` p50 / p99 (ms)",
                r -> new String[] { ms(r.pageListener.percentile(50)) + " / " + ms(r.pageListener.percentile(99)), "", "" }));
        rows.add(new Row("changes not shown within 30 s",
                r -> new String[] { Long.toString(r.pageSse.missed() + r.pageListener.missed()), Long.toString(r.pagePoll.missed()),
                        "" }));
        rows.add(new Row("API requests/min, class idle (server only)",
                r -> lower(r.idleBreakfix, r.idleBaseline, ResultTable::num)));
        rows.add(new Row("API requests/min, class active (server only)",
                r -> lower(r.activeBreakfix, r.activeBaseline, ResultTable::num)));
        rows.add(new Row("heap after full GC, the server's JVM (the app and the bench's clients)",
                r -> new String[] { mib(r.heapAll), mib(r.heapAll - r.heapAppCache),
                        ratio(r.heapAll - r.heapAppCache, r.heapAll) }));
        rows.add(new Row("… of which the app's informer cache",
                r -> new String[] { mib(r.heapAppCache) + " (" + num(r.heapAppCache / 1024.0 / r.labs) + " KiB/lab)", "0", "" }));
        rows.add(new Row("not the server: the cluster process (mock API server with every object, the fixture's informers)",
                r -> new String[] { mib(r.heapCluster), "same", "" }));

        StringBuilder out = new StringBuilder();
        out.append("| figure |");
        for (SizeResult r : results) {
            out.append(String.format(" %d learners × 5 = %d labs: Breakfix | baseline | baseline / Breakfix |", r.learners, r.labs));
        }
        out.append("\n|---|");
        for (int i = 0; i < results.size(); i++) {
            out.append("--:|--:|--:|");
        }
        out.append('\n');
        for (Row row : rows) {
            out.append("| ").append(row.label()).append(" |");
            for (SizeResult r : results) {
                for (String cell : row.cells().apply(r)) {
                    out.append(' ').append(cell).append(" |");
                }
            }
            out.append('\n');
        }
        out.append('\n').append(notes(results, s, machine));
        return out.toString();
    }

    private static String notes(List<SizeResult> results, Settings s, String machine) {
        StringBuilder n = new StringBuilder();
        n.append(machine).append('\n');
        for (SizeResult r : results) {
            n.append(String.format(Locale.ROOT,
                    "- %d learners: grades measured %d (Breakfix) / %d (baseline, %d failed); page changes %d SSE, %d listener, %d polled; "
                            + "%d of %d live pages connected; status write p50 %s (Breakfix phase) / %s (baseline phase); "
                            + "fixture requests: %d to settle the class, %s/min (Breakfix active), %s/min (baseline active); "
                            + "GC in the server's JVM during Breakfix's active window: %d collections, %d ms in all over %.0f s; "
                            + "server requests while starting: %s; errors %d%n",
                    r.learners, r.gradeBreakfix.count(), r.gradeBaseline.count(), r.gradeBaseline.failed(), r.pageSse.count(),
                    r.pageListener.count(), r.pagePoll.count(), r.sseConnected, r.learners,
                    ms(r.statusWriteBreakfix.percentile(50)), ms(r.statusWriteBaseline.percentile(50)), r.fixtureRequests,
                    num(r.activeFixtureBreakfix), num(r.activeFixtureBaseline), r.gcCount, r.gcMillis, r.activeSeconds,
                    r.startRequestKinds, r.errors));
        }
        return n.toString();
    }

    /** Cells for a figure where lower is better: Breakfix, baseline, baseline / Breakfix. */
    private static <N extends Number> String[] lower(N breakfix, N baseline, Function<N, String> format) {
        return new String[] { format.apply(breakfix), format.apply(baseline),
                ratio(baseline.doubleValue(), breakfix.doubleValue()) };
    }

    static String ratio(double numerator, double denominator) {
        if (numerator < 0 || denominator < 0) {
            return "n/a";
        }
        if (denominator == 0) {
            return numerator == 0 ? "—" : "∞";
        }
        double x = numerator / denominator;
        return x >= 100 ? String.format(Locale.ROOT, "%,.0f×", x)
                : x >= 10 ? String.format(Locale.ROOT, "%.0f×", x) : String.format(Locale.ROOT, "%.2f×", x);
    }

    static String ms(long nanos) {
        if (nanos < 0) {
            return "n/a";
        }
        double ms = nanos / 1e6;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%,.0f", ms);
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
