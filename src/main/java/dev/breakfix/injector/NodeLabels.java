package dev.breakfix.injector;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.cluster.ClusterState;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The lab's own node-label action for nginx-selector. A learner's RBAC cannot label nodes; this sets or
 * removes exactly one label, the learner's own ({@code breakfix.dev/purpose-<learner>=special}), and
 * never touches any other label.
 */
@ApplicationScoped
public class NodeLabels {

    private final KubernetesClient client;
    private final ClusterState cluster;

    public NodeLabels(KubernetesClient client, ClusterState cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    public void label(LearnerId learner, String nodeName) {
        Map<String, Object> labels = Map.of(learner.nodeLabelKey(), ClusterValues.NODE_LABEL_VALUE);
        client.nodes().resource(requireNode(nodeName)).patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("metadata", Map.of("labels", labels))));
    }

    public void unlabel(LearnerId learner, String nodeName) {
        Node node = requireNode(nodeName);
        if (hasLabel(node, learner)) {
            remove(node, learner);
        }
    }

    /** Removes the learner's label from every node that carries it. */
    public void unlabelAll(LearnerId learner) {
        cluster.nodes().stream().filter(n -> hasLabel(n, learner)).forEach(n -> remove(n, learner));
    }

    /** Nodes that carry the learner's label. */
    public java.util.List<String> labelledNodes(LearnerId learner) {
        return cluster.nodes().stream().filter(n -> hasLabel(n, learner)).map(n -> n.getMetadata().getName()).toList();
    }

    private static boolean hasLabel(Node node, LearnerId learner) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && labels.containsKey(learner.nodeLabelKey());
    }

    private Node requireNode(String nodeName) {
        return cluster.nodes().stream().filter(n -> n.getMetadata().getName().equals(nodeName)).findFirst()
                .orElseThrow(() -> new UnknownNodeException(nodeName));
    }

    /** A JSON patch {@code remove} of the one label (a merge patch with null keeps the key on some servers). */
    private void remove(Node node, LearnerId learner) {
        String path = "/metadata/labels/" + learner.nodeLabelKey().replace("~", "~0").replace("/", "~1");
        try {
            client.nodes().resource(node).patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"remove\",\"path\":\"" + path + "\"}]");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 422) {
                throw e;
            }
        }
    }
}
