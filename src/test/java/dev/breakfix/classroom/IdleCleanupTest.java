package dev.breakfix.classroom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.session.LearnerSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Labs idle for longer than the timeout are deleted by the scheduled clean-up; a grade or the learner's use of the
 * lab's tools keeps a lab alive. Time moves only when the test moves the app's clock.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(IdleProfile.class)
class IdleCleanupTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    ClusterState cluster;

    @Inject
    Grader grader;

    @Inject
    ClassOperations operations;

    static FakeCluster fake;
    LabFlow flow;

    @BeforeEach
    void fixture() {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
            assertThat(fake.awaitIdle(Duration.ofSeconds(20))).isTrue();
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
    void onlyLabsIdleLongerThanTheTimeoutAreDeleted() throws Exception {
        String cookie = Classroom.join("cleo");
        LabKey forgotten = flow.start("ida", "nginx-typo");
        LabKey graded = flow.start("ben", "nginx-typo");
        LabKey browsed = flow.start("cleo", "nginx-typo");
        for (LabKey lab : List.of(forgotten, graded, browsed)) {
            flow.awaitState(lab, Set.of("ErrImagePull", "ImagePullBackOff"));
        }

        // half an hour on: ben's lab is graded, cleo opens her Pod's manifest in the lab's editor
        IdleTestClock.CLOCK.advance(Duration.ofMinutes(30));
        flow.grade(graded, "0s");
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, cookie).accept("application/json")
                .when().get("/learn/api/labs/nginx-typo/manifest/pod/nginx").then().statusCode(200);
        String activity = IdleTestClock.CLOCK.instant().toString();
        assertThat(cluster.await(browsed.namespace(), () -> activity.equals(annotation(browsed, BreakfixLabels.LAST_ACTIVITY)),
                Duration.ofSeconds(10))).as("cleo's use of her lab is recorded").isTrue();

        // 75 minutes after the start: only ida's lab has been idle for more than an hour
        IdleTestClock.CLOCK.advance(Duration.ofMinutes(45));
        assertThat(cluster.await(forgotten.namespace(), () -> cluster.labNamespace(forgotten.namespace()).isEmpty(),
                Duration.ofSeconds(20))).as("the idle lab is deleted").isTrue();
        String cleanUpId = operations.list().stream().filter(op -> op.action() == Action.DELETE).findFirst().orElseThrow().id();
        Operation cleanUp = operations.find(cleanUpId).orElseThrow().finished().get(20, TimeUnit.SECONDS);
        assertThat(cleanUp.done()).isEqualTo(1);
        assertThat(cleanUp.labs()).extracting(l -> l.learner() + "/" + l.scenario()).containsExactly("ida/nginx-typo");
        assertThat(cleanUp.labs().get(0).message()).startsWith("idle since ");
        assertThat(cluster.labNamespace(graded.namespace())).isPresent();
        assertThat(cluster.labNamespace(browsed.namespace())).isPresent();
        // the clean-up shows in the operations the instructor sees
        List<Operation> listed = List.of(given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/operations").then().statusCode(200).extract().as(Operation[].class));
        assertThat(listed).extracting(Operation::id).contains(cleanUp.id());

        // another hour without use: the other two go too
        IdleTestClock.CLOCK.advance(Duration.ofMinutes(61));
        for (LabKey lab : List.of(graded, browsed)) {
            assertThat(cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace()).isEmpty(),
                    Duration.ofSeconds(20))).as("%s is deleted once idle", lab.namespace()).isTrue();
        }
    }

    private String annotation(LabKey lab, String key) {
        return cluster.labNamespace(lab.namespace())
                .map(ns -> ns.getMetadata().getAnnotations() == null ? null : ns.getMetadata().getAnnotations().get(key))
                .orElse(null);
    }
}
