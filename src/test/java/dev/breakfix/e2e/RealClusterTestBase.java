package dev.breakfix.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.ContainerDiagnosis;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.diagnosis.KubectlStatus;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.CheckResult;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.injector.LabObjects;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabView;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What every end-to-end class shares: a random learner of its own, the JSON API with the instructor's and
 * the grader's tokens, the learner's own Kubernetes client (a ServiceAccount token, not the admin's
 * certificates), waits woken by the app's cluster events (never sleeps), clean-up of every lab it started,
 * and, when a test fails, what {@code kubectl get pods} and {@code kubectl get events} would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealClusterTestBase {

    protected static final Logger LOG = Logger.getLogger("dev.breakfix.e2e");
    protected static final Duration BROKEN_TIMEOUT = Duration.ofSeconds(90);
    protected static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    protected static final Duration GONE_TIMEOUT = Duration.ofSeconds(90);
    /** Long enough for a Pod to start and then run for the stability window (10 s). */
    protected static final String GRADE_WAIT = "90s";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    protected KubernetesClient admin;
    @Inject
    protected ClusterState cluster;
    @Inject
    protected Catalog catalog;
    @Inject
    protected ObjectMapper json;

    /** This class's learner: {@code e2e-} and six random characters, so runs and classes never meet. */
    protected final String learner = newLearnerId();

    private final Set<Lab> started = new LinkedHashSet<>();
    private final List<KubernetesClient> learnerClients = new ArrayList<>();
    /** Where the app listens (a random port); kept for {@code @AfterAll}, when Quarkus has reset RestAssured. */
    private String apiBaseUri;
    private int apiPort;

    /** A lab as the API addresses it. */
    protected record Lab(String learner, String scenario) {
        String namespace() {
            return LabKey.namespaceOf(LearnerId.of(learner).name(), scenario);
        }

        @Override
        public String toString() {
            return learner + "/" + scenario;
        }
    }

    protected static String newLearnerId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("e2e-");
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    // ---- set-up and clean-up ----

    @BeforeAll
    void onTheRealCluster() throws InterruptedException {
        String kubeconfig = System.getProperty(RealClusterResource.KUBECONFIG_PROPERTY);
        assertThat(kubeconfig).as("kubeconfig system property set by RealClusterResource").isNotBlank();
        String expected = masterUrlOf(Path.of(kubeconfig));
        assertThat(trimSlash(admin.getMasterUrl().toString()))
                .as("the app's Kubernetes client talks to the real cluster, not a mock server")
                .isEqualTo(trimSlash(expected));
        LOG.infof("%s runs as learner %s on %s (Kubernetes %s)", getClass().getSimpleName(), learner, expected,
                admin.getKubernetesVersion().getGitVersion());

        // The lab's values (sleep-multiple's CPU request) come from the cached nodes: wait for the cache.
        if (cluster.nodes().isEmpty()) {
            CountDownLatch nodeSeen = new CountDownLatch(1);
            cluster.onNodeChange(nodeSeen::countDown);
            if (cluster.nodes().isEmpty()) {
                assertThat(nodeSeen.await(60, TimeUnit.SECONDS)).as("the app's cache lists the cluster's nodes").isTrue();
            }
        }
        assertThat(cluster.nodes()).isNotEmpty();
    }

    @BeforeEach
    void rememberTheApp() {
        apiBaseUri = RestAssured.baseURI;
        apiPort = RestAssured.port;
    }

    /** Runs a test's body; when it fails, logs what kubectl would show of the class's labs first. */
    protected void dumpingOnFailure(ThrowingCallable body) {
        try {
            body.call();
        } catch (Throwable t) {
            dumpClusterState(t);
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new AssertionError(t);
        }
    }

    /**
     * Deletes every lab this class started through the API, then checks that the namespaces are going, the
     * node-reader bindings are gone and no node carries the learners' labels. Every lab is tried even when
     * one fails; all problems are reported together.
     */
    @AfterAll
    void deleteLabs() {
        learnerClients.forEach(KubernetesClient::close);
        SoftAssertions softly = new SoftAssertions();
        for (Lab lab : started) {
            try {
                Response response = asInstructor().delete("/api/labs/{learner}/{scenario}", lab.learner(), lab.scenario());
                softly.assertThat(response.statusCode()).as("DELETE lab %s: %s", lab, response.asString()).isIn(204, 404);
            } catch (RuntimeException e) {
                softly.fail("DELETE lab " + lab + " failed", e);
            }
        }
        for (Lab lab : started) {
            Namespace ns = admin.namespaces().withName(lab.namespace()).get();
            softly.assertThat(ns == null || ns.getMetadata().getDeletionTimestamp() != null)
                    .as("namespace %s is deleted or being deleted", lab.namespace()).isTrue();
            String binding = LabObjects.nodeReaderBindingName(new LabKey(LearnerId.of(lab.learner()), lab.scenario()));
            softly.assertThat(admin.rbac().clusterRoleBindings().withName(binding).get()).as("ClusterRoleBinding %s", binding)
                    .isNull();
        }
        Set<String> labelKeys = started.stream().map(l -> LearnerId.of(l.learner()).nodeLabelKey()).collect(Collectors.toSet());
        for (Node node : labelKeys.isEmpty() ? List.<Node>of() : admin.nodes().list().getItems()) {
            Map<String, String> labels = node.getMetadata().getLabels();
            softly.assertThat(labels == null ? Set.of() : labels.keySet()).as("labels of node %s after the labs were deleted",
                    node.getMetadata().getName()).doesNotContainAnyElementsOf(labelKeys);
        }
        softly.assertAll();
    }

    // ---- the JSON API ----

    protected RequestSpecification asInstructor() {
        return api().auth().oauth2(RealClusterProfile.INSTRUCTOR_TOKEN);
    }

    protected RequestSpecification asGrader() {
        return api().auth().oauth2(RealClusterProfile.GRADER_TOKEN);
    }

    private RequestSpecification api() {
        return apiBaseUri == null ? given() : given().baseUri(apiBaseUri).port(apiPort);
    }

    /** {@code PUT /api/labs/{learner}/{scenario}}: 201 and the lab's view. */
    protected LabView startLab(Lab lab) {
        started.add(lab);
        Response response = asInstructor().put("/api/labs/{learner}/{scenario}", lab.learner(), lab.scenario());
        assertThat(response.statusCode()).as("PUT lab %s: %s", lab, response.asString()).isEqualTo(201);
        LabView view = read(response, LabView.class);
        assertThat(view.namespace()).isEqualTo(lab.namespace());
        assertThat(view.scenario()).isEqualTo(lab.scenario());
        assertThat(view.startedAt()).isNotNull();
        return view;
    }

    /** {@code GET /api/labs/{learner}/{scenario}}: progress and the diagnosis of every Pod. */
    protected LabView view(Lab lab) {
        Response response = asGrader().get("/api/labs/{learner}/{scenario}", lab.learner(), lab.scenario());
        assertThat(response.statusCode()).as("GET lab %s: %s", lab, response.asString()).isEqualTo(200);
        return read(response, LabView.class);
    }

    /** {@code POST .../grade}, waiting for a pass when {@code wait} is given. */
    protected GradeReport grade(Lab lab, String wait) {
        RequestSpecification request = asGrader();
        if (wait != null) {
            request = request.queryParam("wait", wait);
        }
        Response response = request.post("/api/labs/{learner}/{scenario}/grade", lab.learner(), lab.scenario());
        assertThat(response.statusCode()).as("POST grade %s: %s", lab, response.asString()).isEqualTo(200);
        return read(response, GradeReport.class);
    }

    protected LabView reset(Lab lab) {
        Response response = asInstructor().post("/api/labs/{learner}/{scenario}/reset", lab.learner(), lab.scenario());
        assertThat(response.statusCode()).as("POST reset %s: %s", lab, response.asString()).isEqualTo(200);
        return read(response, LabView.class);
    }

    protected static CheckResult check(GradeReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    protected static String describe(GradeReport report) {
        return "passed=" + report.passed() + " score=" + report.score() + "/" + report.maxScore() + " summary=" + report.summary()
                + "\n  checks: " + report.checks().stream().map(c -> (c.passed() ? "+" : "-") + c.name() + ": " + c.message())
                        .collect(Collectors.joining("\n          "))
                + "\n  pods: " + report.pods().stream().map(RealClusterTestBase::describe).collect(Collectors.joining("; "));
    }

    private <T> T read(Response response, Class<T> type) {
        try {
            return json.readValue(response.asString(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from " + response.asString(), e);
        }
    }

    // ---- waiting, woken by the app's cluster events ----

    /**
     * Reads {@code read} until {@code done} holds: again whenever the app's cache sees a change in
     * {@code namespace} (informer events), never on a timer. Fails after {@code timeout} with what it saw last.
     */
    protected <T> T awaitInNamespace(String namespace, String what, Duration timeout, Supplier<T> read, Predicate<T> done,
            Function<T, String> describe) {
        Semaphore changes = new Semaphore(0);
        Consumer<String> listener = ns -> {
            if (ns.equals(namespace)) {
                changes.release();
            }
        };
        cluster.onNamespaceChange(listener);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                changes.drainPermits();
                T seen = read.get();
                if (done.test(seen)) {
                    return seen;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !changes.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    seen = read.get();
                    if (done.test(seen)) {
                        return seen;
                    }
                    throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + " in " + namespace
                            + "; last seen: " + describe.apply(seen));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } finally {
            cluster.removeNamespaceListener(listener);
        }
    }

    /** Waits until the lab's API view shows a Pod chosen by {@code which} for which {@code condition} holds. */
    protected PodDiagnosis awaitPod(Lab lab, String what, Predicate<PodDiagnosis> which, Predicate<PodDiagnosis> condition,
            Duration timeout) {
        List<PodDiagnosis> pods = awaitInNamespace(lab.namespace(), what, timeout, () -> view(lab).pods(),
                list -> list.stream().anyMatch(p -> which.test(p) && condition.test(p)),
                list -> list.isEmpty() ? "no Pods"
                        : list.stream().map(RealClusterTestBase::describe).collect(Collectors.joining("; ")));
        return pods.stream().filter(p -> which.test(p) && condition.test(p)).findFirst().orElseThrow();
    }

    /** Waits until the app's cache (what the grader reads) no longer holds the Pod. */
    protected void awaitPodGone(String namespace, String pod) {
        assertThat(cluster.await(namespace, () -> cluster.pod(namespace, pod).isEmpty(), GONE_TIMEOUT))
                .as("Pod %s/%s is gone within %s s", namespace, pod, GONE_TIMEOUT.toSeconds()).isTrue();
    }

    protected static String describe(PodDiagnosis p) {
        return p.pod() + " " + p.state() + " (" + p.kubectlStatus() + ", reason " + p.reason() + "): " + p.message()
                + " evidence=" + p.evidence() + " containers=" + p.containers().stream()
                        .map(c -> c.name() + "[" + c.image() + " " + c.state() + " " + c.reason() + " exit=" + c.lastExitCode()
                                + " signal=" + c.lastSignal() + "]")
                        .toList();
    }

    /** The diagnosis's message and evidence, one text to search. */
    protected static String text(PodDiagnosis p) {
        return (p.message() == null ? "" : p.message()) + "\n" + String.join("\n", p.evidence());
    }

    protected static ContainerDiagnosis container(PodDiagnosis p, String name) {
        return p.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + describe(p)));
    }

    // ---- the learner's own rights ----

    /**
     * A client with the learner's ServiceAccount token (TokenRequest) and nothing of the admin's credentials,
     * defaulting to the lab's namespace.
     */
    protected KubernetesClient learnerClient(String namespace) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(LabObjects.LEARNER_SA)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        assertThat(token).isNotBlank();
        Config config = new ConfigBuilder(admin.getConfiguration())
                // Without this, build() configures itself again from the kubeconfig and puts the admin's
                // client certificate back: the API server would authenticate the admin, not the learner.
                .withAutoConfigure(false)
                .withOauthToken(token)
                .withUsername(null)
                .withPassword(null)
                .withClientCertData(null)
                .withClientKeyData(null)
                .withClientCertFile(null)
                .withClientKeyFile(null)
                .withAuthProvider(null)
                .withOauthTokenProvider(null)
                .withNamespace(namespace)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        learnerClients.add(client);
        assertForbidden("the learner's client (not the admin's) lists Pods in kube-system",
                () -> client.pods().inNamespace("kube-system").list());
        return client;
    }

    /** The call is refused by RBAC: HTTP 403. */
    protected static void assertForbidden(String what, ThrowingCallable call) {
        assertThatExceptionOfType(KubernetesClientException.class).as(what).isThrownBy(call)
                .satisfies(e -> assertThat(e.getCode()).as("%s: %s", what, e.getMessage()).isEqualTo(403));
    }

    /** A node Pods can be scheduled on: Ready, schedulable, without NoSchedule/NoExecute taints. */
    protected static String schedulableNode(List<Node> nodes) {
        return nodes.stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> n.getSpec() == null || n.getSpec().getTaints() == null || n.getSpec().getTaints().stream()
                        .noneMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())))
                .filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions()
                        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(n -> n.getMetadata().getName())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Ready, schedulable node among "
                        + nodes.stream().map(n -> n.getMetadata().getName()).toList()));
    }

    // ---- the scenarios' files ----

    /** One object from a scenario's manifest in the repository ({@code scenarios/<id>/<file>}). */
    @SuppressWarnings("unchecked")
    protected static <T extends HasMetadata> T manifest(String scenario, String file) {
        Path path = Path.of("scenarios", scenario, file);
        try {
            List<HasMetadata> objects = ManifestTemplate.parse(Files.readString(path));
            assertThat(objects).as("objects in %s", path).hasSize(1);
            return (T) objects.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what kubectl would show, for failures ----

    void dumpClusterState(Throwable cause) {
        StringBuilder out = new StringBuilder("Cluster state after the failure of ").append(getClass().getSimpleName())
                .append(" (").append(cause).append("):");
        Instant now = Instant.now();
        for (Lab lab : started) {
            String ns = lab.namespace();
            out.append("\n\n=== lab ").append(lab).append(", namespace ").append(ns);
            try {
                out.append("\n$ kubectl get pods -o wide");
                out.append(String.format("%n%-28s %-6s %-20s %-10s %-8s %s", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"));
                List<Pod> pods = admin.pods().inNamespace(ns).list().getItems();
                for (Pod pod : pods) {
                    KubectlStatus row = KubectlStatus.of(pod, now);
                    out.append(String.format("%n%-28s %-6s %-20s %-10s %-8s %s", row.name(), row.ready(), row.status(),
                            row.restarts(), row.age(), row.node()));
                }
                for (Pod pod : pods) {
                    out.append("\n  ").append(pod.getMetadata().getName()).append(" uid=").append(pod.getMetadata().getUid())
                            .append(" phase=").append(pod.getStatus() == null ? null : pod.getStatus().getPhase())
                            .append(pod.getMetadata().getDeletionTimestamp() == null ? ""
                                    : " deletionTimestamp=" + pod.getMetadata().getDeletionTimestamp());
                    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                        pod.getStatus().getConditions().forEach(c -> out.append("\n    condition ").append(c.getType()).append('=')
                                .append(c.getStatus()).append(c.getReason() == null ? "" : " (" + c.getReason() + ")")
                                .append(c.getMessage() == null ? "" : ": " + c.getMessage()));
                    }
                    pod.getSpec().getContainers().forEach(c -> out.append("\n    container ").append(c.getName())
                            .append(" image=").append(c.getImage())
                            .append(c.getCommand() == null || c.getCommand().isEmpty() ? "" : " command=" + c.getCommand())
                            .append(c.getArgs() == null || c.getArgs().isEmpty() ? "" : " args=" + c.getArgs()));
                    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
                        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                            out.append("\n    status ").append(s.getName()).append(": ").append(state(s.getState()))
                                    .append("; last: ").append(state(s.getLastState())).append("; ready=").append(s.getReady())
                                    .append(" restarts=").append(s.getRestartCount());
                        }
                    }
                }
                out.append("\n$ kubectl get events");
                out.append(String.format("%n%-10s %-8s %-20s %-34s %s", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
                List<Event> events = new ArrayList<>(admin.v1().events().inNamespace(ns).list().getItems());
                events.sort(Events.CHRONOLOGICAL);
                for (Event e : events) {
                    Instant seen = Events.lastSeen(e);
                    out.append(String.format("%n%-10s %-8s %-20s %-34s %s", seen == null ? "<unknown>" : KubectlStatus.age(seen, now),
                            e.getType(), e.getReason(),
                            e.getInvolvedObject().getKind().toLowerCase() + "/" + e.getInvolvedObject().getName(),
                            e.getMessage() == null ? "" : e.getMessage().strip()));
                }
            } catch (RuntimeException e) {
                out.append("\n(cannot read the namespace: ").append(e).append(')');
            }
            try {
                out.append("\n$ GET /api/labs/").append(lab.learner()).append('/').append(lab.scenario()).append('\n')
                        .append(asGrader().get("/api/labs/{learner}/{scenario}", lab.learner(), lab.scenario()).asString());
            } catch (RuntimeException e) {
                out.append("\n(cannot read the lab from the API: ").append(e).append(')');
            }
        }
        try {
            out.append("\n\n$ kubectl get nodes --show-labels");
            for (Node node : admin.nodes().list().getItems()) {
                String ready = node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                        .map(NodeCondition::getStatus).findFirst().orElse("?");
                out.append("\n").append(node.getMetadata().getName()).append(" Ready=").append(ready).append(' ')
                        .append(node.getMetadata().getLabels());
            }
        } catch (RuntimeException e) {
            out.append("\n(cannot read the nodes: ").append(e).append(')');
        }
        LOG.error(out);
    }

    private static String state(ContainerState s) {
        if (s == null) {
            return "-";
        }
        if (s.getRunning() != null) {
            return "running since " + s.getRunning().getStartedAt();
        }
        if (s.getWaiting() != null) {
            return "waiting " + s.getWaiting().getReason() + (s.getWaiting().getMessage() == null ? "" : ": " + s.getWaiting().getMessage());
        }
        if (s.getTerminated() != null) {
            return "terminated " + s.getTerminated().getReason() + " exit " + s.getTerminated().getExitCode()
                    + (s.getTerminated().getSignal() == null ? "" : " signal " + s.getTerminated().getSignal());
        }
        return "-";
    }

    // ---- helpers ----

    private static String masterUrlOf(Path kubeconfig) {
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Durations of a flow's phases, for the log. */
    protected static final class Phases {
        private final String name;
        private final long begin = System.nanoTime();
        private long last = begin;
        private final List<String> done = new ArrayList<>();

        Phases(String name) {
            this.name = name;
        }

        void done(String phase) {
            long now = System.nanoTime();
            done.add(String.format("%s %.1f s", phase, (now - last) / 1e9));
            last = now;
        }

        @Override
        public String toString() {
            return String.format("%s: %s; total %.1f s", name, String.join(", ", done), (System.nanoTime() - begin) / 1e9);
        }
    }
}
