package dev.breakfix.bench;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.breakfix.bench.ApiRequests.Source;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabService;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.WithTestResource;

/**
 * ISSUE 7's benchmark: a whole class (10, 100, 500 learners × the five scenarios) on the fabric8 mock
 * API server, with the fixture playing scheduler, kubelet and controllers, both in a process of their own
 * ({@link MockClusterProcess}) so that the server's JVM holds only the server; Breakfix (one shared watch,
 * every read from the cache) against a BASELINE that grades and shows pages the way verify scripts and
 * polling pages do (a fresh API read per check per call). Prints one table.
 *
 * <p>Not a test: nothing is asserted on timings, and the name keeps it out of the normal build
 * ({@code **}{@code /*Test.java}). Run it with {@code ./mvnw -Pbench test}; {@code -Dbench.learners=10,100}
 * and the other {@link Settings} change its shape.
 */
@QuarkusTest
@WithTestResource(MockClusterProcess.class)
@TestProfile(BenchProfile.class)
class ClassBenchmark {

    @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
    String apiServer;
    @ConfigProperty(name = MockClusterProcess.CONTROL_PORT)
    int controlPort;

    @TestHTTPResource("/")
    URL base;

    @Inject
    LabService labs;
    @Inject
    Grader grader;
    @Inject
    ClusterState cluster;
    @Inject
    Catalog catalog;
    @Inject
    BreakfixConfig config;
    @Inject
    Clock clock;
    @Inject
    LearnerSessions sessions;

    @Test
    void classOfLearners() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String loadBefore = loadAverage();
        int nodes = Math.max(1, (int) Math.ceil(settings.maxLearners() * 3 / 100.0));
        List<SizeResult> results = new ArrayList<>();
        try (MockCluster mock = new MockCluster(controlPort);
                KubernetesClient driver = ApiRequests.client(apiServer, Source.DRIVER);
                KubernetesClient baseline = ApiRequests.client(apiServer, Source.BASELINE)) {
            cluster.whenReady().toCompletableFuture().get();
            ClassRun.Context context = new ClassRun.Context(labs, grader, cluster, catalog, config, clock, sessions, mock,
                    driver, baseline, base.toURI(), settings, nodes);
            if (settings.warmUp()) {
                new ClassRun(context, "warm", 5, Duration.ofSeconds(2), Duration.ofSeconds(6)).run();
            }
            for (int size : settings.sizes()) {
                results.add(new ClassRun(context, "c" + size, size, settings.idleWindow(), settings.activeWindow()).run());
            }
            System.out.println("[bench] user agents seen at the mock: " + mock.agents());
        }
        String machine = machine(settings, nodes, loadBefore, loadAverage());
        String table = ResultTable.render(results, settings, machine);
        System.out.println("\n" + table);
        Path out = Path.of(settings.output());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println("[bench] written to " + out.toAbsolutePath());
    }

    private static String machine(Settings s, int nodes, String loadBefore, String loadAfter) {
        Runtime rt = Runtime.getRuntime();
        return String.format(
                "Run %s on %d CPUs, heap max %d MiB, %s %s (%s); load average before %s, after %s. "
                        + "Fake cluster (mock API server and fixture in a JVM of their own, %s): %d nodes (2 CPU, 8Gi, 110 Pods each). Workload while measuring: every learner has one lab page open "
                        + "(Breakfix: the live panel's SSE stream; baseline: the page polls every %d s), grades one of their labs after "
                        + "a think time of 0–%d s (`Grader.grade(lab, false)` from the cache / `PollingGrader`: GET namespace, list Pods, "
                        + "events, ReplicaSets, GET Deployment), records an attempt every 0–%d s, on %d worker threads; the open lab's Pod "
                        + "gets a new restart count (one PUT of its status) every 0–%d s on average, or less often so that the whole "
                        + "class sees at most %.0f changes/s. "
                        + "Idle window %d s, active window %d s.",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), loadBefore, loadAfter,
                System.getProperty("bench.clusterJvmArgs", "-Xmx2g"), nodes, s.pollEvery().toSeconds(),
                2 * s.gradeEvery().toSeconds(), 2 * s.recordEvery().toSeconds(), s.gradeThreads(),
                2 * s.statusEvery().toSeconds(), s.statusRate(), s.idleWindow().toSeconds(), s.activeWindow().toSeconds());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
