package dev.breakfix.web;

import static io.restassured.RestAssured.given;

import java.time.Clock;
import java.time.Duration;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.response.Response;

/** Shared steps of the web tests: joining, and the fixture that plays scheduler and kubelet. */
final class WebFixture {

    private WebFixture() {
    }

    static FakeCluster startCluster(KubernetesClient client) {
        FakeCluster fake = new FakeCluster(client, Clock.systemUTC()).start();
        fake.awaitIdle(Duration.ofSeconds(20));
        return fake;
    }

    /** Joins through the form and returns the session cookie's value. */
    static String join(String name) {
        Response r = given().redirects().follow(false)
                .formParam("name", name).formParam("code", WebTestProfile.JOIN_CODE)
                .when().post("/join");
        if (r.statusCode() != 303) {
            throw new AssertionError("join as " + name + " answered " + r.statusCode() + ": " + r.body().asString());
        }
        return r.cookie(LearnerSessions.COOKIE);
    }

    /** Starts a lab from the page, as the learner's browser does, and waits until the cache shows it. */
    static LabKey start(String cookie, String learner, String scenario, ClusterState cluster) {
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, cookie)
                .when().post("/labs/{s}/start", scenario)
                .then().statusCode(303);
        LabKey lab = new LabKey(LearnerId.of(learner), scenario);
        cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace()).isPresent(), Duration.ofSeconds(10));
        return lab;
    }
}
