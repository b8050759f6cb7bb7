package dev.breakfix.injector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;

/** The values a lab's manifests are filled with, some of them computed from the cluster at start. */
public final class ClusterValues {

    /** The value of every learner's node label; the key is the learner's own. */
    public static final String NODE_LABEL_VALUE = "special";
    /** What the chapter requests per container; kept wherever it is already too much for the largest node. */
    static final int CHAPTER_CPU = 2;

    private ClusterValues() {
    }

    public static Map<String, String> forLab(LabKey lab, Collection<Node> nodes) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ManifestTemplate.NAMESPACE, lab.namespace());
        values.put(ManifestTemplate.LEARNER, lab.learner().name());
        values.put(ManifestTemplate.NODE_LABEL_KEY, lab.learner().nodeLabelKey());
        values.put(ManifestTemplate.NODE_LABEL_VALUE, NODE_LABEL_VALUE);
        values.put(ManifestTemplate.CPU_BEYOND_LARGEST_NODE, Integer.toString(cpuBeyondLargestNode(nodes)));
        return values;
    }

    /**
     * Whole CPUs per container such that the two containers of sleep-multiple together ask for more than
     * the largest node can allocate: the chapter's 2 where that already fails, more on bigger nodes.
     */
    public static int cpuBeyondLargestNode(Collection<Node> nodes) {
        BigDecimal largest = nodes.stream()
                .map(n -> n.getStatus() == null || n.getStatus().getAllocatable() == null ? null
                        : n.getStatus().getAllocatable().get("cpu"))
                .filter(q -> q != null)
                .map(Quantity::getNumericalAmount)
                .max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        int half = largest.divide(BigDecimal.valueOf(2), 0, RoundingMode.FLOOR).intValue() + 1;
        return Math.max(CHAPTER_CPU, half);
    }
}
