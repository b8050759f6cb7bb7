package dev.breakfix.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The learner's kubectl on the fabric8 mock API server: a CA of its own (the mock has none), a token lifetime to
 * recognise in the TokenRequest, toolboxes that idle long enough not to go away during a test, a random port.
 */
public class AccessTestProfile implements QuarkusTestProfile {

    public static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBtestCAforBreakfix\n-----END CERTIFICATE-----\n";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "breakfix.access.certificate-authority-data",
                Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII)),
                "breakfix.access.token-ttl", "2h",
                "breakfix.access.toolbox-idle", "10m",
                "breakfix.access.toolbox-start-timeout", "20s",
                "quarkus.http.test-port", "0");
    }
}
