package dev.breakfix.actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.actions.ActionResult.Change;
import dev.breakfix.actions.ActionResult.ObjectChange;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.diagnosis.DeadEnd;
import dev.breakfix.diagnosis.DeadEnds;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.progress.ProgressStore;
import dev.breakfix.injector.LabBusyException;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.injector.ClusterValues;
import dev.breakfix.injector.NodeLabels;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What a learner without a terminal can do to their own lab from the browser: apply a manifest, delete a
 * Pod, set an image, label a node with their own label, read an object as editable YAML. Every action
 * checks first that the lab exists and acts only in the lab's namespace; a refusal (Breakfix's rules or
 * the API server's) comes back as an {@link ActionRefusedException} with an explanation and, for a
 * refused manifest, with nothing applied.
 */
@ApplicationScoped
public class LabActions {

    private static final Logger LOG = Logger.getLogger(LabActions.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final int MAX_NAME = 253;
    /** What an image reference may hold: registry host[:port], path, :tag, @digest. */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]*");
    static final int MAX_IMAGE = 512;

    /** The kinds the single-object actions (set image, manifest) work on. */
    public enum Kind {
        POD("Pod"),
        DEPLOYMENT("Deployment");

        private final String kind;

        Kind(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }

        /** {@code pod}, {@code pods}, {@code po}, {@code deployment}, {@code deployments}, {@code deploy}, any case. */
        public static Kind parse(String text) {
            String k = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (k) {
                case "pod", "pods", "po" -> POD;
                case "deployment", "deployments", "deploy" -> DEPLOYMENT;
                default -> throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.unknownKind", String.valueOf(text)),
                        null);
            };
        }
    }

    private final KubernetesClient client;
    private final ClusterState cluster;
    private final NodeLabels nodeLabels;
    private final BreakfixConfig config;
    private final ProgressStore progress;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LabActions(KubernetesClient client, ClusterState cluster, NodeLabels nodeLabels, BreakfixConfig config,
            ProgressStore progress) {
        this.progress = progress;
        this.client = client;
        this.cluster = cluster;
        this.nodeLabels = nodeLabels;
        this.config = config;
    }

    // ---- apply ----

    /**
     * Applies a manifest (YAML or JSON, one or more objects) to the lab: checks every object first and
     * refuses the whole manifest on the first problem; then creates each object that is absent and
     * updates each that is present (a Pod only where its spec may change, as on a real cluster).
     */
    public ActionResult apply(LabKey lab, String manifest) {
        requireLab(lab);
        List<HasMetadata> objects = new ManifestPolicy(lab.namespace(), config.api().maxBodyBytes()).check(manifest);
        objects.forEach(ServerRules::validate);
        objects = objects.stream().map(o -> ApplyPlan.prepare(o, lab, config.images().overrides())).toList();
        synchronized (lock(lab)) {
            List<ApplyPlan.Step> plan = new ArrayList<>();
            for (HasMetadata o : objects) {
                try {
                    plan.add(plan(o));
                } catch (ActionRefusedException e) {
                    remember(lab, o, e);
                    throw e;
                }
            }
            List<ObjectChange> done = new ArrayList<>();
            Set<Msg> explanations = new LinkedHashSet<>();
            for (ApplyPlan.Step step : plan) {
                try {
                    done.add(step.run(client));
                } catch (KubernetesClientException e) {
                    throw refusal(e, step.object()).after(done);
                }
                step.explanation().ifPresent(explanations::add);
            }
            LOG.debugf("Applied to %s: %s", lab.namespace(), done);
            return ActionResult.done(done.stream().map(ObjectChange::line).collect(Collectors.joining("\n")), null,
                    List.copyOf(explanations), done);
        }
    }

    /** Reads the live object and decides what applying {@code desired} does; refusals are thrown here. */
    private ApplyPlan.Step plan(HasMetadata desired) {
        HasMetadata live;
        try {
            live = client.resource(desired).get();
        } catch (KubernetesClientException e) {
            throw refusal(e, desired);
        }
        return ApplyPlan.step(desired, live);
    }

    /**
     * Keeps a refusal the learner should be coached on (a manifest applied over the live Pod) on the lab's
     * namespace, so that the grade report and the lab page explain it as long as that Pod lives.
     */
    private void remember(LabKey lab, HasMetadata o, ActionRefusedException e) {
        if (e.reason() != Reason.POD_IMMUTABLE || e.coaching() == null) {
            return;
        }
        String pod = o.getMetadata().getName();
        Object fields = e.coaching().why().args().isEmpty() ? null : e.coaching().why().args().get(0);
        DeadEnds.Refusal refusal = new DeadEnds.Refusal(DeadEnd.POD_IMMUTABLE, pod,
                cluster.pod(lab.namespace(), pod).map(p -> p.getMetadata().getUid()).orElse(null),
                fields instanceof String s ? s : null, java.time.Instant.now().toString());
        try {
            progress.recordAnnotation(lab.namespace(), DeadEnds.LAST_REFUSAL, refusal.toJson());
        } catch (KubernetesClientException ex) {
            LOG.debugf("Could not keep the refusal on %s: %s", lab.namespace(), ex.getMessage());
        }
    }

    // ---- delete a Pod ----

    /** Deletes a Pod of the lab with the default grace period, like {@code kubectl delete pod}; does not wait. */
    public ActionResult deletePod(LabKey lab, String pod) {
        return deletePod(lab, pod, Duration.ZERO);
    }

    /**
     * Deletes a Pod of the lab with the default grace period, like {@code kubectl delete pod}, and waits
     * (at most {@code wait}) until the cache no longer shows it.
     */
    public ActionResult deletePod(LabKey lab, String pod, Duration wait) {
        requireLab(lab);
        requireName(pod, "Pod");
        String ns = lab.namespace();
        Optional<Pod> cached = cluster.pod(ns, pod);
        List<StatusDetails> deleted;
        try {
            deleted = client.pods().inNamespace(ns).withName(pod).delete();
        } catch (KubernetesClientException e) {
            throw refusal(e, "Pod", pod);
        }
        if (deleted.isEmpty()) {
            throw notFound("Pod", pod, cluster.pods(ns).stream().map(p -> p.getMetadata().getName()).toList());
        }
        String uid = cached.map(p -> p.getMetadata().getUid()).orElse(null);
        boolean gone = !wait.isZero() && cluster.await(ns, () -> cluster.pod(ns, pod)
                .map(p -> uid != null && !uid.equals(p.getMetadata().getUid())).orElse(true), wait);
        String owner = cached.flatMap(p -> p.getMetadata().getOwnerReferences().stream()
                .filter(r -> "ReplicaSet".equals(r.getKind())).findFirst()).map(r -> r.getName()).orElse(null);
        List<Msg> explanation = owner != null ? List.of(Msg.of("act.deleteOwned", owner))
                : gone ? List.of() : List.of(Msg.of("act.deleteGrace"));
        return ActionResult.done("pod \"" + pod + "\" deleted", gone ? null : Msg.of("act.beingDeleted", pod),
                explanation, List.of(new ObjectChange("Pod", pod, Change.DELETED)));
    }

    // ---- set image ----

    /** {@code kubectl set image pod|deployment <name> <container>=<image>}: changes one container's image. */
    public ActionResult setImage(LabKey lab, String kind, String name, String container, String image) {
        requireLab(lab);
        Kind k = Kind.parse(kind);
        requireName(name, k.kind());
        if (container == null || container.isBlank()) {
            throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.noContainer"), null);
        }
        String wanted = validImage(image);
        String mirrored = config.images().overrides().getOrDefault(wanted, wanted);
        HasMetadata live = cached(lab, k, name);
        PodSpec spec = live instanceof Pod p ? p.getSpec() : ((Deployment) live).getSpec().getTemplate().getSpec();
        String base = k == Kind.POD ? "/spec" : "/spec/template/spec";
        String path = null;
        Container found = null;
        for (String list : List.of("containers", "initContainers")) {
            List<Container> containers = list.equals("containers") ? spec.getContainers() : spec.getInitContainers();
            for (int i = 0; i < containers.size() && found == null; i++) {
                if (containers.get(i).getName().equals(container)) {
                    found = containers.get(i);
                    path = base + "/" + list + "/" + i;
                }
            }
        }
        if (found == null) {
            throw ActionRefusedException.of(Reason.NOT_FOUND, Msg.of("act.noSuchContainer", k.kind(), name, container,
                    spec.getContainers().stream().map(Container::getName).collect(Collectors.joining(", "))), null);
        }
        String line = k.kind().toLowerCase(Locale.ROOT) + "/" + name;
        if (mirrored.equals(found.getImage())) {
            return ActionResult.done(null, Msg.of("act.imageUnchanged", line, container, mirrored), List.of(),
                    List.of(new ObjectChange(k.kind(), name, Change.UNCHANGED)));
        }
        String patch = Serialization.asJson(List.of(
                Map.of("op", "test", "path", path + "/name", "value", container),
                Map.of("op", "replace", "path", path + "/image", "value", mirrored)));
        try {
            client.resource(live).patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            throw refusal(e, k.kind(), name);
        }
        List<Msg> explanation = new ArrayList<>();
        explanation.add(Msg.of(k == Kind.POD ? "act.imagePod" : "act.imageDeployment"));
        if (!mirrored.equals(wanted)) {
            explanation.add(Msg.of("act.imageMirror", wanted, mirrored));
        }
        return ActionResult.done(line + " image updated", null, explanation,
                List.of(new ObjectChange(k.kind(), name, Change.UPDATED)));
    }

    static String validImage(String image) {
        String i = image == null ? "" : image.strip();
        if (i.isEmpty()) {
            throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.noImage"), null);
        }
        if (i.length() > MAX_IMAGE) {
            throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.imageTooLong", Integer.toString(MAX_IMAGE)),
                    null);
        }
        if (!IMAGE.matcher(i).matches() || i.contains("//") || i.endsWith(":") || i.endsWith("/") || i.endsWith("@")) {
            throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.notAnImage", i), Msg.of("act.notAnImageWhy"));
        }
        return i;
    }

    // ---- node label (nginx-selector) ----

    /** Puts the learner's own label on a node ({@code NodeLabels}); never any other label. */
    public ActionResult labelNode(LabKey lab, String node) {
        requireLab(lab);
        nodeLabels.label(lab.learner(), node);
        return ActionResult.done("node/" + node + " labeled", null,
                List.of(Msg.of("act.labeled", node, lab.learner().nodeLabelKey() + "=" + ClusterValues.NODE_LABEL_VALUE)),
                List.of(new ObjectChange("Node", node, Change.UPDATED)));
    }

    public ActionResult unlabelNode(LabKey lab, String node) {
        requireLab(lab);
        nodeLabels.unlabel(lab.learner(), node);
        return ActionResult.done("node/" + node + " unlabeled", null, List.of(Msg.of("act.unlabeled", node)),
                List.of(new ObjectChange("Node", node, Change.UPDATED)));
    }

    // ---- manifest for the editor ----

    /** The live Pod or Deployment as YAML to edit and apply again, from the cache. */
    public String manifest(LabKey lab, String kind, String name) {
        requireLab(lab);
        Kind k = Kind.parse(kind);
        requireName(name, k.kind());
        return EditableManifest.yaml(cached(lab, k, name));
    }

    // ---- helpers ----

    private HasMetadata cached(LabKey lab, Kind kind, String name) {
        String ns = lab.namespace();
        Optional<? extends HasMetadata> found = kind == Kind.POD ? cluster.pod(ns, name) : cluster.deployment(ns, name);
        return found.orElseThrow(() -> notFound(kind.kind(), name, kind == Kind.POD
                ? cluster.pods(ns).stream().map(p -> p.getMetadata().getName()).toList()
                : List.of()));
    }

    private Namespace requireLab(LabKey lab) {
        Namespace ns = cluster.labNamespace(lab.namespace()).orElseThrow(() -> new LabNotFoundException(lab));
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            throw new LabBusyException(lab, Msg.of("act.busy.deleting"));
        }
        return ns;
    }

    private static void requireName(String name, String kind) {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw ActionRefusedException.of(Reason.INVALID_REQUEST, Msg.of("act.badName", String.valueOf(name), kind),
                    Msg.of("act.badNameWhy"));
        }
    }

    private static ActionRefusedException notFound(String kind, String name, List<String> existing) {
        return ActionRefusedException.of(Reason.NOT_FOUND, existing.isEmpty() ? Msg.of("act.notFound", kind, name)
                : Msg.of("act.notFoundPods", kind, name, String.join(", ", existing)), null);
    }

    private static ActionRefusedException refusal(KubernetesClientException e, HasMetadata o) {
        return refusal(e, o.getKind(), o.getMetadata().getName());
    }

    private static ActionRefusedException refusal(KubernetesClientException e, String kind, String name) {
        return ApiRefusals.explain(e, kind, name).orElseThrow(() -> e);
    }

    private Object lock(LabKey lab) {
        return locks.computeIfAbsent(lab.namespace(), k -> new Object());
    }
}
