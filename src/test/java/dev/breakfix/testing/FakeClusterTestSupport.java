package dev.breakfix.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A fabric8 mock API server in CRUD mode with a {@link FakeCluster} on it, started once per test
 * class; each test gets a namespace of its own, a {@link PodHistory} of it, and the clock set back
 * to {@link MutableClock#CAPTURE_START}.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class FakeClusterTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    protected KubernetesMockServer server;
    protected KubernetesClient client;
    protected MutableClock clock;
    protected FakeCluster cluster;

    protected String ns;
    protected PodHistory pods;

    /** Configures the fixture before it starts (nodes, aliases); the default adds one alias. */
    protected FakeCluster configure(FakeCluster fake) {
        return fake.withImageAlias("mirror.local/crasher:stable", "bookofkubernetes/crasher:stable");
    }

    @BeforeAll
    void startCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        clock = new MutableClock();
        cluster = configure(new FakeCluster(client, clock)).start();
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
        client.close();
        server.destroy();
    }

    @BeforeEach
    void namespace(TestInfo test) {
        ns = test.getTestMethod().orElseThrow().getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                + "-" + NAMESPACES.incrementAndGet();
        clock.set(MutableClock.CAPTURE_START);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        pods = new PodHistory(client, ns);
    }

    @AfterEach
    void noFailures() {
        pods.close();
        assertThat(cluster.failures()).isEmpty();
    }

    protected void idle() {
        assertThat(cluster.awaitIdle(WAIT)).as("fake cluster idle").isTrue();
    }

    protected void create(Pod pod) {
        client.pods().inNamespace(ns).resource(pod).create();
    }

    protected List<Event> events(String involvedName) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(involvedName))
                .sorted(Comparator.comparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .toList();
    }

    protected List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(ns).list().getItems();
    }

    static Event single(List<Event> events, String reason) {
        List<Event> found = events.stream().filter(e -> e.getReason().equals(reason)).toList();
        assertThat(found).as("events %s among %s", reason, events.stream().map(Event::getReason).toList()).hasSize(1);
        return found.get(0);
    }

    /** The first of these events (a scheduler retry may add a second, as on a real cluster). */
    static Event first(List<Event> events, String reason) {
        return events.stream().filter(e -> e.getReason().equals(reason)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + reason + " among " + events));
    }

    static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    static PodCondition condition(Pod pod, String type) {
        return pod.getStatus() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    static boolean runningAndReady(Pod pod) {
        PodCondition ready = condition(pod, "Ready");
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && ready != null
                && "True".equals(ready.getStatus())
                && pod.getStatus().getContainerStatuses().stream().allMatch(s -> s.getState().getRunning() != null);
    }

    static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    static boolean waitingReason(Pod pod, String container, String reason) {
        return containerStatus(pod, container, s -> s.getState() != null && s.getState().getWaiting() != null
                && reason.equals(s.getState().getWaiting().getReason()));
    }

    static boolean terminatedWith(Pod pod, int exitCode, int restartCount) {
        return containerStatus(pod, pod.getSpec().getContainers().get(0).getName(), s -> s.getState() != null
                && s.getState().getTerminated() != null && s.getState().getTerminated().getExitCode() == exitCode
                && s.getRestartCount() == restartCount);
    }

    static boolean containerStatus(Pod pod, String container, Predicate<ContainerStatus> matches) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses().stream()
                .anyMatch(s -> s.getName().equals(container) && matches.test(s));
    }
}
