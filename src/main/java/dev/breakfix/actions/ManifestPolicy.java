package dev.breakfix.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.breakfix.actions.ActionRefusedException.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What a learner may apply to their lab, checked before anything is sent: YAML or JSON holding one or
 * more Kubernetes objects, each a Pod, Deployment, ConfigMap or Service of the lab's own namespace,
 * without host access or privileges. Every document is checked before any is applied; the first
 * problem refuses the whole manifest. Pure: calls no API server.
 */
public final class ManifestPolicy {

    /** The kinds a learner may apply (apiVersion as served by every cluster Breakfix supports). */
    public static final List<String> ALLOWED_KINDS = List.of("Pod", "Deployment", "ConfigMap", "Service");
    static final int MAX_OBJECTS = 20;
    /** A lab's Deployment runs a Pod or two; more would take the class's nodes from other learners. */
    static final int MAX_REPLICAS = 5;

    /** Capabilities Pod Security "baseline" lets a container add; anything else is refused. */
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    private static final String HOW = "Paste the manifest of a Pod, Deployment, ConfigMap or Service, "
            + "in YAML or JSON; several objects may be separated by lines of ---.";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String namespace;
    private final int maxBytes;

    /** @param namespace the lab's namespace, the only one objects may name */
    public ManifestPolicy(String namespace, int maxBytes) {
        this.namespace = namespace;
        this.maxBytes = maxBytes;
    }

    /** Parses and checks the manifest; returns its objects, or throws a refusal saying what is wrong. */
    public List<HasMetadata> check(String text) {
        List<HasMetadata> objects = parse(text);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata o = objects.get(i);
            String where = "document " + (i + 1) + (o.getKind() == null ? "" : " (" + o.getKind() + ")");
            checkKind(o, where);
            checkName(o, where);
            String id = o.getKind() + " " + o.getMetadata().getName();
            checkNamespace(o, id);
            if (!seen.add(id)) {
                throw refused("The manifest holds " + id + " twice.", "Each object may appear once in a manifest.");
            }
            UnknownFields.find(o).ifPresent(problem -> {
                throw refused(id + ": " + problem + ".",
                        "Kubernetes would refuse this manifest. Check the field's spelling and its indentation (a field "
                                + "belongs to the one it is indented under) against the lab's manifests or `kubectl explain "
                                + o.getKind().toLowerCase(java.util.Locale.ROOT) + ".spec`.");
            });
            podSpec(o).ifPresent(spec -> checkSafe(spec, id));
            if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getReplicas() != null
                    && d.getSpec().getReplicas() > MAX_REPLICAS) {
                throw refused(id + " asks for " + d.getSpec().getReplicas() + " replicas; a lab runs at most " + MAX_REPLICAS + ".",
                        "The cluster is shared by the class: one Pod shows everything this lab is about.");
            }
        }
        return objects;
    }

    // ---- steps ----

    private List<HasMetadata> parse(String text) {
        if (text == null || text.isBlank()) {
            throw refused("The manifest is empty.", HOW);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new ActionRefusedException(Reason.TOO_LARGE, "The manifest has " + bytes + " bytes; at most "
                    + maxBytes + " are accepted.", "A lab's manifests are a few hundred bytes: paste only the objects you mean to apply.");
        }
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(text);
        } catch (RuntimeException e) {
            throw refused("The manifest cannot be read: " + firstLine(e), HOW
                    + " In YAML, indentation matters: nested fields are indented under their parent, with spaces, not tabs.");
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (Object o : parsed instanceof List<?> list ? list : java.util.Collections.singletonList(parsed)) {
            if (o instanceof KubernetesList kl) {
                objects.addAll(kl.getItems());
            } else if (o instanceof HasMetadata h) {
                objects.add(h);
            } else if (o != null) {
                throw refused("Document " + (objects.size() + 1) + " is not a Kubernetes object.",
                        "A Kubernetes object has `apiVersion`, `kind` and `metadata.name` at its top level, such as "
                                + "`apiVersion: v1`, `kind: Pod`. " + HOW);
            }
        }
        if (objects.isEmpty()) {
            throw refused("The manifest holds no Kubernetes object.", HOW);
        }
        if (objects.size() > MAX_OBJECTS) {
            throw refused("The manifest holds " + objects.size() + " objects; at most " + MAX_OBJECTS + " are accepted.", HOW);
        }
        return objects;
    }

    private static void checkKind(HasMetadata o, String where) {
        boolean allowed = o instanceof Pod || o instanceof Deployment || o instanceof ConfigMap || o instanceof Service;
        if (allowed) {
            return;
        }
        String kind = o.getKind() == null ? "(no kind)" : o.getKind();
        if (o instanceof GenericKubernetesResource) {
            if (o.getKind() == null || o.getApiVersion() == null) {
                throw refused(where + " is not a Kubernetes object: it needs `apiVersion` and `kind`.", HOW);
            }
            if (ALLOWED_KINDS.contains(kind)) {
                throw refused(where + ": `apiVersion: " + o.getApiVersion() + "` does not serve " + kind + ".",
                        "Pods, ConfigMaps and Services are `apiVersion: v1`; Deployments are `apiVersion: apps/v1`.");
            }
        }
        if (!(o instanceof Namespaced) && !(o instanceof GenericKubernetesResource)) {
            throw refused(where + ": a " + kind + " is cluster-wide; this lab only lets you change objects in your own namespace.",
                    "Cluster-wide objects such as Namespaces, Nodes, ClusterRoles and PersistentVolumes affect every learner "
                            + "on the cluster, so learners cannot create or change them. This lab needs only "
                            + String.join(", ", ALLOWED_KINDS) + ".");
        }
        throw refused(where + ": kind " + kind + (o.getApiVersion() == null ? "" : " (" + o.getApiVersion() + ")")
                + " is not one this lab lets you apply.",
                "In your lab you may apply " + String.join(", ", ALLOWED_KINDS) + ".");
    }

    private static void checkName(HasMetadata o, String where) {
        if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
            throw refused(where + " has no `metadata.name`.", "Every object needs a name: the Pod's name, such as `name: sleep`.");
        }
    }

    private void checkNamespace(HasMetadata o, String id) {
        String ns = o.getMetadata().getNamespace();
        if (ns != null && !ns.equals(namespace)) {
            throw refused(id + " names the namespace '" + ns + "'; your lab's namespace is '" + namespace + "'.",
                    "You may only change objects in your own lab. Leave `metadata.namespace` out (Breakfix puts the object "
                            + "in your lab's namespace) or set it to '" + namespace + "'.");
        }
    }

    private static void checkSafe(PodSpec spec, String id) {
        String why = " Lab Pods may not reach into the node they run on: host namespaces, host paths, host ports and "
                + "privileged containers are refused (like Pod Security \"baseline\"). None of the chapter's fixes needs them.";
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            throw refused(id + " uses hostNetwork.", why);
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            throw refused(id + " uses hostPID.", why);
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            throw refused(id + " uses hostIPC.", why);
        }
        spec.getVolumes().stream().filter(v -> v.getHostPath() != null).findFirst().ifPresent(v -> {
            throw refused(id + " mounts the host path " + v.getHostPath().getPath() + " (volume " + v.getName() + ").", why);
        });
        Stream<Container> containers = Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream());
        containers.forEach(c -> {
            SecurityContext sc = c.getSecurityContext();
            if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                throw refused(id + ": container " + c.getName() + " is privileged.", why);
            }
            if (sc != null && sc.getCapabilities() != null) {
                sc.getCapabilities().getAdd().stream().filter(cap -> !BASELINE_CAPABILITIES.contains(cap.replaceFirst("^CAP_", "")))
                        .findFirst().ifPresent(cap -> {
                            throw refused(id + ": container " + c.getName() + " adds the capability " + cap + ".", why);
                        });
            }
            c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0).findFirst().ifPresent(p -> {
                throw refused(id + ": container " + c.getName() + " uses the host port " + p.getHostPort() + ".", why);
            });
        });
        if (!spec.getEphemeralContainers().isEmpty()) {
            throw refused(id + " has ephemeral containers.", "Ephemeral containers are added by `kubectl debug`, not by a manifest.");
        }
    }

    static java.util.Optional<PodSpec> podSpec(HasMetadata o) {
        if (o instanceof Pod p) {
            return java.util.Optional.ofNullable(p.getSpec());
        }
        if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return java.util.Optional.ofNullable(d.getSpec().getTemplate().getSpec());
        }
        return java.util.Optional.empty();
    }

    /** The parser's complaint in one line, with the field (Jackson) or the line and column (SnakeYAML). */
    static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String[] lines = m.split("\\R");
        java.util.regex.Matcher chain = java.util.regex.Pattern.compile("through reference chain: (.*)\\)").matcher(m);
        if (chain.find()) {
            String first = simpleTypes(lines[0].strip()).replaceAll(" \\(token `[^`]*`\\)", "")
                    .replaceAll(" ?\\(through reference chain: .*$", "");
            StringBuilder path = new StringBuilder();
            java.util.regex.Matcher step = java.util.regex.Pattern.compile("\\[(\"([^\"]*)\"|(\\d+))]").matcher(chain.group(1));
            while (step.find()) {
                path.append(step.group(2) != null ? (path.length() == 0 ? "" : ".") + step.group(2) : "[" + step.group(3) + "]");
            }
            return path + ": " + first;
        }
        // SnakeYAML: what it found, then "in reader, line L, column C:" and an excerpt
        StringBuilder what = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("in reader, line")) {
                return what + " (" + t.replaceFirst("^in reader, ", "").replaceFirst(":$", "") + ")";
            }
            if (!t.isEmpty()) {
                what.append(what.length() == 0 ? "" : ": ").append(t);
            }
        }
        return simpleTypes(lines[0].strip());
    }

    private static String simpleTypes(String s) {
        return s.replace("java.util.", "").replace("java.lang.", "").replace("io.fabric8.kubernetes.api.model.", "");
    }

    static ActionRefusedException refused(String message, String explanation) {
        return new ActionRefusedException(Reason.MANIFEST_REFUSED, message, explanation);
    }
}
