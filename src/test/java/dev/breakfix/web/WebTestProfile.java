package dev.breakfix.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The learner's web pages on the fabric8 mock API server: a join code, a short stability window so that
 * the page's countdown and re-grade finish quickly, the real clock, and a random HTTP port (other builds
 * may run tests at the same time).
 */
public class WebTestProfile implements QuarkusTestProfile {

    public static final String JOIN_CODE = "letmein";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.web.join-code", JOIN_CODE,
                "breakfix.web.warm-up", "true",
                "breakfix.grading.stability-window", "2s",
                "quarkus.http.test-port", "0");
    }
}
