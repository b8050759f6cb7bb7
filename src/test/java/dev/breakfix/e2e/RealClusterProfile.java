package dev.breakfix.e2e;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The configuration every end-to-end class shares (so Quarkus boots once for all of them): the real
 * cluster, tokens of their own, the default stability window, a free HTTP port (other builds run beside
 * this one), and no Dev Services.
 */
public class RealClusterProfile implements QuarkusTestProfile {

    public static final String INSTRUCTOR_TOKEN = "e2e-instructor";
    public static final String GRADER_TOKEN = "e2e-grader";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.auth.instructor-tokens", INSTRUCTOR_TOKEN,
                "breakfix.auth.grader-tokens", GRADER_TOKEN,
                "breakfix.grading.stability-window", "10s",
                "quarkus.kubernetes-client.devservices.enabled", "false",
                "quarkus.http.test-port", "0");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealClusterResource.class));
    }
}
