package dev.breakfix.classroom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.web.session.LearnerSessions;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls of the classroom API as an instructor's script makes them, shared by the classroom tests. */
final class Classroom {

    private Classroom() {
    }

    /** Submits an operation (202, Location) and returns its first snapshot. */
    static Operation submit(String action, List<String> learners, List<String> scenarios) {
        Response r = given().header("Authorization", MockClusterProfile.INSTRUCTOR).contentType(ContentType.JSON)
                .body(body(action, learners, scenarios))
                .when().post("/api/class/operations");
        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(202);
        Operation op = r.as(Operation.class);
        assertThat(r.header("Location")).endsWith("/api/class/operations/" + op.id());
        return op;
    }

    static Map<String, Object> body(String action, List<String> learners, List<String> scenarios) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("action", action);
        if (learners != null) {
            body.put("learners", learners);
        }
        if (scenarios != null) {
            body.put("scenarios", scenarios);
        }
        return body;
    }

    static Operation get(String id) {
        return given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/operations/{id}", id)
                .then().statusCode(200).contentType(ContentType.JSON).extract().as(Operation.class);
    }

    /** Waits (bounded) for the operation to finish, woken by its completion, and returns it as the API shows it. */
    static Operation awaitDone(ClassOperations operations, String id, Duration max) throws Exception {
        operations.find(id).orElseThrow().finished().get(max.toMillis(), TimeUnit.MILLISECONDS);
        Operation op = get(id);
        assertThat(op.state()).isEqualTo(Operation.State.DONE);
        assertThat(op.finishedAt()).isNotNull();
        assertThat(op.done() + op.failed() + op.skipped()).isEqualTo(op.total());
        return op;
    }

    /** Joins the class as a learner and returns the session cookie. */
    static String join(String name) {
        Response r = given().redirects().follow(false)
                .formParam("name", name).formParam("code", ClassroomProfile.JOIN_CODE)
                .when().post("/join");
        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(303);
        return r.cookie(LearnerSessions.COOKIE);
    }
}
