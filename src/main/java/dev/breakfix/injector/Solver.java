package dev.breakfix.injector;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.SolutionStep;
import dev.breakfix.catalog.Workload;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Applies the chapter's solution to a lab, step by step, as the chapter does it: re-create a Pod whose
 * spec cannot change, replace a Deployment, set an image, label a node with the learner's own label.
 * For demonstrating a fix and for checking that a scenario works on this cluster.
 */
@ApplicationScoped
public class Solver {

    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONFLICT_RETRIES = 5;

    private final KubernetesClient client;
    private final ClusterState cluster;
    private final Catalog catalog;
    private final BreakfixConfig config;
    private final NodeLabels nodeLabels;

    public Solver(KubernetesClient client, ClusterState cluster, Catalog catalog, BreakfixConfig config,
            NodeLabels nodeLabels) {
        this.client = client;
        this.cluster = cluster;
        this.catalog = catalog;
        this.config = config;
        this.nodeLabels = nodeLabels;
    }

    public void solve(LabKey lab) {
        Scenario scenario = catalog.get(lab.scenario());
        Map<String, String> values = ClusterValues.forLab(lab, cluster.nodes());
        for (SolutionStep step : scenario.solution()) {
            if (step instanceof SolutionStep.Recreate r) {
                ManifestTemplate.render(r.manifest(), values).forEach(o -> recreate(lab, o));
            } else if (step instanceof SolutionStep.Apply a) {
                ManifestTemplate.render(a.manifest(), values).forEach(o -> replace(lab, o));
            } else if (step instanceof SolutionStep.SetImage s) {
                setImage(lab, scenario, s);
            } else if (step instanceof SolutionStep.LabelNode) {
                nodeLabels.label(lab.learner(), schedulableNode());
            }
        }
    }

    private void recreate(LabKey lab, HasMetadata object) {
        HasMetadata stamped = LabObjects.stamp(object, lab, config.images().overrides());
        client.resource(stamped).withGracePeriod(0).delete();
        String name = stamped.getMetadata().getName();
        if (stamped instanceof Pod && !cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), name).isEmpty(),
                GONE_TIMEOUT)) {
            throw new LabBusyException(lab, dev.breakfix.diagnosis.Msg.of("act.busy.oldPod", name,
                    Long.toString(GONE_TIMEOUT.toSeconds())));
        }
        client.resource(stamped).create();
    }

    /**
     * Create or replace. A replace is a read followed by a write; a controller that writes the object's status in
     * between makes the write fail with 409 Conflict, so the pair is retried a few times, as kubectl apply would.
     */
    private void replace(LabKey lab, HasMetadata object) {
        HasMetadata stamped = LabObjects.stamp(object, lab, config.images().overrides());
        for (int attempt = 1;; attempt++) {
            try {
                client.resource(stamped).createOr(NonDeletingOperation::update);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == CONFLICT_RETRIES) {
                    throw e;
                }
                stamped.getMetadata().setResourceVersion(null);
            }
        }
    }

    private void setImage(LabKey lab, Scenario scenario, SolutionStep.SetImage step) {
        List<String> containers = List.copyOf(scenario.workload().containers().keySet());
        int index = containers.indexOf(step.container());
        String image = config.images().overrides().getOrDefault(step.image(), step.image());
        String path = scenario.workload().kind() == Workload.Kind.Pod
                ? "/spec/containers/" + index + "/image"
                : "/spec/template/spec/containers/" + index + "/image";
        String patch = "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"" + image.replace("\"", "") + "\"}]";
        var target = scenario.workload().kind() == Workload.Kind.Pod
                ? client.pods().inNamespace(lab.namespace()).withName(scenario.workload().name())
                : client.apps().deployments().inNamespace(lab.namespace()).withName(scenario.workload().name());
        target.patch(PatchContext.of(PatchType.JSON), patch);
    }

    /** The node with the most allocatable CPU that takes ordinary Pods. */
    private String schedulableNode() {
        return cluster.nodes().stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .max(java.util.Comparator.comparing((Node n) -> n.getStatus().getAllocatable().get("cpu").getNumericalAmount()))
                .map(n -> n.getMetadata().getName())
                .orElseThrow(() -> new IllegalStateException("the cluster has no schedulable node"));
    }
}
