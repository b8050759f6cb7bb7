package dev.breakfix.e2e;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link RealClusterProfile} plus the learner's terminal on this cluster: the k8s rig's Pods reach the API server
 * only from the node's network, at 127.0.0.1:6443 (so does a K3s container's), and the rig's registry has
 * {@code kubectl-toolbox}; a K3s pulls {@code bitnami/kubectl} instead. Idle toolboxes stay for the whole test.
 */
public class LearnerAccessProfile extends RealClusterProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        boolean rig = RealClusters.detect().map(s -> s.kind() == RealClusters.Kind.KUBECONFIG).orElse(true);
        config.put("breakfix.access.toolbox-image", System.getProperty("breakfix.e2e.toolbox-image",
                rig ? "kubectl-toolbox" : "bitnami/kubectl:latest"));
        config.put("breakfix.access.toolbox-host-network", "true");
        config.put("breakfix.access.toolbox-env.KUBERNETES_SERVICE_HOST", "127.0.0.1");
        config.put("breakfix.access.toolbox-env.KUBERNETES_SERVICE_PORT", "6443");
        config.put("breakfix.access.toolbox-idle", "30m");
        config.put("breakfix.access.token-ttl", "1h");
        return config;
    }
}
