package dev.breakfix.preflight;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app on the mock API server for the preflight: a short stability window, bounded steps, and a terminal
 * toolbox image that the fake registry does not have (a pre-pull that must fail).
 */
public class PreflightProfile implements QuarkusTestProfile {

    static final String MISSING_IMAGE = "registry.example/kubectl-missing:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.grading.stability-window", "3s",
                "breakfix.access.toolbox-image", MISSING_IMAGE,
                "breakfix.preflight.step-timeout", "60s",
                "breakfix.preflight.timeout", "3m",
                "breakfix.preflight.prepull-timeout", "60s");
    }
}
