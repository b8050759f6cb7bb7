package dev.breakfix.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app on the fabric8 mock API server, with a stability window short enough for tests. */
public class MockClusterProfile implements QuarkusTestProfile {

    public static final String INSTRUCTOR = "Bearer test-instructor";
    public static final String GRADER = "Bearer test-grader";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("breakfix.grading.stability-window", "3s");
    }
}
