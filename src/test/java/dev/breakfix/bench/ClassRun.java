package dev.breakfix.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.breakfix.bench.ApiRequests.Source;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One class of {@code learners} learners, each with all five labs, on the mock API server with the
 * fixture playing the cluster: start-up, then Breakfix's pages and grading, then the baseline's, then
 * the heap, then clean-up.
 */
final class ClassRun {

    private static final Logger LOG = Logger.getLogger(ClassRun.class);
    /** Scenarios whose Pod has a container status to change (the page a learner has open). */
    static final List<String> PAGE_SCENARIOS = List.of("nginx-typo", "postgres-misconfig", "crasher");
    static final Map<String, Set<String>> BROKEN = Map.of(
            "nginx-selector", Set.of("Unschedulable"),
            "sleep-multiple", Set.of("Unschedulable"),
            "nginx-typo", Set.of("ErrImagePull", "ImagePullBackOff"),
            "postgres-misconfig", Set.of("CrashLoopBackOff"),
            "crasher", Set.of("CrashLoopBackOff"));
    private static final Duration UNSEEN = Duration.ofSeconds(30);

    /** What the run needs from the app and the harness. */
    record Context(LabService labs, Grader grader, ClusterState cluster, Catalog catalog, BreakfixConfig config,
            Clock clock, LearnerSessions sessions, MockCluster mock, KubernetesClient driver,
            KubernetesClient baselineClient, URI base, Settings settings, int nodes) {
    }

    record Learner(LearnerId id, List<LabKey> labs, Probe page) {
    }

    private final Context c;
    private final String prefix;
    private final int size;
    private final SizeResult r = new SizeResult();
    private final List<Learner> learners = new ArrayList<>();
    private final List<LabKey> allLabs = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Probe> probesByNamespace = new ConcurrentHashMap<>();
    private boolean fixtureRunning;
    private final Duration idleWindow;
    private final Duration activeWindow;

    ClassRun(Context c, String prefix, int size, Duration idleWindow, Duration activeWindow) {
        this.c = c;
        this.prefix = prefix;
        this.size = size;
        this.idleWindow = idleWindow;
        this.activeWindow = activeWindow;
    }

    SizeResult run() throws Exception {
        r.learners = size;
        r.heapEmpty = heapAfterGc();
        c.mock().startFixture(c.nodes());
        fixtureRunning = true;
        try {
            startLabs();
            if (!Boolean.getBoolean("bench.startOnly")) {
                breakfix();
                baseline();
                heap();
            }
        } finally {
            if (fixtureRunning) {
                c.mock().closeFixture();
            }
            cleanUp();
        }
        r.errors = errors.get();
        return r;
    }

    // ---- start-up ----

    private void startLabs() throws Exception {
        List<Scenario> scenarios = c.catalog().all();
        for (int i = 0; i < size; i++) {
            LearnerId id = LearnerId.of(String.format("%s-%04d", prefix, i));
            List<LabKey> labs = scenarios.stream().map(s -> new LabKey(id, s.id())).toList();
            LabKey page = new LabKey(id, PAGE_SCENARIOS.get(i % PAGE_SCENARIOS.size()));
            learners.add(new Learner(id, labs, new Probe(page, new Pod())));
            allLabs.addAll(labs);
        }
        r.labs = allLabs.size();
        Map<Source, Long> before = c.mock().snapshot();
        Map<String, Long> kindsBefore = c.mock().appByKindSnapshot();
        Latencies each = new Latencies();
        ExecutorService pool = Executors.newFixedThreadPool(c.settings().startConcurrency());
        long t0 = System.nanoTime();
        List<Future<?>> starts = new ArrayList<>();
        for (LabKey lab : allLabs) {
            starts.add(pool.submit(() -> {
                long s = System.nanoTime();
                c.labs().start(lab);
                each.add(System.nanoTime() - s);
                return null;
            }));
        }
        for (Future<?> f : starts) {
            f.get(30, TimeUnit.MINUTES);
        }
        r.startWall = System.nanoTime() - t0;
        pool.shutdown();
        Map<Source, Long> afterStart = c.mock().snapshot();
        r.startRequests = ApiRequests.since(before, afterStart, Source.APP);
        Map<String, Long> kinds = new java.util.TreeMap<>();
        c.mock().appByKindSnapshot().forEach((k, v) -> {
            long d = v - kindsBefore.getOrDefault(k, 0L);
            if (d > 0 && !k.startsWith("FIXTURE") && !k.startsWith("DRIVER") && !k.startsWith("BASELINE")) {
                kinds.put(k, d);
            }
        });
        r.startRequestKinds = kinds;
        r.startP50 = each.percentile(50);
        r.startP99 = each.percentile(99);
        log("started %d labs in %.1f s (%d app requests: %s)", allLabs.size(), r.startWall / 1e9, r.startRequests, kinds);

        // until every lab shows the chapter's broken state in the cache
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        List<LabKey> waiting = new ArrayList<>(allLabs);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            waiting.removeIf(lab -> {
                try {
                    return BROKEN.get(lab.scenario()).contains(c.grader().evaluate(lab).workload().state().name());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
        r.brokenWall = System.nanoTime() - t0;
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(waiting.size() + " labs never showed their broken state, e.g. " + waiting.get(0)
                    + ": " + c.grader().evaluate(waiting.get(0)).workload());
        }
        c.mock().awaitFixtureIdle(Duration.ofMinutes(10));
        r.fixtureRequests = ApiRequests.since(before, c.mock().snapshot(), Source.FIXTURE);
        log("every lab broken after %.1f s (fixture sent %d requests: %s)", r.brokenWall / 1e9, r.fixtureRequests,
                delta(kindsBefore, "FIXTURE"));

        // the Pod of each learner's open page
        for (int i = 0; i < learners.size(); i++) {
            Learner l = learners.get(i);
            String ns = l.page().lab.namespace();
            Pod pod = c.driver().pods().inNamespace(ns).list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(p -> p.getStatus() != null && !p.getStatus().getContainerStatuses().isEmpty())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Pod with a status in " + ns));
            Learner withPod = new Learner(l.id(), l.labs(), new Probe(l.page().lab, pod));
            learners.set(i, withPod);
            probesByNamespace.put(ns, withPod.page());
        }
    }

    // ---- Breakfix ----

    private void breakfix() throws Exception {
        List<LivePages.Page> pages = learners.stream().map(l -> new LivePages.Page(l.page(),
                LearnerSessions.COOKIE + "=" + c.sessions().sign(l.id().id(), Instant.now().plus(Duration.ofHours(2)))))
                .toList();
        Consumer<String> listener = ns -> {
            Probe p = probesByNamespace.get(ns);
            if (p != null && p.pending(Probe.Path.LISTENER)) {
                try {
                    if (p.shows(c.labs().view(p.lab).pods())) {
                        long d = p.seen(Probe.Path.LISTENER, System.nanoTime());
                        if (d >= 0) {
                            r.pageListener.add(d);
                        }
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
            }
        };
        try (LivePages live = new LivePages(c.base(), pages, r.pageSse)) {
            r.sseConnected = live.awaitConnected(Duration.ofSeconds(60));
            if (r.sseConnected < pages.size()) {
                log("only %d of %d live pages connected: %s", r.sseConnected, pages.size(),
                        live.failures().stream().limit(3).toList());
            }
            Thread.sleep(1000);
            Map<String, Long> idleKinds = c.mock().appByKindSnapshot();
            r.idleBreakfix = perMinute(idleWindow, Source.APP);
            log("Breakfix idle: %.1f app requests/min %s, %d SSE events", r.idleBreakfix, delta(idleKinds, ""), live.events());

            warmGrades();
            c.cluster().onNamespaceChange(listener);
            List<Probe.Path> paths = List.of(Probe.Path.SSE, Probe.Path.LISTENER);
            Map<Source, Long> before = c.mock().snapshot();
            Map<String, Long> kindsBefore = c.mock().appByKindSnapshot();
            long[] gcBefore = gc();
            String load0 = load1();
            long t0 = System.nanoTime();
            try (Loop<Learner> grades = new Loop<>("grade", c.settings().gradeThreads(), learners, c.settings().gradeEvery(), false,
                    l -> c.grader().grade(randomLab(l), false), r.gradeBreakfix, this::error)
                    .measuring(r.gradeBreakfixCpu, r.gradeBreakfixService).start();
                    Loop<Learner> records = new Loop<>("record", 4, learners, c.settings().recordEvery(), false,
                            l -> c.grader().grade(randomLab(l), true), null, this::error).start();
                    Loop<Learner> control = new Loop<>("noop", c.settings().gradeThreads(), learners,
                            c.settings().gradeEvery(), false, l -> {
                            }, r.noopBreakfix, this::error).start();
                    Loop<Learner> statuses = new Loop<>("status", 4, learners, c.settings().statusEvery(size), false,
                            l -> writeStatus(l.page(), paths, r.statusWriteBreakfix, Map.of(Probe.Path.SSE, r.pageSse,
                                    Probe.Path.LISTENER, r.pageListener)), null, this::error).start()) {
                Thread.sleep(activeWindow.toMillis());
            }
            long elapsed = System.nanoTime() - t0;
            r.loadBreakfix = load0 + " → " + load1();
            long[] gcAfter = gc();
            r.gcCount = gcAfter[0] - gcBefore[0];
            r.gcMillis = gcAfter[1] - gcBefore[1];
            r.activeSeconds = elapsed / 1e9;
            Map<Source, Long> after = c.mock().snapshot();
            r.activeBreakfix = ApiRequests.since(before, after, Source.APP) * 60e9 / elapsed;
            r.activeFixtureBreakfix = ApiRequests.since(before, after, Source.FIXTURE) * 60e9 / elapsed;
            r.gradeRateBreakfix = r.gradeBreakfix.count() * 1e9 / elapsed;
            log("app requests while active: %s", delta(kindsBefore, ""));
            drainProbes(paths, Map.of(Probe.Path.SSE, r.pageSse, Probe.Path.LISTENER, r.pageListener));
            log("Breakfix grades p99: %.3f ms from due, %.3f ms from start of call, %.3f ms CPU; an empty action's p99 %.3f ms; load %s",
                    r.gradeBreakfix.percentile(99) / 1e6, r.gradeBreakfixService.percentile(99) / 1e6,
                    r.gradeBreakfixCpu.percentile(99) / 1e6, r.noopBreakfix.percentile(99) / 1e6, r.loadBreakfix);
            log("Breakfix active: %.1f app requests/min, grades p50 %.3f ms p99 %.3f ms (%d), page p50 %.0f ms p99 %.0f ms (%d, missed %d)",
                    r.activeBreakfix, r.gradeBreakfix.percentile(50) / 1e6, r.gradeBreakfix.percentile(99) / 1e6,
                    r.gradeBreakfix.count(), r.pageSse.percentile(50) / 1e6, r.pageSse.percentile(99) / 1e6,
                    r.pageSse.count(), r.pageSse.missed());
        } finally {
            c.cluster().removeNamespaceListener(listener);
        }
    }

    /** Every lab graded a few times before measuring, so the JIT has compiled the grading path. */
    private void warmGrades() {
        for (int round = 0; round < 3; round++) {
            for (LabKey lab : allLabs) {
                c.grader().grade(lab, false);
            }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int rounds = Math.max(3, Integer.getInteger("bench.gradeRounds", 6000) / allLabs.size());
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (LabKey lab : allLabs) {
                c.grader().grade(lab, false);
                n++;
            }
        }
        r.gradeAloneBreakfix = (System.nanoTime() - t0) / n;
        r.gradeAloneBreakfixCpu = (threads.getCurrentThreadCpuTime() - cpu0) / n;
        log("one grade alone: %.1f µs (%.1f µs CPU), %d grades", r.gradeAloneBreakfix / 1e3, r.gradeAloneBreakfixCpu / 1e3, n);
    }

    // ---- baseline ----

    private void baseline() throws Exception {
        PollingGrader polling = new PollingGrader(c.baselineClient(), c.catalog(), c.config(), c.clock());
        Loop.Action<Learner> poll = l -> {
            Probe p = l.page();
            boolean pending = p.pending(Probe.Path.POLL);
            int marker = p.marker();
            var pods = polling.view(p.lab);
            if (pending && marker == p.marker() && p.shows(pods)) {
                long d = p.seen(Probe.Path.POLL, System.nanoTime());
                if (d >= 0) {
                    r.pagePoll.add(d);
                }
            }
        };
        List<Probe.Path> paths = List.of(Probe.Path.POLL);
        int sample = Math.min(allLabs.size(), 250);
        for (int i = 0; i < Math.min(sample, 25); i++) {
            polling.grade(allLabs.get(i), false);
        }
        long t0Alone = System.nanoTime();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < sample; i++) {
            polling.grade(allLabs.get(i * allLabs.size() / sample), false);
        }
        r.gradeAloneBaseline = (System.nanoTime() - t0Alone) / sample;
        r.gradeAloneBaselineCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / sample;
        try (Loop<Learner> pages = new Loop<>("poll", c.settings().gradeThreads(), learners, c.settings().pollEvery(), true,
                poll, null, this::error).start()) {
            Thread.sleep(c.settings().pollEvery().toMillis() + 1000);
            r.idleBaseline = perMinute(idleWindow, Source.BASELINE);
            log("baseline idle: %.1f requests/min", r.idleBaseline);

            Map<Source, Long> before = c.mock().snapshot();
            String load0 = load1();
            long t0 = System.nanoTime();
            try (Loop<Learner> grades = new Loop<>("grade-baseline", c.settings().gradeThreads(), learners,
                    c.settings().gradeEvery(), false, l -> polling.grade(randomLab(l), false), r.gradeBaseline, this::error)
                    .measuring(r.gradeBaselineCpu, r.gradeBaselineService).start();
                    Loop<Learner> records = new Loop<>("record-baseline", 4, learners, c.settings().recordEvery(), false,
                            l -> polling.grade(randomLab(l), true), null, this::error).start();
                    Loop<Learner> control = new Loop<>("noop-baseline", c.settings().gradeThreads(), learners,
                            c.settings().gradeEvery(), false, l -> {
                            }, r.noopBaseline, this::error).start();
                    Loop<Learner> statuses = new Loop<>("status-baseline", 4, learners, c.settings().statusEvery(size), false,
                            l -> writeStatus(l.page(), paths, r.statusWriteBaseline, Map.of(Probe.Path.POLL, r.pagePoll)),
                            null, this::error).start()) {
                Thread.sleep(activeWindow.toMillis());
            }
            long elapsed = System.nanoTime() - t0;
            r.loadBaseline = load0 + " → " + load1();
            Map<Source, Long> after = c.mock().snapshot();
            r.activeBaseline = ApiRequests.since(before, after, Source.BASELINE) * 60e9 / elapsed;
            r.activeFixtureBaseline = ApiRequests.since(before, after, Source.FIXTURE) * 60e9 / elapsed;
            r.gradeRateBaseline = r.gradeBaseline.count() * 1e9 / elapsed;
            drainProbes(paths, Map.of(Probe.Path.POLL, r.pagePoll));
        }
        log("baseline active: %.1f requests/min, grades p50 %.1f ms p99 %.1f ms (%d), page p50 %.0f ms p99 %.0f ms (%d, missed %d)",
                r.activeBaseline, r.gradeBaseline.percentile(50) / 1e6, r.gradeBaseline.percentile(99) / 1e6,
                r.gradeBaseline.count(), r.pagePoll.percentile(50) / 1e6, r.pagePoll.percentile(99) / 1e6,
                r.pagePoll.count(), r.pagePoll.missed());
    }

    // ---- status changes ----

    /**
     * Writes a new restart count into the page's Pod (as the kubelet would after a restart), unless the
     * previous one has not been seen by every path yet (then it waits, up to {@link #UNSEEN}).
     */
    private void writeStatus(Probe p, List<Probe.Path> paths, Latencies writes, Map<Probe.Path, Latencies> sinks) {
        if (!p.seenBy(paths)) {
            if (System.nanoTime() - p.writtenAt() < UNSEEN.toNanos()) {
                return;
            }
            for (Probe.Path path : paths) {
                if (p.pending(path)) {
                    sinks.get(path).miss();
                    p.seen(path, System.nanoTime());
                }
            }
        }
        // One request, as the kubelet's own status update is: the mock takes the status of a PUT to /status
        // whatever the resourceVersion, and nothing else writes this Pod's status while the class runs.
        Pod pod = p.object;
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        int marker = p.nextRestartCount();
        status.setRestartCount(marker);
        long t0 = System.nanoTime();
        p.written(marker, t0);
        c.driver().pods().inNamespace(p.lab.namespace()).resource(pod).updateStatus();
        writes.add(System.nanoTime() - t0);
    }

    /** Waits (bounded) for the last changes to show; what still has not is counted as missed. */
    private void drainProbes(List<Probe.Path> paths, Map<Probe.Path, Latencies> sinks) throws InterruptedException {
        long deadline = System.nanoTime() + UNSEEN.toNanos();
        while (System.nanoTime() < deadline && learners.stream().anyMatch(l -> !l.page().seenBy(paths))) {
            Thread.sleep(100);
        }
        for (Learner l : learners) {
            for (Probe.Path path : paths) {
                if (l.page().pending(path)) {
                    sinks.get(path).miss();
                }
            }
            l.page().written(0, 0);
        }
    }

    // ---- heap ----

    /**
     * Heap after full GC of the server's JVM (the app, with the bench's clients), the app's informer cache in it
     * (measured by building a second {@link ClusterState}, the same informers on the same cluster, and what it
     * adds: the running one cannot be released while the app holds it), and the cluster process's heap.
     */
    private void heap() throws Exception {
        r.heapAll = heapAfterGc();
        ClusterState copy = new ClusterState(c.driver());
        copy.start();
        copy.whenReady().toCompletableFuture().get(10, TimeUnit.MINUTES);
        int cached = copy.labNamespaces().size();
        long withCopy = heapAfterGc();
        copy.stop();
        copy = null;
        long released = heapAfterGc();
        r.heapAppCache = withCopy - r.heapAll;
        r.heapCluster = c.mock().heapAfterGc();
        log("heap after GC: server JVM %d MiB, app cache %d MiB (a second ClusterState with %d lab namespaces: "
                + "%d MiB with it, %d MiB once released); cluster process %d MiB", r.heapAll >> 20, r.heapAppCache >> 20,
                cached, withCopy >> 20, released >> 20, r.heapCluster >> 20);
    }

    /** Collections and their accumulated time (ms) so far, all collectors. */
    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] { count, millis };
    }

    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---- clean-up ----

    /**
     * Empties the cluster for the next class: with the indexed mock, by clearing its store at once and
     * making the app list the cluster anew (deleting ~40,000 objects one request at a time takes minutes);
     * otherwise by deleting every kind the labs use.
     */
    private void cleanUp() {
        if (!"stock".equals(System.getProperty("bench.mock"))) {
            c.mock().clear();
            c.cluster().stop();
            c.cluster().start();
            c.cluster().whenReady().toCompletableFuture().join();
            return;
        }
        KubernetesClient d = c.driver();
        String managed = BreakfixLabels.MANAGED_BY;
        String value = BreakfixLabels.MANAGED_BY_VALUE;
        try {
            d.apps().deployments().inAnyNamespace().delete();
            d.apps().replicaSets().inAnyNamespace().delete();
            d.pods().inAnyNamespace().delete();
            d.v1().events().inAnyNamespace().delete();
            d.serviceAccounts().inAnyNamespace().withLabel(managed, value).delete();
            d.rbac().roles().inAnyNamespace().withLabel(managed, value).delete();
            d.rbac().roleBindings().inAnyNamespace().withLabel(managed, value).delete();
            d.rbac().clusterRoleBindings().withLabel(managed, value).delete();
            d.namespaces().withLabel(managed, value).delete();
        } catch (RuntimeException e) {
            LOG.warnf(e, "clean-up failed");
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!c.cluster().labNamespaces().isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
        }
        sleep(1000);
    }

    // ---- helpers ----

    /** The 1-minute load average of the machine (other processes included). */
    static String load1() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private double perMinute(Duration window, Source source) throws InterruptedException {
        Map<Source, Long> before = c.mock().snapshot();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        Map<Source, Long> after = c.mock().snapshot();
        return ApiRequests.since(before, after, source) * 60e9 / (System.nanoTime() - t0);
    }

    /** Requests of {@code prefix} (a source, or "" for the app) by kind since {@code before}. */
    private Map<String, Long> delta(Map<String, Long> before, String prefix) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        c.mock().appByKindSnapshot().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            boolean app = !k.startsWith("FIXTURE") && !k.startsWith("DRIVER") && !k.startsWith("BASELINE");
            if (d > 0 && (prefix.isEmpty() ? app : k.startsWith(prefix))) {
                kinds.put(k, d);
            }
        });
        return kinds;
    }

    private static LabKey randomLab(Learner l) {
        return l.labs().get(ThreadLocalRandom.current().nextInt(l.labs().size()));
    }

    private void error(Throwable t) {
        if (errors.incrementAndGet() <= 5) {
            LOG.warnf("benchmark action failed: %s", t.toString());
        }
    }

    private void log(String format, Object... args) {
        String line = String.format("[bench %s %d %s] ", prefix, size, java.time.LocalTime.now().withNano(0))
                + String.format(format, args);
        System.out.println(line);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
