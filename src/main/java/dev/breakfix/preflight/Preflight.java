package dev.breakfix.preflight;

import dev.breakfix.lab.LearnerId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.access.AccessConfig;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabService;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The checklist before a class, run in the background (one run at a time) and polled: the images on the
 * nodes, node sizes against the scenarios' requests, leftover node labels, Breakfix's RBAC, and a self-test of
 * every scenario in a scratch lab. Also the pre-pull of every image on every node. The latest report is kept
 * in memory: it describes the cluster at one moment and is cheap to run again.
 */
@ApplicationScoped
public class Preflight {

    private static final Logger LOG = Logger.getLogger(Preflight.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final ClusterState cluster;
    private final Catalog catalog;
    private final LabService labs;
    private final Grader grader;
    private final BreakfixConfig config;
    private final AccessConfig access;
    private final PreflightConfig preflight;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "breakfix-preflight");
        t.setDaemon(true);
        return t;
    });
    private PreflightRun latest;
    /** What pre-pulls confirmed per node, until the kubelets list it in their node's status themselves. */
    private final java.util.Map<String, java.util.Set<String>> pulled = new java.util.concurrent.ConcurrentHashMap<>();

    public Preflight(KubernetesClient client, ClusterState cluster, Catalog catalog, LabService labs, Grader grader,
            BreakfixConfig config, AccessConfig access, PreflightConfig preflight, Clock clock) {
        this.client = client;
        this.cluster = cluster;
        this.catalog = catalog;
        this.labs = labs;
        this.grader = grader;
        this.config = config;
        this.access = access;
        this.preflight = preflight;
        this.clock = clock;
    }

    @PreDestroy
    void shutdown() {
        runner.shutdownNow();
    }

    public synchronized Optional<PreflightReport> latest() {
        return Optional.ofNullable(latest).map(PreflightRun::report);
    }

    /** Waits (bounded) for the latest run to end; empty if none ran or it is still running after {@code max}. */
    public Optional<PreflightReport> awaitLatest(java.time.Duration max) {
        PreflightRun run;
        synchronized (this) {
            run = latest;
        }
        if (run == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(run.done().get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Starts the checklist; throws {@link PreflightBusyException} while another run is going. */
    public synchronized PreflightReport start() {
        cluster.requireReady();
        requireIdle();
        PreflightRun run = new PreflightRun("preflight-" + ID_TIME.format(clock.instant()) + "-" + hex(3), clock);
        run.add(PreflightCheck.pending("images", "Every image the labs need is on every node"));
        run.add(PreflightCheck.pending("node-sizes", "sleep-multiple cannot be scheduled, its fix can"));
        run.add(PreflightCheck.pending("node-labels", "No node carries a learner's label or purpose=special"));
        run.add(PreflightCheck.pending("rbac", "Breakfix's own rights are sufficient"));
        List<Scenario> scenarios = catalog.all();
        if (preflight.selfTest()) {
            for (Scenario s : scenarios) {
                run.add(PreflightCheck.pending(selfTestId(s), "Self-test of " + s.id() + ": broken, fixed, graded"));
            }
        }
        latest = run;
        runner.execute(() -> body(run, scenarios));
        return run.report();
    }

    /** Starts pulling every image the class needs on every node; throws {@link PreflightBusyException} while a run goes. */
    public synchronized PreflightReport prepull() {
        cluster.requireReady();
        requireIdle();
        PreflightRun run = new PreflightRun("prepull-" + ID_TIME.format(clock.instant()) + "-" + hex(3), clock);
        List<Node> workers = NodeChecks.workers(cluster.nodes());
        List<NeededImage> images = neededImages();
        Prepull.plan(run, workers, images);
        latest = run;
        Instant deadline = clock.instant().plus(preflight.prepullTimeout());
        runner.execute(() -> {
            try {
                new Prepull(client, preflight.namespace(), pulled).run(run, workers, images, deadline);
            } catch (RuntimeException e) {
                LOG.warnf(e, "pre-pull %s failed", run.id());
            } finally {
                run.finish("The pre-pull ended before this was done.");
            }
        });
        return run.report();
    }

    static String selfTestId(Scenario s) {
        return "self-test-" + s.id();
    }

    List<NeededImage> neededImages() {
        return NeededImage.of(catalog.all(), config.images().overrides(), access.toolboxImage());
    }

    private void requireIdle() {
        if (latest != null && latest.running()) {
            throw new PreflightBusyException(latest.id());
        }
    }

    private void body(PreflightRun run, List<Scenario> scenarios) {
        Instant deadline = clock.instant().plus(preflight.timeout());
        try {
            step(run, "images", c -> NodeChecks.images(c, cluster.nodes(), neededImages(),
                    (node, image) -> pulled.getOrDefault(node, java.util.Set.of()).contains(image)));
            step(run, "node-sizes", c -> NodeChecks.nodeSizes(c, scenarios, cluster.nodes(), cluster.labNamespaces()));
            step(run, "node-labels", c -> NodeChecks.nodeLabels(c, cluster.nodes()));
            step(run, "rbac", c -> RbacCheck.run(c, client));
            if (preflight.selfTest()) {
                selfTests(run, scenarios, deadline);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "preflight %s failed", run.id());
        } finally {
            run.finish("Not finished within the preflight's time limit (breakfix.preflight.timeout="
                    + preflight.timeout().toSeconds() + "s).");
            PreflightReport r = run.report();
            LOG.infof("Preflight %s done: %s", r.id(), Boolean.TRUE.equals(r.passed()) ? "passed" : "failed");
        }
    }

    private void step(PreflightRun run, String id, java.util.function.UnaryOperator<PreflightCheck> check) {
        run.update(id, c -> c.running(null));
        try {
            PreflightCheck result = check.apply(run.check(id));
            run.update(id, c -> result);
        } catch (RuntimeException e) {
            LOG.warnf(e, "preflight check %s failed", id);
            run.update(id, c -> c.fail("The check could not run: " + e.getMessage(), "See the server's log."));
        }
    }

    /** Every scenario at once, each with a scratch learner of its own (node labels are per learner). */
    private void selfTests(PreflightRun run, List<Scenario> scenarios, Instant deadline) {
        SelfTest selfTest = new SelfTest(labs, grader, cluster);
        String base = LearnerId.SCRATCH_PREFIX + hex(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            String learner = base + "-" + (i + 1);
            running.add(runner.submit(() -> selfTest.run(run, selfTestId(s), s, learner, preflight.stepTimeout(), deadline)));
        }
        for (Future<?> f : running) {
            try {
                long left = java.time.Duration.between(clock.instant(), deadline).toMillis()
                        + preflight.stepTimeout().toMillis();
                f.get(Math.max(1, left), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf(e, "a self-test did not finish");
            }
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
