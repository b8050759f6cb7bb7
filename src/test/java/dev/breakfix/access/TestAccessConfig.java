package dev.breakfix.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AccessConfig} with its defaults, for plain unit tests; records' withers change one value. */
public record TestAccessConfig(Duration tokenTtl, Optional<String> apiServer, Optional<String> certificateAuthorityData,
        Optional<String> certificateAuthorityFile, boolean insecureSkipTlsVerify, String toolboxImage,
        List<String> toolboxCommand, boolean toolboxHostNetwork, Map<String, String> toolboxEnv, Duration toolboxIdle,
        Duration toolboxCheckInterval, Duration toolboxStartTimeout) implements AccessConfig {

    public static TestAccessConfig defaults() {
        return new TestAccessConfig(Duration.ofHours(4), Optional.empty(), Optional.empty(), Optional.empty(), false,
                "bitnami/kubectl:latest", List.of("sh", "-c", "trap 'exit 0' TERM INT; sleep infinity & wait"), false,
                Map.of(), Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ofMinutes(2));
    }

    public TestAccessConfig onTheRig() {
        return new TestAccessConfig(tokenTtl, apiServer, certificateAuthorityData, certificateAuthorityFile,
                insecureSkipTlsVerify, "kubectl-toolbox", toolboxCommand, true,
                Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "6443"), toolboxIdle,
                toolboxCheckInterval, toolboxStartTimeout);
    }
}
