package dev.breakfix.actions;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.actions.ActionResult.Change;
import dev.breakfix.actions.ActionResult.ObjectChange;
import dev.breakfix.diagnosis.Msg;
import dev.breakfix.injector.LabObjects;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * How one object of a learner's manifest is applied, decided from the live object before anything is
 * sent: created when absent; when present, left alone if nothing changes, else updated (a Pod only in
 * its mutable fields, with its live spec otherwise; other kinds with the manifest's spec and the live
 * metadata). Pure, but for {@link Step#run} which sends the decided request.
 */
final class ApplyPlan {

    private ApplyPlan() {
    }

    /** One object's part of an apply, decided before anything is sent. */
    sealed interface Step {
        HasMetadata object();

        ObjectChange run(KubernetesClient client);

        Optional<Msg> explanation();

        record Create(HasMetadata object) implements Step {
            public ObjectChange run(KubernetesClient client) {
                client.resource(object).create();
                return change(object, Change.CREATED);
            }

            public Optional<Msg> explanation() {
                return Optional.empty();
            }
        }

        record Update(HasMetadata object, Msg why) implements Step {
            public ObjectChange run(KubernetesClient client) {
                client.resource(object).update();
                return change(object, Change.UPDATED);
            }

            public Optional<Msg> explanation() {
                return Optional.ofNullable(why);
            }
        }

        record Unchanged(HasMetadata object) implements Step {
            public ObjectChange run(KubernetesClient client) {
                return change(object, Change.UNCHANGED);
            }

            public Optional<Msg> explanation() {
                return Optional.empty();
            }
        }
    }

    /** What applying {@code desired} over {@code live} (null: absent) does; throws the refusal when it may not. */
    static Step step(HasMetadata desired, HasMetadata live) {
        if (live == null) {
            return new Step.Create(desired);
        }
        if (live.getMetadata().getDeletionTimestamp() != null) {
            throw ActionRefusedException.of(Reason.CONFLICT, Msg.of("act.stillDeleting", desired.getKind(),
                    desired.getMetadata().getName()), Msg.of("act.stillDeletingWhy"));
        }
        if (live instanceof Pod pod) {
            ServerRules.PodUpdate update = ServerRules.podUpdate(pod, (Pod) desired);
            return update instanceof ServerRules.PodUpdate.Allowed allowed
                    ? new Step.Update(allowed.body(), Msg.of("act.applyPod"))
                    : new Step.Unchanged(desired);
        }
        if (live instanceof Deployment d) {
            Deployment want = (Deployment) desired;
            ServerRules.deploymentUpdate(d, want);
            if (sameMetadata(d, want) && ServerRules.same(d.getSpec(), want.getSpec())) {
                return new Step.Unchanged(desired);
            }
            want.setStatus(d.getStatus());
            return new Step.Update(withLiveMetadata(want, d), Msg.of("act.applyDeployment"));
        }
        if (live instanceof ConfigMap cm) {
            ConfigMap want = (ConfigMap) desired;
            if (sameMetadata(cm, want) && ServerRules.same(configData(cm), configData(want))) {
                return new Step.Unchanged(desired);
            }
            return new Step.Update(withLiveMetadata(want, cm), Msg.of("act.applyConfigMap"));
        }
        Service svc = (Service) live;
        Service want = (Service) desired;
        if (sameMetadata(svc, want) && ServerRules.same(svc.getSpec(), want.getSpec())) {
            return new Step.Unchanged(desired);
        }
        keepAllocated(svc.getSpec(), want.getSpec());
        want.setStatus(svc.getStatus());
        return new Step.Update(withLiveMetadata(want, svc), null);
    }

    /** The learner's object as Breakfix sends it: server bookkeeping dropped, stamped for the lab. */
    static HasMetadata prepare(HasMetadata o, LabKey lab, Map<String, String> imageOverrides) {
        ObjectMeta m = o.getMetadata();
        m.setResourceVersion(null);
        m.setUid(null);
        m.setCreationTimestamp(null);
        m.setSelfLink(null);
        m.setManagedFields(null);
        m.setGeneration(null);
        m.setOwnerReferences(null);
        m.setDeletionTimestamp(null);
        m.setDeletionGracePeriodSeconds(null);
        m.setGenerateName(null);
        if (o instanceof Pod p) {
            p.setStatus(null);
        } else if (o instanceof Deployment d) {
            d.setStatus(null);
        } else if (o instanceof Service s) {
            s.setStatus(null);
        }
        return LabObjects.stamp(o, lab, imageOverrides);
    }

    private static boolean sameMetadata(HasMetadata live, HasMetadata desired) {
        return ManifestTrees.containsAll(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && ManifestTrees.containsAll(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    }

    /** The desired object with the live metadata (version, uid, owners) and the labels and annotations of both. */
    private static <T extends HasMetadata> T withLiveMetadata(T desired, HasMetadata live) {
        ObjectMeta meta = Serialization.clone(live.getMetadata());
        meta.setManagedFields(null);
        meta.setLabels(ServerRules.merged(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        meta.setAnnotations(ServerRules.merged(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
        desired.setMetadata(meta);
        return desired;
    }

    private static Map<String, Object> configData(ConfigMap cm) {
        Map<String, Object> data = new HashMap<>();
        data.put("data", cm.getData());
        data.put("binaryData", cm.getBinaryData());
        data.put("immutable", cm.getImmutable());
        return data;
    }

    /** Addresses the server allocated stay when the manifest leaves them out. */
    private static void keepAllocated(ServiceSpec live, ServiceSpec desired) {
        if (live == null || desired == null) {
            return;
        }
        if (desired.getClusterIP() == null) {
            desired.setClusterIP(live.getClusterIP());
        }
        if (desired.getClusterIPs().isEmpty()) {
            desired.setClusterIPs(live.getClusterIPs());
        }
        if (desired.getIpFamilies().isEmpty()) {
            desired.setIpFamilies(live.getIpFamilies());
        }
        if (desired.getIpFamilyPolicy() == null) {
            desired.setIpFamilyPolicy(live.getIpFamilyPolicy());
        }
    }

    private static ObjectChange change(HasMetadata o, Change c) {
        return new ObjectChange(o.getKind(), o.getMetadata().getName(), c);
    }
}
