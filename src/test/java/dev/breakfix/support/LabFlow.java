package dev.breakfix.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.restassured.http.ContentType;

/** Steps of a lab's life through the JSON API, shared by the mock-cluster tests. */
public final class LabFlow {

    private final ClusterState cluster;
    private final Grader grader;

    public LabFlow(ClusterState cluster, Grader grader) {
        this.cluster = cluster;
        this.grader = grader;
    }

    public LabKey start(String learner, String scenario) {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().put("/api/labs/{l}/{s}", learner, scenario)
                .then().statusCode(201);
        return new LabKey(LearnerId.of(learner), scenario);
    }

    /** Waits, woken by the cache, until the workload's Pod is diagnosed as one of {@code states}. */
    public PodDiagnosis awaitState(LabKey lab, Set<String> states) {
        boolean reached = cluster.await(lab.namespace(), () -> states.contains(workload(lab).state().name()),
                Duration.ofSeconds(20));
        PodDiagnosis d = workload(lab);
        assertThat(reached).as("%s reached one of %s, but is %s", lab.namespace(), states, d).isTrue();
        return d;
    }

    public PodDiagnosis workload(LabKey lab) {
        return grader.evaluate(lab).workload();
    }

    public GradeReport grade(LabKey lab, String wait) {
        return given().header("Authorization", MockClusterProfile.GRADER)
                .queryParam("wait", wait)
                .when().post("/api/labs/{l}/{s}/grade", lab.learner().id(), lab.scenario())
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(GradeReport.class);
    }

    public void post(LabKey lab, String action) {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().post("/api/labs/{l}/{s}/" + action, lab.learner().id(), lab.scenario())
                .then().statusCode(200);
    }
}
