package dev.breakfix.actions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.actions.ManifestTrees.Difference;
import dev.breakfix.diagnosis.DeadEnds;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Rules a real API server enforces and the fabric8 mock server does not, checked before anything is
 * sent so that a learner meets the same refusal, with the same message, on both: most of a live Pod's
 * spec is immutable, a Deployment's selector is required, must match its template and is immutable,
 * every container has a unique name and an image. Pure: calls no API server.
 */
public final class ServerRules {

    /** The API server's own wording (v1.20; later releases name a few more mutable fields). */
    static final String POD_FORBIDDEN = "spec: Forbidden: pod updates may not change fields other than "
            + "`spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds` or "
            + "`spec.tolerations` (only additions to existing tolerations)";

    static final String POD_IMMUTABLE_EXPLANATION = "A Pod's spec is mostly immutable: once a Pod exists, Kubernetes lets "
            + "you change only its containers' images and activeDeadlineSeconds, and add tolerations. Your manifest "
            + "changes %s, so the API server refuses to update the Pod in place. Delete the Pod and create it again "
            + "from the manifest (delete it, then apply again), or run the workload as a Deployment: its controller "
            + "replaces the Pods whenever the Pod template changes.";

    private static final int MAX_SHOWN = 8;

    private ServerRules() {
    }

    /** What applying a manifest to a live Pod does. */
    public sealed interface PodUpdate {
        /** Nothing would change. */
        record Unchanged() implements PodUpdate {
        }

        /** Only mutable fields change: send {@code body} (the live Pod with the changes). */
        record Allowed(Pod body, List<Difference> changes) implements PodUpdate {
        }
    }

    // ---- every object, created or updated ----

    private static final java.util.regex.Pattern DNS_SUBDOMAIN = java.util.regex.Pattern
            .compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final java.util.regex.Pattern DNS_1035_LABEL = java.util.regex.Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Msg NAMES = Msg.of("act.names");

    /** Checks what the API server validates on create and update; throws its refusal (422). */
    public static void validate(HasMetadata o) {
        validateName(o);
        if (o instanceof Pod p) {
            validatePodSpec(p.getSpec(), "Pod \"" + name(p) + "\" is invalid: ", "spec");
        } else if (o instanceof Deployment d) {
            String prefix = "Deployment.apps \"" + name(d) + "\" is invalid: ";
            if (d.getSpec() == null || d.getSpec().getTemplate() == null) {
                throw invalid(prefix + "spec.template.spec.containers: Required value",
                        Msg.of("act.needsTemplate"));
            }
            LabelSelector selector = d.getSpec().getSelector();
            if (selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty())) {
                throw invalid(prefix + "spec.selector: Required value",
                        Msg.of("act.needsSelector"));
            }
            Map<String, String> templateLabels = d.getSpec().getTemplate().getMetadata() == null ? Map.of()
                    : Objects.requireNonNullElse(d.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
            if (!templateLabels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
                throw invalid(prefix + "spec.template.metadata.labels: Invalid value: " + templateLabels
                        + ": `selector` does not match template `labels`",
                        Msg.of("act.selectorMismatch"));
            }
            validatePodSpec(d.getSpec().getTemplate().getSpec(), prefix, "spec.template.spec");
        }
    }

    private static void validateName(HasMetadata o) {
        String name = name(o);
        String prefix = o.getKind() + (o instanceof Deployment ? ".apps" : "") + " \"" + name + "\" is invalid: metadata.name: "
                + "Invalid value: \"" + name + "\": ";
        if (o instanceof io.fabric8.kubernetes.api.model.Service) {
            if (name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches()) {
                throw invalid(prefix + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                        + "with an alphabetic character, and end with an alphanumeric character", NAMES);
            }
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw invalid(prefix + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character", NAMES);
        }
    }

    private static void validatePodSpec(PodSpec spec, String prefix, String path) {
        if (spec == null || spec.getContainers().isEmpty()) {
            throw invalid(prefix + path + ".containers: Required value", Msg.of("act.needsContainer"));
        }
        Set<String> names = new HashSet<>();
        List<Container> all = new ArrayList<>(spec.getContainers());
        all.addAll(spec.getInitContainers());
        for (int i = 0; i < all.size(); i++) {
            Container c = all.get(i);
            boolean init = i >= spec.getContainers().size();
            String at = path + (init ? ".initContainers[" + (i - spec.getContainers().size()) + "]" : ".containers[" + i + "]");
            if (c.getName() == null || c.getName().isBlank()) {
                throw invalid(prefix + at + ".name: Required value", Msg.of("act.needsContainerName"));
            }
            if (c.getName().length() > 63 || !DNS_LABEL.matcher(c.getName()).matches()) {
                throw invalid(prefix + at + ".name: Invalid value: \"" + c.getName() + "\": a lowercase RFC 1123 label must "
                        + "consist of lower case alphanumeric characters or '-', and must start and end with an "
                        + "alphanumeric character", NAMES);
            }
            if (!names.add(c.getName())) {
                throw invalid(prefix + at + ".name: Duplicate value: \"" + c.getName() + "\"",
                        Msg.of("act.duplicateContainer"));
            }
            if (c.getImage() == null || c.getImage().isBlank()) {
                throw invalid(prefix + at + ".image: Required value", Msg.of("act.needsImage"));
            }
        }
    }

    // ---- updates ----

    /**
     * What applying {@code desired} over the {@code live} Pod does: nothing, or a change of mutable
     * fields only; anything else is refused as the API server refuses it (422, Forbidden). Fields the
     * server filled in (defaults, the ServiceAccount token volume, the node, admission's tolerations)
     * count as unchanged where the manifest leaves them out.
     */
    public static PodUpdate podUpdate(Pod live, Pod desired) {
        JsonNode l = ManifestTrees.tree(live.getSpec());
        JsonNode d = ManifestTrees.tree(desired.getSpec());
        l = l == null ? ManifestTrees.MAPPER.createObjectNode() : l;
        d = d == null ? ManifestTrees.MAPPER.createObjectNode() : d;
        List<Difference> allowed = new ArrayList<>();
        List<Difference> forbidden = new ArrayList<>();

        // the mutable fields: images, activeDeadlineSeconds, added tolerations
        for (String list : List.of("containers", "initContainers")) {
            JsonNode lc = l.path(list);
            JsonNode dc = d.path(list);
            for (int i = 0; i < Math.min(lc.size(), dc.size()); i++) {
                String path = "spec." + list + "[" + dc.get(i).path("name").asText(Integer.toString(i)) + "].image";
                allowed.addAll(ManifestTrees.diff(path, lc.get(i).get("image"), dc.get(i).get("image")));
                ((ObjectNode) lc.get(i)).remove("image");
                ((ObjectNode) dc.get(i)).remove("image");
            }
        }
        if (d.has("activeDeadlineSeconds")) {
            allowed.addAll(ManifestTrees.diff("spec.activeDeadlineSeconds", l.get("activeDeadlineSeconds"),
                    d.get("activeDeadlineSeconds")));
        }
        ((ObjectNode) l).remove("activeDeadlineSeconds");
        ((ObjectNode) d).remove("activeDeadlineSeconds");
        if (d.has("tolerations")) {
            Set<JsonNode> wanted = new LinkedHashSet<>();
            d.get("tolerations").forEach(wanted::add);
            Set<JsonNode> have = new LinkedHashSet<>();
            l.path("tolerations").forEach(have::add);
            for (JsonNode t : have) {
                if (!wanted.contains(t)) {
                    forbidden.add(new Difference("spec.tolerations", t, null));
                }
            }
            for (JsonNode t : wanted) {
                if (!have.contains(t)) {
                    allowed.add(new Difference("spec.tolerations", null, t));
                }
            }
            ((ObjectNode) l).remove("tolerations");
            ((ObjectNode) d).remove("tolerations");
        }

        // everything else must stay as it is
        ManifestTrees.dropTokenVolume(l, d);
        ManifestTrees.dropServerDefaults(l, d, true);
        forbidden.addAll(ManifestTrees.diff("spec", ManifestTrees.normalize(l), ManifestTrees.normalize(d)));
        if (!forbidden.isEmpty()) {
            throw podForbidden(name(live), forbidden);
        }
        boolean metadata = !ManifestTrees.containsAll(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
                || !ManifestTrees.containsAll(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
        if (allowed.isEmpty() && !metadata) {
            return new PodUpdate.Unchanged();
        }
        return new PodUpdate.Allowed(podBody(live, desired), allowed);
    }

    /** The live Pod with the desired images, activeDeadlineSeconds, tolerations, labels and annotations. */
    static Pod podBody(Pod live, Pod desired) {
        Pod body = Serialization.clone(live);
        body.getMetadata().setManagedFields(null);
        body.getMetadata().setLabels(merged(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        body.getMetadata().setAnnotations(merged(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
        PodSpec to = body.getSpec();
        PodSpec from = desired.getSpec();
        copyImages(from.getContainers(), to.getContainers());
        copyImages(from.getInitContainers(), to.getInitContainers());
        if (from.getActiveDeadlineSeconds() != null) {
            to.setActiveDeadlineSeconds(from.getActiveDeadlineSeconds());
        }
        if (!from.getTolerations().isEmpty()) {
            List<Toleration> tolerations = new ArrayList<>(to.getTolerations());
            from.getTolerations().stream().filter(t -> !tolerations.contains(t)).forEach(tolerations::add);
            to.setTolerations(tolerations);
        }
        return body;
    }

    /** A Deployment's selector cannot change (apps/v1); throws the API server's refusal (422). */
    public static void deploymentUpdate(Deployment live, Deployment desired) {
        JsonNode l = ManifestTrees.tree(live.getSpec().getSelector());
        JsonNode d = ManifestTrees.tree(desired.getSpec().getSelector());
        if (!Objects.equals(l, d)) {
            throw invalid("Deployment.apps \"" + name(live) + "\" is invalid: spec.selector: Invalid value: " + d
                    + ": field is immutable",
                    Msg.of("act.selectorImmutable", String.valueOf(l)));
        }
    }

    /**
     * True when {@code desired} would leave the live part of an object as it is: every field the
     * manifest sets has the live value, and the live object has nothing else the server did not fill in.
     */
    public static boolean same(Object live, Object desired) {
        JsonNode l = ManifestTrees.tree(live);
        JsonNode d = ManifestTrees.tree(desired);
        if (l != null) {
            ManifestTrees.dropServerDefaults(l, d, false);
        }
        return ManifestTrees.diff("", ManifestTrees.normalize(l), d).isEmpty();
    }

    static Map<String, String> merged(Map<String, String> live, Map<String, String> desired) {
        Map<String, String> out = new HashMap<>(live == null ? Map.of() : live);
        if (desired != null) {
            out.putAll(desired);
        }
        return out;
    }

    private static void copyImages(List<Container> from, List<Container> to) {
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            to.get(i).setImage(from.get(i).getImage());
        }
    }

    static ActionRefusedException podForbidden(String pod, List<Difference> differences) {
        StringBuilder message = new StringBuilder("Pod \"" + pod + "\" is invalid: " + POD_FORBIDDEN);
        differences.stream().limit(MAX_SHOWN).forEach(diff -> message.append("\n  ").append(diff.describe()));
        if (differences.size() > MAX_SHOWN) {
            message.append("\n  ... and ").append(differences.size() - MAX_SHOWN).append(" more");
        }
        Set<String> fields = differences.stream().map(diff -> field(diff.path()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String changed = fields.stream().limit(4).map(f -> "`" + f + "`").collect(Collectors.joining(", "))
                + (fields.size() > 4 ? " and more" : "");
        return new ActionRefusedException(Reason.POD_IMMUTABLE, message.toString(),
                String.format(POD_IMMUTABLE_EXPLANATION, changed)).coaching(DeadEnds.podImmutable(pod, changed));
    }

    /** The field a difference is in, down to a container's field: {@code spec.containers[sleep].resources}. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        int keep = parts.length > 1 && parts[1].matches("(containers|initContainers)\\[.*") ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length)));
    }

    /** The API server's refusal: its message as it words it, the explanation in the learner's language. */
    private static ActionRefusedException invalid(String message, Msg explanation) {
        return ActionRefusedException.explained(Reason.API_REFUSED, Reason.API_REFUSED.status(), message, explanation);
    }

    private static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }
}
