package dev.breakfix.coaching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.breakfix.actions.LabActions;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.web.pages.LabPages;
import dev.breakfix.web.pages.LabViews;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.Coaching;
import dev.breakfix.diagnosis.DeadEnd;
import dev.breakfix.diagnosis.DeadEnds;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.support.MockClusterProfile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * The chapter's dead ends, each reproduced on the mock API server with the fixture playing scheduler, kubelet and
 * controllers, and answered with its explanation: in the apply's answer, the JSON grade report (English, or Chinese
 * with {@code Accept-Language: zh}) and the lab page. Each test has learners of its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class DeadEndCoachingTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    LabService labs;

    @Inject
    LabActions actions;

    @Inject
    Grader grader;

    @Inject
    Catalog catalog;

    @Inject
    LabViews views;

    static FakeCluster fake;

    @BeforeAll
    static void noFixtureYet() {
        fake = null;
    }

    @AfterAll
    static void stopFixture() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    @TestSecurity(user = "coach-sleep", roles = { "learner", "grader" })
    void applyingSleepSensibleOverTheLivePodIsExplainedUntilThePodIsRecreated() {
        LabKey lab = start("coach-sleep", "sleep-multiple", Set.of("Unschedulable"));
        byte[] sensible = read("/scenarios/sleep-multiple/sleep-sensible.yaml");

        given().contentType("application/yaml").header("Accept-Language", "zh-CN,zh;q=0.9").body(sensible)
                .when().post("/learn/api/labs/sleep-multiple/apply")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:breakfix:action:pod-immutable"))
                .body("coaching.id", equalTo(DeadEnd.POD_IMMUTABLE))
                .body("coaching.what", containsString("`Forbidden: pod updates may not change fields`"))
                .body("coaching.why", containsString("`spec.containers[sleep].resources`"))
                .body("explanation", containsString("先删除 Pod（`kubectl delete pod sleep`）"));
        given().contentType("application/yaml").body(sensible)
                .when().post("/learn/api/labs/sleep-multiple/apply")
                .then().statusCode(422)
                .body("coaching.next", containsString("Delete the Pod (`kubectl delete pod sleep`)"))
                .body("explanation", containsString("Delete the Pod"));

        // the refusal is kept on the lab: the grade report coaches on it as long as the same Pod lives
        assertThat(cluster.await(lab.namespace(), () -> coaching(lab, DeadEnd.POD_IMMUTABLE).isPresent(), BOUND)).isTrue();
        given().header("Accept-Language", "zh")
                .when().post("/api/labs/{l}/{s}/grade?record=false", "coach-sleep", "sleep-multiple")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("pods[0].coaching[0].id", equalTo(DeadEnd.POD_IMMUTABLE))
                .body("pods[0].coaching[0].why", containsString("原地能改的只有容器镜像"))
                .body("pods[0].explanation.what", containsString("没有哪个节点有足够的空闲 cpu"))
                .body("pods[0].explanation.lang", equalTo("zh"));
        GradeReport english = given().when().post("/api/labs/{l}/{s}/grade?record=false", "coach-sleep", "sleep-multiple")
                .then().statusCode(200).extract().as(GradeReport.class);
        PodDiagnosis sleep = english.pods().get(0);
        assertThat(sleep.coaching()).extracting(Coaching::id).containsExactly(DeadEnd.POD_IMMUTABLE);
        assertThat(sleep.coaching().get(0).why()).contains("Most of a Pod's spec is fixed", "`spec.containers[sleep].resources`");
        assertThat(sleep.explanation().what()).contains("enough free cpu");
        assertThat(sleep.explanation().commands()).contains("kubectl describe node");

        // delete and re-create, as the coaching says: the new Pod runs, and the coaching is gone
        actions.deletePod(lab, "sleep", Duration.ofSeconds(10));
        actions.apply(lab, new String(sensible, StandardCharsets.UTF_8));
        assertThat(cluster.await(lab.namespace(), () -> workload(lab).state().name().equals("Running"), BOUND)).isTrue();
        assertThat(workload(lab).coaching()).isEmpty();
    }

    @Test
    void imageSetWhileTheKubeletStillBacksOffIsExplained() {
        LabKey lab = start("coach-typo", "nginx-typo", Set.of("ImagePullBackOff"));
        PodStatus backingOff = cluster.pod(lab.namespace(), "nginx").orElseThrow().getStatus();

        actions.setImage(lab, "pod", "nginx", "nginx", "nginx");
        // the moment before the kubelet's next sync: the spec has the new image, the status still the old back-off
        Pod live = client.pods().inNamespace(lab.namespace()).withName("nginx").get();
        live.setStatus(backingOff);
        client.pods().resource(live).updateStatus();
        assertThat(cluster.await(lab.namespace(), () -> coaching(lab, DeadEnd.IMAGE_BACKOFF_AFTER_SET_IMAGE).isPresent(), BOUND))
                .isTrue();

        PodDiagnosis d = grader.grade(lab, false).pods().get(0);
        assertThat(d.state().name()).isEqualTo("ImagePullBackOff");
        Coaching c = d.coaching().get(0);
        assertThat(c.what()).contains("now asks for the image \"nginx\"", "still in ImagePullBackOff from pulling \"nginz\"");
        assertThat(c.why()).contains("up to five minutes");
        assertThat(c.next()).contains("delete the Pod", "a new Pod pulls at once");
        Coaching zh = d.in(java.util.Locale.SIMPLIFIED_CHINESE).coaching().get(0);
        assertThat(zh.next()).contains("新的 Pod 会立刻拉取镜像");
    }

    @Test
    void theChaptersNodeLabelInsteadOfTheLearnersOwnIsExplained() {
        LabKey lab = start("coach-sel", "nginx-selector", Set.of("Unschedulable"));
        String node = cluster.nodes().get(0).getMetadata().getName();
        try {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"purpose\":\"special\"}}}");
            awaitNodeLabel(node, true);

            GradeReport report = grader.grade(lab, false);
            PodDiagnosis d = report.pods().get(0);
            assertThat(d.state().name()).as("purpose=special does not schedule this learner's Pod").isEqualTo("Unschedulable");
            Coaching c = d.coaching().get(0);
            assertThat(c.what()).contains("Node " + node, "`purpose=special`", "`" + lab.learner().nodeLabelKey() + "=special`");
            assertThat(c.next()).contains("Label a node", "`kubectl label node " + node + " purpose-`");
        } finally {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/labels/purpose\"}]");
        }
        awaitNodeLabel(node, false);
        assertThat(coaching(lab, DeadEnd.CHAPTER_NODE_LABEL)).isEmpty();
    }

    @Test
    void editingTheCrasherPodInsteadOfItsDeploymentIsExplained() {
        LabKey lab = start("coach-edit", "crasher", Set.of("CrashLoopBackOff"));
        String pod = workload(lab).pod();

        actions.setImage(lab, "pod", pod, "crasher", "busybox");
        assertThat(cluster.await(lab.namespace(), () -> coaching(lab, DeadEnd.POD_EDITED_NOT_DEPLOYMENT).isPresent(), BOUND))
                .isTrue();

        Coaching c = coaching(lab, DeadEnd.POD_EDITED_NOT_DEPLOYMENT).orElseThrow();
        assertThat(c.what()).contains("Pod " + pod, "Deployment crasher", "\"busybox\" in the Pod", "in the template");
        assertThat(c.why()).contains("ReplicaSet creates every new Pod from the template");
        assertThat(c.next()).contains("`kubectl edit deployment crasher`");
    }

    @Test
    @TestSecurity(user = "coach-del", roles = { "learner", "grader" })
    void deletingTheCrasherPodIsExplainedOnTheReplacementAndOnTheLabPage() {
        LabKey lab = start("coach-del", "crasher", Set.of("CrashLoopBackOff"));
        String first = workload(lab).pod();

        actions.deletePod(lab, first, Duration.ofSeconds(10));
        assertThat(cluster.await(lab.namespace(), () -> !workload(lab).pod().equals(first)
                && workload(lab).state().name().equals("CrashLoopBackOff")
                && coaching(lab, DeadEnd.POD_RECREATED_BY_REPLICASET).isPresent(), BOUND)).isTrue();

        PodDiagnosis d = workload(lab);
        Coaching c = coaching(lab, DeadEnd.POD_RECREATED_BY_REPLICASET).orElseThrow();
        assertThat(c.what()).contains("Pod " + d.pod(), "in place of a Pod that was deleted", "fails the same way");
        assertThat(c.next()).contains("`kubectl edit deployment crasher`");

        // the lab page's diagnosis area (the live panel), in English and in Chinese
        var crasher = catalog.get("crasher");
        String live = LabPages.Templates.lab$live(views.live(lab, crasher)).render();
        assertThat(live).contains("data-coaching=\"pod-recreated-by-replicaset\"", "class=\"explain\"", "What is wrong",
                "exit code 139 = 128 + 11", "What to try next", "Stuck? Open a hint", "<code>kubectl edit deployment crasher</code>");
        String liveZh = LabPages.Templates.lab$live(views.live(lab, crasher, java.util.Locale.SIMPLIFIED_CHINESE)).render();
        assertThat(liveZh).contains("lang=\"zh\"", "问题所在", "死胡同", "退出码 139 = 128 + 11");
        String grade = given().when().post("/labs/crasher/check").then().statusCode(200).extract().asString();
        assertThat(grade).contains("data-coaching=\"pod-recreated-by-replicaset\"", "SIGSEGV");

        // once a hint is open the next step is the specific one
        given().when().post("/labs/crasher/hints?reveal=1").then().statusCode(200);
        assertThat(cluster.await(lab.namespace(), () -> grader.evaluate(lab).workload().explanation().specific(), BOUND)).isTrue();
        assertThat(grader.evaluate(lab).workload().explanation().next()).contains("`args: [\"/bin/sleep\", \"infinity\"]`");
    }

    // ---- helpers ----

    private LabKey start(String learner, String scenario, Set<String> broken) {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
        }
        LabKey lab = labs.key(learner, scenario);
        labs.start(lab);
        labs.awaitView(lab);
        boolean reached = cluster.await(lab.namespace(), () -> broken.contains(workload(lab).state().name()), BOUND);
        assertThat(reached).as("%s reached %s, is %s", lab.namespace(), broken, workload(lab)).isTrue();
        return lab;
    }

    /** Waits, woken by the node informer, until the cache shows the node with (or without) {@code purpose}. */
    private void awaitNodeLabel(String node, boolean present) {
        java.util.function.BooleanSupplier seen = () -> cluster.nodes().stream()
                .filter(n -> n.getMetadata().getName().equals(node))
                .anyMatch(n -> present == (n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey("purpose")));
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        cluster.onNodeChange(() -> {
            if (seen.getAsBoolean()) {
                latch.countDown();
            }
        });
        try {
            assertThat(seen.getAsBoolean() || latch.await(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private PodDiagnosis workload(LabKey lab) {
        return grader.evaluate(lab).workload();
    }

    private java.util.Optional<Coaching> coaching(LabKey lab, String id) {
        return workload(lab).coaching().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static byte[] read(String resource) {
        try (var in = DeadEndCoachingTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
