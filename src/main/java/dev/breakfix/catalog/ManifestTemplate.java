package dev.breakfix.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Fills a manifest's {@code ${parameter}} placeholders and parses the result into fabric8 objects.
 * The parameters a manifest may use are the ones listed in {@link #PARAMETERS}.
 */
public final class ManifestTemplate {

    /** The learner's lab namespace. */
    public static final String NAMESPACE = "namespace";
    /** The learner's cluster-safe name. */
    public static final String LEARNER = "learner";
    /** The learner's own node label key (nginx-selector). */
    public static final String NODE_LABEL_KEY = "nodeLabelKey";
    /** The value of the learner's node label. */
    public static final String NODE_LABEL_VALUE = "nodeLabelValue";
    /** A per-container CPU request such that two containers do not fit on the cluster's largest node. */
    public static final String CPU_BEYOND_LARGEST_NODE = "cpuBeyondLargestNode";

    public static final Set<String> PARAMETERS = Set.of(NAMESPACE, LEARNER, NODE_LABEL_KEY, NODE_LABEL_VALUE,
            CPU_BEYOND_LARGEST_NODE);

    /** Values used to check at start-up that every manifest renders and parses. */
    public static final Map<String, String> SAMPLE_VALUES = Map.of(NAMESPACE, "bf-sample-scenario", LEARNER, "sample",
            NODE_LABEL_KEY, "breakfix.dev/purpose-sample", NODE_LABEL_VALUE, "special", CPU_BEYOND_LARGEST_NODE, "2");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    private ManifestTemplate() {
    }

    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Fills and parses a manifest; a file may hold several documents. */
    public static List<HasMetadata> render(Manifest manifest, Map<String, String> values) {
        return parse(fill(manifest.template(), values));
    }

    /** Parses YAML or JSON holding one or more Kubernetes objects. */
    public static List<HasMetadata> parse(String yaml) {
        Object parsed = Serialization.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                add(objects, o);
            }
        } else {
            add(objects, parsed);
        }
        return objects;
    }

    private static void add(List<HasMetadata> objects, Object o) {
        if (o instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (o instanceof HasMetadata h) {
            objects.add(h);
        } else if (o != null) {
            throw new IllegalArgumentException("not a Kubernetes object: " + o.getClass().getSimpleName());
        }
    }
}
