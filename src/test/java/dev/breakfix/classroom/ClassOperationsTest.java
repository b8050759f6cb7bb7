package dev.breakfix.classroom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.breakfix.access.LearnerHomes;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Bulk operations, class end and the roles of the classroom API, on the mock API server with the fixture that
 * plays scheduler, kubelet and controllers. The class end runs last: it removes what the others left.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(ClassroomProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassOperationsTest {

    private static final Duration OPERATION_LIMIT = Duration.ofMinutes(3);

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
    ClassOperations operations;

    @Inject
    ApiThrottle throttle;

    @Inject
    LearnerHomes homes;

    static FakeCluster fake;
    LabFlow flow;

    @BeforeEach
    void fixture() {
        if (fake == null) {
            // room for 250 labs: 4 nodes of 8 CPUs (sleep-multiple still asks for more than any one node has)
            fake = new FakeCluster(server.getClient(), Clock.systemUTC())
                    .withNode("vm1", "8", "32Gi").withNode("vm2", "8", "32Gi")
                    .withNode("vm3", "8", "32Gi").withNode("vm4", "8", "32Gi")
                    .start();
            assertThat(fake.awaitIdle(Duration.ofSeconds(20))).isTrue();
            awaitNodes(4);
        }
        flow = new LabFlow(cluster, grader);
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
    void aClassOfFiftyIsStartedSolvedAndResetInBulkWithProgressAndBoundedConcurrency() throws Exception {
        List<String> learners = IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("learner%02d", i)).toList();
        List<String> scenarios = catalog.all().stream().map(Scenario::id).toList();
        assertThat(scenarios).hasSize(5);
        long pacedBefore = throttle.pacedRequests();

        // class start from the roster: every scenario for every learner
        Operation started = Classroom.submit("start", learners, null);
        assertThat(started.action()).isEqualTo(Action.START);
        assertThat(started.total()).isEqualTo(250);
        assertThat(started.labs()).extracting(Operation.Lab::learner).startsWith("learner01", "learner01");
        Progressing progress = Progressing.of(operations, started.id());
        Operation start = Classroom.awaitDone(operations, started.id(), OPERATION_LIMIT);
        assertThat(start.done()).as("%s", failures(start)).isEqualTo(250);
        progress.assertSeenMidway(4);
        assertThat(throttle.pacedRequests() - pacedBefore).as("API requests paced by the throttle")
                .isGreaterThanOrEqualTo(250L * 5);
        List<LabKey> labs = keys(learners, scenarios);
        awaitInCache(labs);

        // solve the whole selection: every lab passes
        Operation solving = Classroom.submit("solve", learners, scenarios);
        Progressing solveProgress = Progressing.of(operations, solving.id());
        Operation solved = Classroom.awaitDone(operations, solving.id(), OPERATION_LIMIT);
        assertThat(solved.done()).as("%s", failures(solved)).isEqualTo(250);
        solveProgress.assertSeenMidway(4);
        Map<LabKey, String> fixedPods = new HashMap<>();
        for (GradeReport report : gradeAll(labs)) {
            assertThat(report.passed()).as("%s/%s: %s", report.learner(), report.scenario(), report.summary()).isTrue();
        }
        for (LabKey lab : labs) {
            String pod = flow.workload(lab).pod();
            fixedPods.put(lab, cluster.pod(lab.namespace(), pod).orElseThrow().getMetadata().getUid());
        }

        // reset the same selection: every lab is broken again, with new Pods
        Operation resetting = Classroom.submit("reset", learners, scenarios);
        assertThat(resetting.state()).isEqualTo(Operation.State.RUNNING);
        Progressing resetProgress = Progressing.of(operations, resetting.id());
        Operation reset = Classroom.awaitDone(operations, resetting.id(), OPERATION_LIMIT);
        assertThat(reset.done()).as("%s", failures(reset)).isEqualTo(250);
        assertThat(reset.labs()).allSatisfy(l -> assertThat(l.message()).isNull());
        resetProgress.assertSeenMidway(4);
        for (LabKey lab : labs) {
            Set<String> broken = Set.copyOf(catalog.get(lab.scenario()).expect().states());
            var workload = flow.awaitState(lab, broken);
            assertThat(cluster.pod(lab.namespace(), workload.pod()).orElseThrow().getMetadata().getUid())
                    .as("%s has a new Pod", lab.namespace()).isNotEqualTo(fixedPods.get(lab));
            assertThat(grader.evaluate(lab).outcome().passed()).isFalse();
        }

        // the list shows the three operations, newest first
        List<Operation> listed = List.of(given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/operations").then().statusCode(200).extract().as(Operation[].class));
        assertThat(listed).extracting(Operation::id).startsWith(resetting.id(), solving.id(), started.id());
    }

    @Test
    @Order(2)
    void anApiFailureIsReportedForItsLabAndTheOthersComplete() throws Exception {
        List<String> learners = List.of("flaky", "steady1", "steady2");
        Operation start = Classroom.awaitDone(operations,
                Classroom.submit("start", learners, List.of("nginx-typo", "postgres-misconfig")).id(), OPERATION_LIMIT);
        assertThat(start.done()).isEqualTo(6);
        awaitInCache(keys(learners, List.of("nginx-typo", "postgres-misconfig")));
        // the API server refuses to create Pods in one lab
        server.expect().post().withPath("/api/v1/namespaces/bf-flaky-nginx-typo/pods")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcdserver: request timed out").build())
                .always();

        Operation reset = Classroom.awaitDone(operations,
                Classroom.submit("reset", learners, List.of("nginx-typo", "postgres-misconfig")).id(), OPERATION_LIMIT);

        assertThat(reset.failed()).isEqualTo(1);
        assertThat(reset.done()).isEqualTo(5);
        Operation.Lab failed = reset.labs().stream().filter(l -> l.state() == Operation.LabState.FAILED).findFirst()
                .orElseThrow();
        assertThat(failed.learner()).isEqualTo("flaky");
        assertThat(failed.scenario()).isEqualTo("nginx-typo");
        assertThat(failed.message()).contains("500").contains("etcdserver: request timed out");
        for (LabKey lab : keys(learners, List.of("nginx-typo", "postgres-misconfig"))) {
            if (!lab.namespace().equals("bf-flaky-nginx-typo")) {
                flow.awaitState(lab, Set.copyOf(catalog.get(lab.scenario()).expect().states()));
            }
        }
        assertThat(cluster.pods("bf-flaky-nginx-typo")).isEmpty();

        // the same reset again: the same lab fails the same way, nothing else changes for the worse
        Operation again = Classroom.awaitDone(operations,
                Classroom.submit("reset", learners, List.of("nginx-typo", "postgres-misconfig")).id(), OPERATION_LIMIT);
        assertThat(again.failed()).isEqualTo(1);
        assertThat(again.done()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void repeatingAnOperationIsSafe() throws Exception {
        List<String> learners = List.of("rhea", "remy");
        List<String> scenarios = List.of("crasher", "nginx-selector");
        Operation first = Classroom.awaitDone(operations, Classroom.submit("start", learners, scenarios).id(), OPERATION_LIMIT);
        assertThat(first.done()).isEqualTo(4);
        List<LabKey> labs = keys(learners, scenarios);
        awaitInCache(labs);
        Map<String, String> uids = new HashMap<>();
        for (LabKey lab : labs) {
            flow.awaitState(lab, Set.copyOf(catalog.get(lab.scenario()).expect().states()));
            uids.put(lab.namespace(), client.namespaces().withName(lab.namespace()).get().getMetadata().getUid());
        }
        flow.grade(labs.get(0), "0s");

        // start again: every lab already runs and is left alone, progress kept
        Operation second = Classroom.awaitDone(operations, Classroom.submit("start", learners, scenarios).id(), OPERATION_LIMIT);
        assertThat(second.skipped()).isEqualTo(4);
        assertThat(second.labs()).allSatisfy(l -> assertThat(l.message()).isEqualTo("already running"));
        for (LabKey lab : labs) {
            assertThat(client.namespaces().withName(lab.namespace()).get().getMetadata().getUid())
                    .isEqualTo(uids.get(lab.namespace()));
        }
        assertThat(progress(labs.get(0)).attempts()).isEqualTo(1);

        // solve twice: the second finds every lab fixed and skips it
        Operation solve = Classroom.awaitDone(operations, Classroom.submit("solve", learners, scenarios).id(), OPERATION_LIMIT);
        assertThat(solve.done()).isEqualTo(4);
        for (GradeReport report : gradeAll(labs)) {
            assertThat(report.passed()).as(report.summary()).isTrue();
        }
        Operation solveAgain = Classroom.awaitDone(operations, Classroom.submit("solve", learners, scenarios).id(),
                OPERATION_LIMIT);
        assertThat(solveAgain.skipped()).isEqualTo(4);
        assertThat(solveAgain.labs()).allSatisfy(l -> assertThat(l.message()).isEqualTo("already fixed"));

        // a reset or solve of labs never started skips them; a start then creates them
        Operation resetNew = Classroom.awaitDone(operations, Classroom.submit("reset", List.of("newcomer"), scenarios).id(),
                OPERATION_LIMIT);
        assertThat(resetNew.skipped()).isEqualTo(2);
        assertThat(resetNew.labs()).allSatisfy(l -> assertThat(l.message()).isEqualTo("not started"));
        assertThat(client.namespaces().withLabel(BreakfixLabels.LEARNER, "newcomer").list().getItems()).isEmpty();

        // delete a learner's row twice: the second has nothing left to delete
        Operation delete = Classroom.awaitDone(operations, Classroom.submit("delete", List.of("remy"), null).id(),
                OPERATION_LIMIT);
        assertThat(delete.total()).isEqualTo(5);
        assertThat(delete.done()).isEqualTo(2);
        assertThat(delete.skipped()).isEqualTo(3);
        assertThat(client.namespaces().withLabel(BreakfixLabels.LEARNER, "remy").list().getItems()).isEmpty();
        assertThat(labelKeys()).doesNotContain("breakfix.dev/purpose-remy").contains("breakfix.dev/purpose-rhea");
        Operation deleteAgain = Classroom.awaitDone(operations, Classroom.submit("delete", List.of("remy"), null).id(),
                OPERATION_LIMIT);
        assertThat(deleteAgain.skipped()).isEqualTo(5);
        assertThat(deleteAgain.failed()).isZero();
    }

    @Test
    @Order(4)
    void badInputIsRefusedWithAProblemAndStartsNothing() {
        int before = operations.list().size();
        assertBadRequest(Classroom.body("restart", List.of("zed"), null), "unknown action");
        assertBadRequest(Classroom.body(null, List.of("zed"), null), "action is required");
        assertBadRequest(Classroom.body("start", List.of("zed"), List.of("nginx-typo", "no-such-lab")), "unknown scenario");
        assertBadRequest(Classroom.body("start", List.of("zed", "bad/name"), null), "invalid learner id");
        assertBadRequest(Classroom.body("start", List.of(""), null), "invalid learner id");
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON).body("{\"action\":")
                .when().post("/api/class/operations").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON)
                .when().post("/api/class/operations").then().statusCode(400).contentType("application/problem+json");
        assertThat(operations.list()).hasSize(before);
        assertThat(client.namespaces().withLabel(BreakfixLabels.LEARNER, "zed").list().getItems()).isEmpty();

        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/operations/{id}", "no-such-operation")
                .then().statusCode(404).contentType("application/problem+json");

        int labsBefore = client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).list()
                .getItems().size();
        for (String body : List.of("{\"confirm\":\"end\"}", "{\"confirm\":\"END CLASS\"}", "{}", "")) {
            given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON).body(body)
                    .when().post("/api/class/end")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertThat(client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).list()
                .getItems()).hasSize(labsBefore);
    }

    @Test
    @Order(5)
    void onlyInstructorsMayUseTheClassroomApi() {
        String learner = Classroom.join("Lena");
        String someOperation = operations.list().get(0).id();
        List<RequestSpecification> callers = List.of(
                given().header("Authorization", MockClusterProfile.GRADER),
                given().cookie(LearnerSessions.COOKIE, learner));
        for (RequestSpecification caller : callers) {
            caller.redirects().follow(false);
            caller.contentType(ContentType.JSON);
            caller.body(Classroom.body("delete", null, null)).when().post("/api/class/operations").then().statusCode(403);
            caller.when().get("/api/class/operations").then().statusCode(403);
            caller.when().get("/api/class/operations/{id}", someOperation).then().statusCode(403);
            caller.body("{\"confirm\":\"end class\"}").when().post("/api/class/end").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Classroom.body("start", List.of("x"), null))
                .when().post("/api/class/operations").then().statusCode(401);
        given().when().get("/api/class/operations").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"confirm\":\"end class\"}").when().post("/api/class/end")
                .then().statusCode(401);
        assertThat(client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).list()
                .getItems()).isNotEmpty();
    }

    @Test
    @Order(6)
    void endingTheClassRemovesEveryLabHomeAndNodeLabelAndCountsThem() {
        homes.ensure(LearnerId.of("learner01"));
        homes.ensure(LearnerId.of("rhea"));
        // the resets took the fifty learners' labels away; rhea's (solved, never reset) is still there
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().put("/api/learners/{l}/node-label/{n}", "learner07", "vm2").then().statusCode(204);
        List<Namespace> managed = client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE)
                .list().getItems();
        long labNamespaces = managed.stream().filter(ns -> ns.getMetadata().getLabels().containsKey(BreakfixLabels.SCENARIO))
                .count();
        long homeNamespaces = managed.stream().filter(ns -> "true".equals(ns.getMetadata().getLabels().get("breakfix.dev/home")))
                .count();
        long nodeLabels = client.nodes().list().getItems().stream().flatMap(n -> n.getMetadata().getLabels().keySet().stream())
                .filter(k -> k.startsWith(BreakfixLabels.NODE_LABEL_PREFIX)).count();
        assertThat(labNamespaces).isGreaterThanOrEqualTo(250);
        assertThat(homeNamespaces).isEqualTo(2);
        assertThat(nodeLabels).isGreaterThanOrEqualTo(2);

        ClassEndResult ended = given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON)
                .body("{\"confirm\":\"end class\"}")
                .when().post("/api/class/end")
                .then().statusCode(200).contentType(ContentType.JSON).extract().as(ClassEndResult.class);

        assertThat(ended).isEqualTo(new ClassEndResult((int) labNamespaces, (int) homeNamespaces, (int) nodeLabels));
        assertThat(client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).list()
                .getItems()).isEmpty();
        assertThat(client.rbac().clusterRoleBindings().withLabel(BreakfixLabels.LEARNER).list().getItems()).isEmpty();
        assertThat(labelKeys()).noneMatch(k -> k.startsWith(BreakfixLabels.NODE_LABEL_PREFIX));

        // ending again finds nothing
        ClassEndResult again = given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON)
                .body("{\"confirm\":\"end class\"}")
                .when().post("/api/class/end")
                .then().statusCode(200).extract().as(ClassEndResult.class);
        assertThat(again).isEqualTo(new ClassEndResult(0, 0, 0));
    }

    // ---- helpers ----

    /** Records the operation's snapshots as it runs (heard from the operation itself, not polled). */
    static final class Progressing {
        final List<Operation> seen = new CopyOnWriteArrayList<>();

        static Progressing of(ClassOperations operations, String id) {
            Progressing p = new Progressing();
            operations.find(id).orElseThrow().onChange(p.seen::add);
            return p;
        }

        /** Some snapshot showed the operation part-way, and none had more labs running than the pool allows. */
        void assertSeenMidway(int concurrency) {
            assertThat(seen).isNotEmpty();
            assertThat(seen).anySatisfy(op -> {
                int finished = op.done() + op.failed() + op.skipped();
                assertThat(finished).isBetween(1, op.total() - 1);
                assertThat(op.state()).isEqualTo(Operation.State.RUNNING);
            });
            int maxRunning = seen.stream()
                    .mapToInt(op -> (int) op.labs().stream().filter(l -> l.state() == Operation.LabState.RUNNING).count())
                    .max().orElse(0);
            assertThat(maxRunning).isBetween(2, concurrency);
            List<Integer> finished = seen.stream().map(op -> op.done() + op.failed() + op.skipped()).toList();
            assertThat(finished).isSorted();
        }
    }

    private List<GradeReport> gradeAll(List<LabKey> labs) {
        List<CompletableFuture<GradeReport>> grades = new ArrayList<>();
        for (LabKey lab : labs) {
            grades.add(grader.gradeWaiting(lab, Duration.ofSeconds(90), false).toCompletableFuture());
        }
        return grades.stream().map(f -> {
            try {
                return f.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static List<LabKey> keys(List<String> learners, List<String> scenarios) {
        List<LabKey> keys = new ArrayList<>();
        for (String l : learners) {
            for (String s : scenarios) {
                keys.add(new LabKey(LearnerId.of(l), s));
            }
        }
        return keys;
    }

    private void awaitInCache(List<LabKey> labs) {
        for (LabKey lab : labs) {
            assertThat(cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                    .map(ns -> Progress.fromAnnotations(ns.getMetadata().getAnnotations()).injected()).orElse(false),
                    Duration.ofSeconds(20))).as("%s in the cache", lab.namespace()).isTrue();
        }
    }

    /** Waits, woken by node events, until the cache has the fixture's nodes. */
    private void awaitNodes(int count) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        cluster.onNodeChange(() -> {
            if (cluster.nodes().size() >= count) {
                seen.complete(null);
            }
        });
        if (cluster.nodes().size() < count) {
            try {
                seen.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the cache has " + cluster.nodes().size() + " nodes, not " + count, e);
            }
        }
    }

    private Progress progress(LabKey lab) {
        return Progress.fromAnnotations(client.namespaces().withName(lab.namespace()).get().getMetadata().getAnnotations());
    }

    private List<String> labelKeys() {
        List<String> keys = new ArrayList<>();
        for (Node n : client.nodes().list().getItems()) {
            keys.addAll(n.getMetadata().getLabels().keySet());
        }
        return keys;
    }

    private static String failures(Operation op) {
        return op.labs().stream().filter(l -> l.state() != Operation.LabState.DONE)
                .map(l -> l.learner() + "/" + l.scenario() + ": " + l.state() + " " + l.message()).limit(10).toList().toString();
    }

    private static void assertBadRequest(Map<String, Object> body, String why) {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON).body(body)
                .when().post("/api/class/operations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(why));
    }
}
