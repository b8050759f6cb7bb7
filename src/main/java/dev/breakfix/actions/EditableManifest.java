package dev.breakfix.actions;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A live object as a learner edits it, like {@code kubectl edit} without the noise: no status, no
 * server bookkeeping (managedFields, resourceVersion, uid, creationTimestamp, generation, owner
 * references, the last-applied annotation), no namespace (the lab's is implied), no Breakfix label, and
 * for Pods no node and no ServiceAccount token volume. Applying it back changes nothing. Pure.
 */
public final class EditableManifest {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String DEPLOYMENT_REVISION = "deployment.kubernetes.io/revision";

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private EditableManifest() {
    }

    public static String yaml(HasMetadata live) {
        HasMetadata o = Serialization.clone(live);
        strip(o.getMetadata());
        if (o instanceof Pod p) {
            p.setStatus(null);
            stripPodSpec(p.getSpec());
        } else if (o instanceof Deployment d) {
            d.setStatus(null);
            if (d.getSpec() != null && d.getSpec().getTemplate() != null) {
                if (d.getSpec().getTemplate().getMetadata() != null) {
                    d.getSpec().getTemplate().getMetadata().setCreationTimestamp(null);
                }
                stripPodSpec(d.getSpec().getTemplate().getSpec());
            }
        }
        JsonNode tree = ManifestTrees.normalize(ManifestTrees.MAPPER.valueToTree(o));
        if (tree instanceof ObjectNode obj) {
            obj.remove("status");
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getKind() + " as YAML", e);
        }
    }

    private static void strip(ObjectMeta meta) {
        meta.setManagedFields(null);
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setSelfLink(null);
        meta.setOwnerReferences(null);
        meta.setNamespace(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setDeletionTimestamp(null);
        meta.setFinalizers(null);
        if (meta.getAnnotations() != null) {
            Map<String, String> annotations = new HashMap<>(meta.getAnnotations());
            annotations.remove(LAST_APPLIED);
            annotations.remove(DEPLOYMENT_REVISION);
            meta.setAnnotations(annotations);
        }
        if (meta.getLabels() != null) {
            Map<String, String> labels = new HashMap<>(meta.getLabels());
            labels.remove(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE);
            meta.setLabels(labels);
        }
    }

    private static void stripPodSpec(PodSpec spec) {
        if (spec == null) {
            return;
        }
        spec.setNodeName(null);
        java.util.Set<String> token = new java.util.HashSet<>();
        spec.getVolumes().removeIf(v -> ManifestTrees.TOKEN_VOLUME.matcher(v.getName()).matches() && token.add(v.getName()));
        spec.getContainers().forEach(c -> c.getVolumeMounts().removeIf(m -> token.contains(m.getName())));
        spec.getInitContainers().forEach(c -> c.getVolumeMounts().removeIf(m -> token.contains(m.getName())));
    }
}
