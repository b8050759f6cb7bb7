package dev.breakfix.testing;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Plays kube-controller-manager's replicaset-controller (and the garbage collector for the Pods of a
 * ReplicaSet it knew): keeps {@code spec.replicas} Pods named {@code <rs>-<5 random>} from the
 * template, owned by the ReplicaSet, and reports them in the ReplicaSet's status.
 */
final class FakeReplicaSetController {

    static final String COMPONENT = "replicaset-controller";
    /** The alphabet of Kubernetes' random name suffixes ({@code utilrand.String}). */
    static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Followups followups;
    private final Random random = new Random();
    /** uid -> namespace/name of every ReplicaSet this controller has seen */
    private final Map<String, String> known = new HashMap<>();

    FakeReplicaSetController(KubernetesClient client, EventRecorder events, Followups followups) {
        this.client = client;
        this.events = events;
        this.followups = followups;
    }

    void reconcile(String namespace, String name, Set<String> knownDeployments) {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).withName(name).get();
        if (rs == null) {
            return;
        }
        known.put(rs.getMetadata().getUid(), namespace + "/" + name);
        Optional<OwnerReference> owner = controllerOf(rs);
        if (owner.isPresent() && owner.get().getKind().equals("Deployment")
                && knownDeployments.contains(owner.get().getUid()) && !exists(owner.get(), namespace)) {
            delete(rs); // its Deployment is gone: the garbage collector's part
            return;
        }
        List<Pod> pods = podsOf(rs);
        int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        for (int i = pods.size(); i < desired; i++) {
            Pod pod = createPod(rs);
            events.record(rs, null, "Normal", "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName(),
                    COMPONENT, null);
            followups.pod(namespace, pod.getMetadata().getName());
        }
        if (pods.size() > desired) {
            // like the controller: not-ready Pods go first, then the youngest
            pods.stream()
                    .sorted(Comparator.comparing(PodStatuses::isReady)
                            .thenComparing(p -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""),
                                    Comparator.reverseOrder()))
                    .limit(pods.size() - desired)
                    .forEach(p -> {
                        client.pods().inNamespace(namespace).resource(p).delete();
                        events.record(rs, null, "Normal", "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName(),
                                COMPONENT, null);
                    });
        }
        writeStatus(rs, podsOf(rs));
    }

    /** Judged from a fresh list: whether {@link #reconcile} would change anything for this ReplicaSet. */
    boolean needsWork(ReplicaSet rs, List<Pod> pods, Set<String> deploymentUids, Set<String> knownDeployments) {
        Optional<OwnerReference> owner = controllerOf(rs);
        if (owner.isPresent() && owner.get().getKind().equals("Deployment") && knownDeployments.contains(owner.get().getUid())
                && !deploymentUids.contains(owner.get().getUid())) {
            return true;
        }
        int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        return pods.size() != desired || !status(rs, pods).equals(rs.getStatus());
    }

    /** Whether the Pod's ReplicaSet, known to this controller, is no longer among {@code replicaSetUids}. */
    boolean isOrphan(Pod pod, Set<String> replicaSetUids) {
        return controllerOf(pod).filter(o -> o.getKind().equals("ReplicaSet") && known.containsKey(o.getUid())
                && !replicaSetUids.contains(o.getUid())).isPresent();
    }

    /** Deletes a Pod whose ReplicaSet this controller knew and which is gone; true if it did. */
    boolean collectIfOrphan(Pod pod) {
        Optional<OwnerReference> owner = controllerOf(pod);
        if (owner.isEmpty() || !owner.get().getKind().equals("ReplicaSet") || !known.containsKey(owner.get().getUid())
                || exists(owner.get(), pod.getMetadata().getNamespace())) {
            return false;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).delete();
        return true;
    }

    /** After a ReplicaSet was deleted: its Pods go too (background cascading deletion). */
    void collectPodsOf(String namespace, String rsUid) {
        client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> controllerOf(p).map(o -> o.getUid().equals(rsUid)).orElse(false))
                .forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
    }

    void delete(ReplicaSet rs) {
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).delete();
        collectPodsOf(rs.getMetadata().getNamespace(), rs.getMetadata().getUid());
    }

    private boolean exists(OwnerReference owner, String namespace) {
        HasMetadata current = switch (owner.getKind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(owner.getName()).get();
            case "ReplicaSet" -> client.apps().replicaSets().inNamespace(namespace).withName(owner.getName()).get();
            default -> null;
        };
        return current != null && current.getMetadata().getUid().equals(owner.getUid());
    }

    private List<Pod> podsOf(ReplicaSet rs) {
        return client.pods().inNamespace(rs.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> controllerOf(p).map(o -> o.getUid().equals(rs.getMetadata().getUid())).orElse(false))
                .toList();
    }

    private Pod createPod(ReplicaSet rs) {
        var template = rs.getSpec().getTemplate();
        for (int attempt = 0; ; attempt++) {
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                        .withName(rs.getMetadata().getName() + "-" + suffix())
                        .withGenerateName(rs.getMetadata().getName() + "-")
                        .withNamespace(rs.getMetadata().getNamespace())
                        .withLabels(template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels())
                        .withAnnotations(template.getMetadata() == null ? Map.of() : template.getMetadata().getAnnotations())
                        .withOwnerReferences(ownerReference(rs))
                    .endMetadata()
                    .withSpec(new PodSpecBuilder(template.getSpec()).build())
                    .build();
            try {
                return client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(pod).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void writeStatus(ReplicaSet rs, List<Pod> pods) {
        ReplicaSetStatus status = status(rs, pods);
        if (!status.equals(rs.getStatus())) {
            rs.setStatus(status);
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).updateStatus();
            controllerOf(rs).filter(o -> o.getKind().equals("Deployment"))
                    .ifPresent(o -> followups.deployment(rs.getMetadata().getNamespace(), o.getName()));
        }
    }

    private static ReplicaSetStatus status(ReplicaSet rs, List<Pod> pods) {
        Map<String, String> labels = rs.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : Objects.requireNonNullElse(rs.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
        int fullyLabeled = (int) pods.stream().filter(p -> Objects.requireNonNullElse(p.getMetadata().getLabels(),
                Map.<String, String>of()).entrySet().containsAll(labels.entrySet())).count();
        int ready = (int) pods.stream().filter(PodStatuses::isReady).count();
        return new ReplicaSetStatusBuilder()
                .withReplicas(pods.size())
                .withFullyLabeledReplicas(orNull(fullyLabeled))
                .withReadyReplicas(orNull(ready))
                .withAvailableReplicas(orNull(ready))
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .build();
    }

    static Optional<OwnerReference> controllerOf(HasMetadata object) {
        return object.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst();
    }

    static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(ALPHANUMS.charAt(random.nextInt(ALPHANUMS.length())));
        }
        return s.toString();
    }

    private static Integer orNull(int value) {
        return value == 0 ? null : value;
    }
}
