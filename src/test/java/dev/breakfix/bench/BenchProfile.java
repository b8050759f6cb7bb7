package dev.breakfix.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app as it runs for a class, on the mock API server: the default stability window, a random HTTP
 * port (other builds may run at the same time), and quiet logs (a line per started lab is noise here).
 */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", "0",
                "breakfix.web.session-secret", "benchmark-session-secret-0123456789",
                "quarkus.log.category.\"dev.breakfix\".level", "WARN",
                "quarkus.log.category.\"dev.breakfix.testing\".level", "WARN",
                "quarkus.kubernetes-client.request-timeout", "60S");
    }
}
