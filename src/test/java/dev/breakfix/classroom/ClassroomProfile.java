package dev.breakfix.classroom;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app on the mock API server for a class: a short stability window, the default concurrency (4), a request
 * rate high enough for a 250-lab test to stay quick, and a join code so that learners can sign in.
 */
public class ClassroomProfile implements QuarkusTestProfile {

    public static final String JOIN_CODE = "classroom-code";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.grading.stability-window", "3s",
                "breakfix.classroom.requests-per-second", "1000",
                "breakfix.web.join-code", JOIN_CODE,
                "breakfix.web.session-secret", "classroom-test-session-secret-0123456789",
                "quarkus.log.category.\"dev.breakfix.injector\".level", "WARN",
                "quarkus.http.test-port", "0");
    }
}
