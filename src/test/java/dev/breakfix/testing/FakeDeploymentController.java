package dev.breakfix.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Plays the deployment-controller: one ReplicaSet {@code <deployment>-<pod-template-hash>} per Pod
 * template, scaled to {@code spec.replicas}; older ReplicaSets are scaled to 0 once the new one's Pods
 * are available (RollingUpdate with the default 25 % surge/unavailable, which for one replica means
 * the old Pod stays until the new one is ready) or at once (Recreate). The status and the
 * Available/Progressing conditions are written as v1.20 words them.
 */
final class FakeDeploymentController {

    static final String COMPONENT = "deployment-controller";
    static final String HASH_LABEL = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private static final ObjectMapper SORTED = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final KubernetesClient client;
    private final Clock clock;
    private final EventRecorder events;
    private final Followups followups;
    private final FakeReplicaSetController replicaSets;
    private final Set<String> known = new HashSet<>();

    FakeDeploymentController(KubernetesClient client, Clock clock, EventRecorder events, Followups followups,
            FakeReplicaSetController replicaSets) {
        this.client = client;
        this.clock = clock;
        this.events = events;
        this.followups = followups;
        this.replicaSets = replicaSets;
    }

    /** Uids of the Deployments this controller has seen (their ReplicaSets are collected when they go). */
    Set<String> knownUids() {
        return known;
    }

    void reconcile(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            return;
        }
        known.add(d.getMetadata().getUid());
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            return;
        }
        String hash = templateHash(d.getSpec().getTemplate());
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        List<ReplicaSet> owned = owned(d);
        Optional<ReplicaSet> current = owned.stream().filter(rs -> hash.equals(labels(rs).get(HASH_LABEL))).findFirst();
        if (current.isEmpty()) {
            ReplicaSet stale = client.apps().replicaSets().inNamespace(namespace).withName(name + "-" + hash).get();
            if (stale != null) {
                replicaSets.delete(stale); // owned by an earlier Deployment of that name: garbage
            }
            int revision = 1 + owned.stream().mapToInt(FakeDeploymentController::revision).max().orElse(0);
            ReplicaSet created = client.apps().replicaSets().inNamespace(namespace)
                    .resource(newReplicaSet(d, hash, replicas, revision)).create();
            scaled(d, created, replicas, true);
            patchRevision(d, revision);
        } else if (!Objects.equals(current.get().getSpec().getReplicas(), replicas)) {
            ReplicaSet rs = current.get();
            boolean up = rs.getSpec().getReplicas() == null || rs.getSpec().getReplicas() < replicas;
            client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of(
                            "metadata", Map.of("annotations", Map.of("deployment.kubernetes.io/desired-replicas",
                                    String.valueOf(replicas))),
                            "spec", Map.of("replicas", replicas))));
            scaled(d, rs, replicas, up);
        }
        owned = owned(d);
        ReplicaSet newRs = owned.stream().filter(rs -> hash.equals(labels(rs).get(HASH_LABEL))).findFirst().orElseThrow();
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        if (recreate || available(newRs) >= replicas) {
            for (ReplicaSet old : owned) {
                if (!old.getMetadata().getUid().equals(newRs.getMetadata().getUid()) && old.getSpec().getReplicas() != null && old.getSpec().getReplicas() > 0) {
                    client.apps().replicaSets().inNamespace(namespace).withName(old.getMetadata().getName())
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");
                    scaled(d, old, 0, false);
                }
            }
        }
        writeStatus(d, newRs, owned(d), replicas);
    }

    /** When a Deployment is deleted, its ReplicaSets (and their Pods) go with it. */
    void collectReplicaSetsOf(String namespace, String deploymentUid) {
        client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> FakeReplicaSetController.controllerOf(rs).map(o -> o.getUid().equals(deploymentUid))
                        .orElse(false))
                .forEach(replicaSets::delete);
    }

    private void scaled(Deployment d, ReplicaSet rs, int replicas, boolean up) {
        events.record(d, null, "Normal", "ScalingReplicaSet", "Scaled " + (up ? "up" : "down") + " replica set "
                + rs.getMetadata().getName() + " to " + replicas, COMPONENT, null);
        followups.replicaSet(rs.getMetadata().getNamespace(), rs.getMetadata().getName());
    }

    private void patchRevision(Deployment d, int revision) {
        if (!String.valueOf(revision).equals(annotations(d).get(REVISION))) {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of(
                            "metadata", Map.of("annotations", Map.of(REVISION, String.valueOf(revision))))));
        }
    }

    private ReplicaSet newReplicaSet(Deployment d, String hash, int replicas, int revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate())
                .editOrNewMetadata().addToLabels(HASH_LABEL, hash).endMetadata()
                .build();
        Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector() == null
                || d.getSpec().getSelector().getMatchLabels() == null ? Map.of() : d.getSpec().getSelector().getMatchLabels());
        selector.put(HASH_LABEL, hash);
        return new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(d.getMetadata().getName() + "-" + hash)
                    .withNamespace(d.getMetadata().getNamespace())
                    .withLabels(template.getMetadata().getLabels())
                    .addToAnnotations("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas))
                    .addToAnnotations("deployment.kubernetes.io/max-replicas", String.valueOf(replicas + maxSurge(d, replicas)))
                    .addToAnnotations(REVISION, String.valueOf(revision))
                    .withOwnerReferences(FakeReplicaSetController.ownerReference(d))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                    .withNewSelector()
                        .withMatchLabels(selector)
                        .withMatchExpressions(d.getSpec().getSelector() == null ? List.of()
                                : d.getSpec().getSelector().getMatchExpressions())
                    .endSelector()
                    .withTemplate(template)
                .endSpec()
                .build();
    }

    private void writeStatus(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, int replicas) {
        int total = all.stream().mapToInt(rs -> nz(rs.getSpec().getReplicas())).sum();
        int actual = all.stream().mapToInt(rs -> rs.getStatus() == null ? 0 : nz(rs.getStatus().getReplicas())).sum();
        int ready = all.stream().mapToInt(rs -> rs.getStatus() == null ? 0 : nz(rs.getStatus().getReadyReplicas())).sum();
        int available = all.stream().mapToInt(FakeDeploymentController::available).sum();
        int updated = newRs.getStatus() == null ? 0 : nz(newRs.getStatus().getReplicas());
        List<DeploymentCondition> old = d.getStatus() == null ? List.of() : d.getStatus().getConditions();
        String rsName = newRs.getMetadata().getName();
        boolean complete = updated == replicas && available == replicas && actual == replicas;
        List<DeploymentCondition> conditions = List.of(
                available >= replicas - maxUnavailable(d, replicas)
                        ? condition(old, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
                        : condition(old, "Available", "False", "MinimumReplicasUnavailable",
                                "Deployment does not have minimum availability."),
                complete
                        ? condition(old, "Progressing", "True", "NewReplicaSetAvailable",
                                "ReplicaSet \"" + rsName + "\" has successfully progressed.")
                        : condition(old, "Progressing", "True", "ReplicaSetUpdated",
                                "ReplicaSet \"" + rsName + "\" is progressing."));
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(orNull(actual))
                .withUpdatedReplicas(orNull(updated))
                .withReadyReplicas(orNull(ready))
                .withAvailableReplicas(orNull(available))
                .withUnavailableReplicas(orNull(Math.max(0, total - available)))
                .withConditions(conditions)
                .withCollisionCount(d.getStatus() == null ? null : d.getStatus().getCollisionCount())
                .build();
        if (!status.equals(d.getStatus())) {
            Deployment fresh = client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                    .withName(d.getMetadata().getName()).get();
            if (fresh == null || !fresh.getMetadata().getUid().equals(d.getMetadata().getUid())) {
                return;
            }
            status.setObservedGeneration(fresh.getMetadata().getGeneration());
            fresh.setStatus(status);
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(fresh).updateStatus();
        }
    }

    /** Keeps lastTransitionTime while the status stays, lastUpdateTime while reason and message stay. */
    private DeploymentCondition condition(List<DeploymentCondition> old, String type, String status, String reason,
            String message) {
        String now = KubeTime.time(clock.instant());
        Optional<DeploymentCondition> before = old.stream().filter(c -> type.equals(c.getType())).findFirst();
        boolean sameStatus = before.map(c -> status.equals(c.getStatus())).orElse(false);
        boolean sameText = sameStatus && before.map(c -> reason.equals(c.getReason()) && message.equals(c.getMessage()))
                .orElse(false);
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(sameStatus ? before.get().getLastTransitionTime() : now)
                .withLastUpdateTime(sameText ? before.get().getLastUpdateTime() : now)
                .build();
    }

    private List<ReplicaSet> owned(Deployment d) {
        return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
                .filter(rs -> FakeReplicaSetController.controllerOf(rs)
                        .map(o -> o.getUid().equals(d.getMetadata().getUid())).orElse(false))
                .toList();
    }

    /**
     * The pod-template-hash: FNV-1a (32 bit) of the template, its decimal form spelled with
     * Kubernetes' safe alphabet, as {@code controller.ComputeHash} does (over our own JSON
     * rendering of the template, not Go's, so the values differ from a real cluster's).
     */
    static String templateHash(PodTemplateSpec template) {
        byte[] bytes;
        try {
            bytes = SORTED.writeValueAsString(template).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String decimal = Integer.toUnsignedString(hash);
        StringBuilder encoded = new StringBuilder();
        for (char c : decimal.toCharArray()) {
            encoded.append(FakeReplicaSetController.ALPHANUMS.charAt(c % FakeReplicaSetController.ALPHANUMS.length()));
        }
        return encoded.toString();
    }

    private static int maxSurge(Deployment d, int replicas) {
        IntOrString value = d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        return scaled(value, replicas, true);
    }

    private static int maxUnavailable(Deployment d, int replicas) {
        IntOrString value = d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
        return scaled(value, replicas, false);
    }

    private static int scaled(IntOrString value, int replicas, boolean roundUp) {
        if (value != null && value.getIntVal() != null) {
            return value.getIntVal();
        }
        String percent = value == null || value.getStrVal() == null ? "25%" : value.getStrVal();
        double fraction = Double.parseDouble(percent.replace("%", "")) / 100.0 * replicas;
        return (int) (roundUp ? Math.ceil(fraction) : Math.floor(fraction));
    }

    private static int available(ReplicaSet rs) {
        return rs.getStatus() == null ? 0 : nz(rs.getStatus().getAvailableReplicas());
    }

    private static int revision(ReplicaSet rs) {
        try {
            return Integer.parseInt(annotations(rs).getOrDefault(REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> labels(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata().getAnnotations() == null ? new HashMap<>() : object.getMetadata().getAnnotations();
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    private static Integer orNull(int value) {
        return value == 0 ? null : value;
    }
}
