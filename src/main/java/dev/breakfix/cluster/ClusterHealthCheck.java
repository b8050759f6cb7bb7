package dev.breakfix.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the cache has listed the cluster and watches it; otherwise says what is wrong and what to do. */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    public static final String WHAT_TO_DO = "Point Breakfix at a cluster: set KUBECONFIG to a kubeconfig file (on a machine with "
            + "the k8s rig: KUBECONFIG=$(../shared/k8s-rig/cluster.sh up | tail -n 1)), or run it inside a cluster with "
            + "deploy/, or start a Docker engine for the dev-mode K3s. Breakfix reconnects on its own.";

    private final ClusterState cluster;

    public ClusterHealthCheck(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("kubernetes-cluster");
        return cluster.problem()
                .map(problem -> builder.down().withData("problem", problem).withData("help", WHAT_TO_DO).build())
                .orElseGet(() -> builder.up().withData("labs", cluster.labNamespaces().size())
                        .withData("nodes", cluster.nodes().size()).build());
    }
}
