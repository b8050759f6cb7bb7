package dev.breakfix.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.breakfix.support.MockClusterProfile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Roles and bad input: each refused with a clear problem detail, and nothing changes on the cluster. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class ApiValidationTest {

    @Inject
    KubernetesClient client;

    @Test
    void scenariosAreListedInTheChaptersOrder() {
        List<String> ids = given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/scenarios")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ids).containsExactly("nginx-selector", "sleep-multiple", "nginx-typo", "postgres-misconfig", "crasher");
    }

    @Test
    void withoutATokenOrWithAWrongOneTheApiAnswers401() {
        given().when().get("/api/labs").then().statusCode(401);
        given().header("Authorization", "Bearer nope").when().get("/api/labs").then().statusCode(401);
        given().header("Authorization", "Basic dGVzdA==").when().get("/api/labs").then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource({ "PUT,/api/labs/grace/nginx-typo", "POST,/api/labs/grace/nginx-typo/reset",
            "POST,/api/labs/grace/nginx-typo/solve", "DELETE,/api/labs/grace/nginx-typo",
            "PUT,/api/learners/grace/node-label/vm", "DELETE,/api/learners/grace/node-label/vm" })
    void aGraderCannotActAsInstructor(String method, String path) {
        given().header("Authorization", MockClusterProfile.GRADER).when().request(method, path).then().statusCode(403);
        assertThat(labNamespaces()).noneMatch(ns -> ns.getMetadata().getName().startsWith("bf-grace-"));
    }

    @Test
    void anUnknownScenarioIs404AndCreatesNothing() {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().put("/api/labs/alice/no-such-scenario")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404)).body("detail", containsString("no-such-scenario"));
        assertThat(labNamespaces()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "semi;colon", "<script>alert(1)</script>", "tab\there",
            "a-learner-id-that-is-much-too-long-to-be-turned-into-any-kind-of-name-x" })
    void aLearnerIdThatCannotBeANameIs400AndCreatesNothing(String learner) {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().put("/api/labs/{l}/nginx-typo", learner)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("invalid learner id"));
        assertThat(labNamespaces()).isEmpty();
    }

    @Test
    void aLabThatWasNeverStartedIs404() {
        given().header("Authorization", MockClusterProfile.GRADER)
                .when().post("/api/labs/nobody/nginx-typo/grade")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("has not started"));
    }

    @Test
    void aMalformedWaitIs400() {
        given().header("Authorization", MockClusterProfile.GRADER).queryParam("wait", "soon")
                .when().post("/api/labs/nobody/nginx-typo/grade")
                .then().statusCode(400).body("detail", containsString("wait"));
    }

    @Test
    void anOversizedBodyIs413AndCreatesNothing() {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .contentType("application/json").body("x".repeat(600 * 1024))
                .when().put("/api/labs/big/nginx-typo")
                .then().statusCode(413);
        assertThat(labNamespaces()).isEmpty();
    }

    @Test
    void labelingAnUnknownNodeIs404() {
        given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().put("/api/learners/alice/node-label/no-such-node")
                .then().statusCode(404).body("detail", containsString("no-such-node"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/labs/{learner}/{scenario}/grade"));
    }

    private List<Namespace> labNamespaces() {
        return client.namespaces().withLabel("app.kubernetes.io/managed-by", "breakfix").list().getItems();
    }
}
