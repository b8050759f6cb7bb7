package dev.breakfix.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.diagnosis.Msg;
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

    private static final Msg HOW = Msg.of("act.how");

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
            Msg where = o.getKind() == null ? Msg.of("act.document", Integer.toString(i + 1))
                    : Msg.of("act.documentKind", Integer.toString(i + 1), o.getKind());
            checkKind(o, where);
            checkName(o, where);
            String id = o.getKind() + " " + o.getMetadata().getName();
            checkNamespace(o, id);
            if (!seen.add(id)) {
                throw refused(Msg.of("act.twice", id), Msg.of("act.twiceWhy"));
            }
            UnknownFields.find(o).ifPresent(problem -> {
                throw refused(Msg.of("act.unknownField", id, problem),
                        Msg.of("act.unknownFieldWhy", o.getKind().toLowerCase(java.util.Locale.ROOT)));
            });
            podSpec(o).ifPresent(spec -> checkSafe(spec, id));
            if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getReplicas() != null
                    && d.getSpec().getReplicas() > MAX_REPLICAS) {
                throw refused(Msg.of("act.replicas", id, Integer.toString(d.getSpec().getReplicas()), Integer.toString(MAX_REPLICAS)),
                        Msg.of("act.replicasWhy"));
            }
        }
        return objects;
    }

    // ---- steps ----

    private List<HasMetadata> parse(String text) {
        if (text == null || text.isBlank()) {
            throw refused(Msg.of("act.empty"), HOW);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw ActionRefusedException.of(Reason.TOO_LARGE, Msg.of("act.tooLarge", Integer.toString(bytes),
                    Integer.toString(maxBytes)), Msg.of("act.tooLargeWhy"));
        }
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(text);
        } catch (RuntimeException e) {
            throw refused(Msg.of("act.unreadable", firstLine(e)), Msg.of("act.unreadableWhy", HOW));
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (Object o : parsed instanceof List<?> list ? list : java.util.Collections.singletonList(parsed)) {
            if (o instanceof KubernetesList kl) {
                objects.addAll(kl.getItems());
            } else if (o instanceof HasMetadata h) {
                objects.add(h);
            } else if (o != null) {
                throw refused(Msg.of("act.notObject", Integer.toString(objects.size() + 1)), Msg.of("act.notObjectWhy", HOW));
            }
        }
        if (objects.isEmpty()) {
            throw refused(Msg.of("act.noObject"), HOW);
        }
        if (objects.size() > MAX_OBJECTS) {
            throw refused(Msg.of("act.tooMany", Integer.toString(objects.size()), Integer.toString(MAX_OBJECTS)), HOW);
        }
        return objects;
    }

    private static void checkKind(HasMetadata o, Msg where) {
        boolean allowed = o instanceof Pod || o instanceof Deployment || o instanceof ConfigMap || o instanceof Service;
        if (allowed) {
            return;
        }
        String kind = o.getKind() == null ? "(no kind)" : o.getKind();
        if (o instanceof GenericKubernetesResource) {
            if (o.getKind() == null || o.getApiVersion() == null) {
                throw refused(Msg.of("act.noKind", where), HOW);
            }
            if (ALLOWED_KINDS.contains(kind)) {
                throw refused(Msg.of("act.apiVersion", where, o.getApiVersion(), kind), Msg.of("act.apiVersionWhy"));
            }
        }
        if (!(o instanceof Namespaced) && !(o instanceof GenericKubernetesResource)) {
            throw refused(Msg.of("act.clusterWide", where, kind), Msg.of("act.clusterWideWhy", String.join(", ", ALLOWED_KINDS)));
        }
        throw refused(Msg.of("act.kind", where, kind + (o.getApiVersion() == null ? "" : " (" + o.getApiVersion() + ")")),
                Msg.of("act.kindWhy", String.join(", ", ALLOWED_KINDS)));
    }

    private static void checkName(HasMetadata o, Msg where) {
        if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
            throw refused(Msg.of("act.noName", where), Msg.of("act.noNameWhy"));
        }
    }

    private void checkNamespace(HasMetadata o, String id) {
        String ns = o.getMetadata().getNamespace();
        if (ns != null && !ns.equals(namespace)) {
            throw refused(Msg.of("act.namespace", id, ns, namespace), Msg.of("act.namespaceWhy", namespace));
        }
    }

    private static void checkSafe(PodSpec spec, String id) {
        Msg why = Msg.of("act.hostWhy");
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            throw refused(Msg.of("act.uses", id, "hostNetwork"), why);
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            throw refused(Msg.of("act.uses", id, "hostPID"), why);
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            throw refused(Msg.of("act.uses", id, "hostIPC"), why);
        }
        spec.getVolumes().stream().filter(v -> v.getHostPath() != null).findFirst().ifPresent(v -> {
            throw refused(Msg.of("act.hostPath", id, v.getHostPath().getPath(), v.getName()), why);
        });
        Stream<Container> containers = Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream());
        containers.forEach(c -> {
            SecurityContext sc = c.getSecurityContext();
            if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                throw refused(Msg.of("act.privileged", id, c.getName()), why);
            }
            if (sc != null && sc.getCapabilities() != null) {
                sc.getCapabilities().getAdd().stream().filter(cap -> !BASELINE_CAPABILITIES.contains(cap.replaceFirst("^CAP_", "")))
                        .findFirst().ifPresent(cap -> {
                            throw refused(Msg.of("act.capability", id, c.getName(), cap), why);
                        });
            }
            c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0).findFirst().ifPresent(p -> {
                throw refused(Msg.of("act.hostPort", id, c.getName(), Integer.toString(p.getHostPort())), why);
            });
        });
        if (!spec.getEphemeralContainers().isEmpty()) {
            throw refused(Msg.of("act.ephemeral", id), Msg.of("act.ephemeralWhy"));
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

    static ActionRefusedException refused(Msg message, Msg explanation) {
        return ActionRefusedException.of(Reason.MANIFEST_REFUSED, message, explanation);
    }
}
