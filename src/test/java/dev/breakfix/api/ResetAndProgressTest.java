package dev.breakfix.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabView;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Reset, delete, idempotent starts, and progress that survives a restart because it lives on the cluster. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class ResetAndProgressTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    Grader grader;

    static FakeCluster fake;
    LabFlow flow;

    @BeforeEach
    void fixture() {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
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
    void resetGivesBackTheExactBrokenStateAndKeepsProgress() {
        LabKey lab = flow.start("rita", "nginx-selector");
        Pod broken = awaitPod(lab, Set.of("Unschedulable"));
        flow.post(lab, "solve");
        GradeReport passed = flow.grade(lab, "20s");
        assertThat(passed.passed()).isTrue();
        assertThat(nodeLabels()).containsKey("breakfix.dev/purpose-rita");
        Pod fixed = cluster.pod(lab.namespace(), "nginx").orElseThrow();

        flow.post(lab, "reset");

        Pod again = awaitPod(lab, Set.of("Unschedulable"));
        assertThat(again.getMetadata().getUid()).isNotEqualTo(fixed.getMetadata().getUid());
        assertThat(again.getSpec()).usingRecursiveComparison()
                .ignoringFields("nodeName").isEqualTo(broken.getSpec());
        assertThat(nodeLabels()).doesNotContainKey("breakfix.dev/purpose-rita");
        List<Event> events = client.v1().events().inNamespace(lab.namespace()).list().getItems();
        assertThat(events).noneMatch(e -> fixed.getMetadata().getUid().equals(e.getInvolvedObject().getUid()));
        LabView view = view(lab);
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.passedAt()).isEqualTo(passed.passedAt());
    }

    @Test
    void aRestartedServerSeesEveryLabAndGradeAsBefore() {
        LabKey lab = flow.start("stan", "nginx-typo");
        flow.awaitState(lab, Set.of("ImagePullBackOff", "ErrImagePull"));
        flow.grade(lab, "0s");
        flow.post(lab, "solve");
        GradeReport passed = flow.grade(lab, "20s");
        assertThat(passed.passed()).isTrue();

        cluster.stop();
        assertThat(cluster.labNamespaces()).isEmpty();
        cluster.start();
        assertThat(cluster.whenReady().toCompletableFuture().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join())
                .isNull();

        LabView view = view(lab);
        assertThat(view.attempts()).isEqualTo(2);
        assertThat(view.passedAt()).isEqualTo(passed.passedAt());
        assertThat(view.lastGrade().passed()).isTrue();
        assertThat(view.lastGrade().score()).isEqualTo(5);
    }

    @Test
    void startingARunningLabIsIdempotentAndConcurrentStartsCreateOneLab() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                starts.add(() -> given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                        .when().put("/api/labs/conny/crasher").then().extract().statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(starts)) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        String ns = "bf-conny-crasher";
        assertThat(client.namespaces().withLabel("breakfix.dev/learner", "conny").list().getItems()).hasSize(1);
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).hasSize(1);
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().put("/api/labs/conny/crasher")
                .then().statusCode(200);
        assertThat(cluster.await(ns, () -> !cluster.replicaSets(ns).isEmpty(), Duration.ofSeconds(20))).isTrue();
        assertThat(cluster.replicaSets(ns)).hasSize(1);
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).hasSize(1);
    }

    @Test
    void deleteRemovesTheNamespaceTheBindingAndTheNodeLabel() {
        LabKey lab = flow.start("dora", "nginx-selector");
        flow.awaitState(lab, Set.of("Unschedulable"));
        flow.post(lab, "solve");
        assertThat(cluster.await(lab.namespace(), () -> nodeLabels().containsKey("breakfix.dev/purpose-dora"),
                Duration.ofSeconds(10))).isTrue();

        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().delete("/api/labs/dora/nginx-selector").then().statusCode(204);

        assertThat(client.namespaces().withName(lab.namespace()).get()).isNull();
        assertThat(client.rbac().clusterRoleBindings().withName(lab.namespace() + "-nodes").get()).isNull();
        assertThat(nodeLabels()).doesNotContainKey("breakfix.dev/purpose-dora");
        given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/labs/dora/nginx-selector").then().statusCode(404);
    }

    @Test
    void theLearnersAccessIsGrantedInTheLabNamespaceOnly() {
        LabKey lab = flow.start("ella", "postgres-misconfig");
        var role = client.rbac().roles().inNamespace(lab.namespace()).withName("breakfix-learner").get();
        assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("pods", "events"));
        assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("pods/exec", "pods/portforward"));
        assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("deployments", "replicasets"));
        assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("secrets"));
        var binding = client.rbac().roleBindings().inNamespace(lab.namespace()).withName("breakfix-learner").get();
        // the lab's own ServiceAccount, and the learner's home ServiceAccount (kubeconfig and terminal)
        assertThat(binding.getSubjects()).extracting(s -> s.getNamespace() + "/" + s.getName())
                .containsExactly(lab.namespace() + "/learner", "bfh-ella/learner");
        var nodes = client.rbac().clusterRoleBindings().withName(lab.namespace() + "-nodes").get();
        assertThat(nodes.getRoleRef().getName()).isEqualTo("breakfix-node-reader");
        assertThat(client.namespaces().withName(lab.namespace()).get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "breakfix")
                .containsEntry("breakfix.dev/learner", "ella")
                .containsEntry("breakfix.dev/scenario", "postgres-misconfig");
    }

    private Pod awaitPod(LabKey lab, Set<String> states) {
        flow.awaitState(lab, states);
        return cluster.pods(lab.namespace()).get(0);
    }

    private java.util.Map<String, String> nodeLabels() {
        return cluster.nodes().get(0).getMetadata().getLabels();
    }

    private LabView view(LabKey lab) {
        return given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/labs/{l}/{s}", lab.learner().id(), lab.scenario())
                .then().statusCode(200).extract().as(LabView.class);
    }
}
