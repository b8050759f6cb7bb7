package dev.breakfix.preflight;

import dev.breakfix.grading.ImageRef;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The preflight on the mock API server with the fake scheduler and kubelet. The mock's CRUD mode answers a
 * SelfSubjectAccessReview with 422 (it has no authorizer), so the test answers them as an API server would,
 * denying what {@link #DENIED} lists.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(PreflightProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreflightTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Set<String> DENIED = ConcurrentHashMap.newKeySet();

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    Grader grader;

    @Inject
    Catalog catalog;

    @Inject
    Preflight preflight;

    @Inject
    LearnerSessions sessions;

    static FakeCluster fake;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void fixture() throws Exception {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
            fake.awaitIdle(WAIT);
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                    .andReply(201, request -> accessReview(request.getBody().readUtf8())).always();
        }
        DENIED.clear();
        // a healthy cluster: every image the labs need is on the node, no stray labels, 2 CPUs
        List<String> images = new ArrayList<>();
        preflight.neededImages().forEach(i -> images.add(ImageRef.normalize(i.image())));
        images.add("registry.k8s.io/pause:3.6");
        changeNode(n -> new NodeBuilder(n)
                .editMetadata().withLabels(baseLabels(n)).endMetadata()
                .editStatus()
                .withImages(images.stream().map(i -> new ContainerImageBuilder().withNames(i).withSizeBytes(1000L).build()).toList())
                .addToAllocatable("cpu", new Quantity("2")).addToCapacity("cpu", new Quantity("2"))
                .endStatus().build());
    }

    @AfterAll
    static void stopFixture() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    @Test
    @Order(1)
    void onlyInstructorsRunThePreflightAndNothingIsReportedBeforeTheFirstRun() {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().get("/api/class/preflight")
                .then().statusCode(404).contentType("application/problem+json");
        String learner = sessions.sign("ana", Instant.now().plusSeconds(600));
        for (String method : List.of("GET", "POST")) {
            for (String path : List.of("/api/class/preflight", "/api/class/preflight/prepull")) {
                if (method.equals("GET") && path.endsWith("prepull")) {
                    continue;
                }
                given().when().request(method, path).then().statusCode(401);
                given().header("Authorization", MockClusterProfile.GRADER).when().request(method, path).then().statusCode(403);
                given().cookie(LearnerSessions.COOKIE, learner).when().request(method, path).then().statusCode(403);
            }
        }
        assertThat(preflight.latest()).as("refused requests started nothing").isEmpty();
    }

    @Test
    @Order(2)
    void aHealthyClusterPassesEveryCheckAndTheSelfTestsCleanUp() throws Exception {
        JsonNode started = post("/api/class/preflight", 202);
        assertThat(started.get("state").asText()).isEqualTo("running");
        assertThat(started.get("passed").isNull()).isTrue();
        List<String> ids = new ArrayList<>(List.of("images", "node-sizes", "node-labels", "rbac"));
        catalog.all().forEach(s -> ids.add("self-test-" + s.id()));
        assertThat(ids(started)).containsExactlyElementsOf(ids);
        // one run at a time (the self-tests alone take longer than the stability window)
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().post("/api/class/preflight")
                .then().statusCode(409).contentType("application/problem+json");

        JsonNode report = finished();
        assertThat(report.get("id").asText()).isEqualTo(started.get("id").asText());
        for (JsonNode check : report.get("checks")) {
            assertThat(check.get("status").asText()).as("%s: %s", check.get("id"), check.get("detail")).isEqualTo("pass");
            assertThat(check.get("fix").isNull()).isTrue();
        }
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(Instant.parse(report.get("finishedAt").asText())).isAfterOrEqualTo(Instant.parse(report.get("startedAt").asText()));
        assertThat(check(report, "self-test-crasher").get("detail").asText())
                .contains("showing \"139\"").contains("passed the grader's checks 5/5");
        assertThat(check(report, "rbac").get("detail").asText()).contains("all " + RbacCheck.NEEDED.size() + " rights");

        // every scratch lab, its access objects and its node label are gone
        List<String> left = client.namespaces().list().getItems().stream().map(ns -> ns.getMetadata().getName())
                .filter(n -> n.contains("preflight")).toList();
        assertThat(left).isEmpty();
        assertThat(client.rbac().clusterRoleBindings().list().getItems())
                .noneMatch(b -> b.getMetadata().getName().contains("preflight"));
        assertThat(client.nodes().withName("vm").get().getMetadata().getLabels().keySet())
                .noneMatch(k -> k.startsWith(BreakfixLabels.NODE_LABEL_PREFIX));
    }

    @Test
    @Order(3)
    void missingImagesLeftoverLabelsAStaleLabAndMissingRightsFailWithWhatToDo() throws Exception {
        LabFlow flow = new LabFlow(cluster, grader);
        LabKey stale = flow.start("dana", "sleep-multiple");
        flow.awaitState(stale, Set.of("Unschedulable"));
        try {
            // the node grows after dana's lab was sized, keeps an old learner's label, and lacks busybox
            changeNode(n -> new NodeBuilder(n)
                    .editMetadata().addToLabels("breakfix.dev/purpose-old", "special").endMetadata()
                    .editStatus()
                    .withImages(n.getStatus().getImages().stream()
                            .filter(i -> i.getNames().stream().noneMatch(name -> name.contains("busybox"))).toList())
                    .addToAllocatable("cpu", new Quantity("8")).addToCapacity("cpu", new Quantity("8"))
                    .endStatus().build());
            DENIED.addAll(List.of("patch nodes", "create serviceaccounts/token"));

            post("/api/class/preflight", 202);
            JsonNode report = finished();

            assertThat(report.get("passed").asBoolean()).isFalse();
            JsonNode images = check(report, "images");
            assertThat(images.get("status").asText()).isEqualTo("fail");
            assertThat(images.get("detail").asText()).contains("Node vm lacks busybox (for sleep-multiple)")
                    .contains("Docker Hub");
            assertThat(images.get("fix").asText()).contains("/api/class/preflight/prepull");

            JsonNode labels = check(report, "node-labels");
            assertThat(labels.get("status").asText()).isEqualTo("fail");
            assertThat(labels.get("detail").asText()).contains("node vm carries breakfix.dev/purpose-old=special");
            assertThat(labels.get("fix").asText()).contains("kubectl label node vm breakfix.dev/purpose-old-");

            JsonNode sizes = check(report, "node-sizes");
            assertThat(sizes.get("status").asText()).isEqualTo("fail");
            assertThat(sizes.get("detail").asText()).contains("lab " + stale.namespace()).contains("now fits on vm");
            assertThat(sizes.get("fix").asText()).contains("delete and start again");

            JsonNode rbac = check(report, "rbac");
            assertThat(rbac.get("status").asText()).isEqualTo("fail");
            assertThat(rbac.get("detail").asText()).contains("patch nodes").contains("create serviceaccounts/token");
            assertThat(rbac.get("fix").asText()).contains("deploy/clusterrole.yaml");

            // the scenarios themselves still work here (the fake registry serves busybox)
            catalog.all().forEach(s -> assertThat(check(report, "self-test-" + s.id()).get("status").asText())
                    .as(s.id()).isEqualTo("pass"));
            given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().get("/api/class/preflight")
                    .then().statusCode(200);
        } finally {
            flow.post(stale, "reset");
            given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                    .when().delete("/api/labs/dana/sleep-multiple").then().statusCode(204);
        }
    }

    @Test
    @Order(4)
    void prepullPullsWhatIsMissingOncePerNodeReportsFailuresAndRemovesItsPods() throws Exception {
        changeNode(n -> new NodeBuilder(n).editStatus()
                .withImages(n.getStatus().getImages().stream()
                        .filter(i -> i.getNames().stream().noneMatch(name -> name.contains("busybox") || name.contains("missing")))
                        .toList())
                .endStatus().build());

        JsonNode started = post("/api/class/preflight/prepull", 202);
        assertThat(started.get("id").asText()).startsWith("prepull-");
        assertThat(check(started, "prepull").get("detail").asText()).contains("Docker Hub");
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().post("/api/class/preflight/prepull")
                .then().statusCode(409);

        JsonNode report = finished();
        JsonNode busybox = check(report, Prepull.checkId("vm", "busybox"));
        assertThat(busybox.get("status").asText()).as(busybox.toString()).isEqualTo("pass");
        assertThat(busybox.get("detail").asText()).isEqualTo("Pulled on vm.");
        JsonNode nginx = check(report, Prepull.checkId("vm", "nginx"));
        assertThat(nginx.get("detail").asText()).isEqualTo("Already on vm.");
        JsonNode missing = check(report, Prepull.checkId("vm", PreflightProfile.MISSING_IMAGE));
        assertThat(missing.get("status").asText()).isEqualTo("fail");
        assertThat(missing.get("detail").asText()).contains("ErrImagePull").contains("not found");
        assertThat(missing.get("fix").asText()).contains("image name");
        assertThat(check(report, "prepull").get("status").asText()).isEqualTo("fail");
        assertThat(report.get("passed").asBoolean()).isFalse();

        // the pre-pull Pods ran in Breakfix's namespace, bound to the node, and are gone
        assertThat(client.namespaces().withName("breakfix-system").get()).isNotNull();
        assertThat(client.pods().inNamespace("breakfix-system").withLabel(Prepull.RUN_LABEL).list().getItems()).isEmpty();
        List<io.fabric8.kubernetes.api.model.Event> events = client.v1().events().inNamespace("breakfix-system").list().getItems();
        assertThat(events).anyMatch(e -> "Pulled".equals(e.getReason()) && e.getMessage().contains("busybox"));
    }

    // ---- helpers ----

    private JsonNode post(String path, int status) throws Exception {
        return json.readTree(given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().post(path)
                .then().statusCode(status).contentType("application/json").extract().asString());
    }

    /** Waits for the run to end (bounded), then reads the report as a client would. */
    private JsonNode finished() throws Exception {
        assertThat(preflight.awaitLatest(RUN)).as("the run finished within %s", RUN).isPresent();
        JsonNode report = json.readTree(given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/preflight").then().statusCode(200).extract().asString());
        assertThat(report.get("state").asText()).isEqualTo("done");
        return report;
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("checks").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    private static Map<String, String> baseLabels(Node n) {
        Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels());
        labels.keySet().removeIf(k -> k.startsWith(BreakfixLabels.NODE_LABEL_PREFIX) || k.equals("purpose"));
        return labels;
    }

    /** Writes the node (labels and status) and waits until the cache shows the change. */
    private void changeNode(UnaryOperator<Node> change) throws Exception {
        Node changed = change.apply(client.nodes().withName("vm").get());
        changed.getMetadata().setResourceVersion(null);
        Node written = client.nodes().resource(changed).update();
        String version = written.getMetadata().getResourceVersion();
        awaitNode(n -> version.equals(n.getMetadata().getResourceVersion()));
    }

    private void awaitNode(Predicate<Node> seen) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable check = () -> {
            if (cluster.nodes().stream().anyMatch(n -> n.getMetadata().getName().equals("vm") && seen.test(n))) {
                done.complete(null);
            }
        };
        cluster.onNodeChange(check);
        check.run();
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** What an API server with RBAC answers: allowed unless the right is in {@link #DENIED}. */
    private static String accessReview(String body) {
        try {
            JsonNode attributes = new ObjectMapper().readTree(body).path("spec").path("resourceAttributes");
            String resource = attributes.path("resource").asText()
                    + (attributes.path("subresource").asText("").isEmpty() ? "" : "/" + attributes.path("subresource").asText());
            boolean allowed = !DENIED.contains(attributes.path("verb").asText() + " " + resource);
            return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
                    + new ObjectMapper().readTree(body).path("spec") + ",\"status\":{\"allowed\":" + allowed
                    + (allowed ? "" : ",\"reason\":\"no RBAC policy matched\"") + "}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
