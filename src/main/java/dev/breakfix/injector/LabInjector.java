package dev.breakfix.injector;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Manifest;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.config.BreakfixConfig;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.progress.ProgressStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Creates, resets and deletes labs. {@code start} reads as a pipeline: namespace → access → manifests →
 * record. Every step tolerates what an earlier (or concurrent) start already created, so starting twice
 * gives one lab.
 */
@ApplicationScoped
public class LabInjector {

    private static final Logger LOG = Logger.getLogger(LabInjector.class);
    private static final Duration CLEAR_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final ClusterState cluster;
    private final Catalog catalog;
    private final BreakfixConfig config;
    private final NodeLabels nodeLabels;
    private final ProgressStore progress;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LabInjector(KubernetesClient client, ClusterState cluster, Catalog catalog, BreakfixConfig config,
            NodeLabels nodeLabels, ProgressStore progress, Clock clock) {
        this.client = client;
        this.cluster = cluster;
        this.catalog = catalog;
        this.config = config;
        this.nodeLabels = nodeLabels;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Starts the lab; returns false when it already ran (nothing changed). Within this server, starts of
     * one lab are serialised; across replicas, creating the namespace is the gate and every later step
     * accepts what is already there.
     */
    public boolean start(LabKey lab) {
        Scenario scenario = catalog.get(lab.scenario());
        cluster.requireReady();
        synchronized (lock(lab)) {
            Namespace existing = client.namespaces().withName(lab.namespace()).get();
            if (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
                throw new LabBusyException(lab, dev.breakfix.diagnosis.Msg.of("act.busy.stillDeleting"));
            }
            if (existing != null && annotation(existing, BreakfixLabels.STARTED_AT) != null) {
                return false;
            }
            Map<String, String> values = ClusterValues.forLab(lab, cluster.nodes());
            boolean created = createNamespace(lab, values);
            grantAccess(lab);
            applyBroken(lab, scenario, values);
            record(lab);
            LOG.infof("Started %s for %s in %s", scenario.id(), lab.learner().id(), lab.namespace());
            return created;
        }
    }

    /**
     * Gives back the exact broken state: the learner's objects, the previous attempt's Pods and events
     * and the learner's node label are removed, then the broken manifests are applied again.
     */
    public void reset(LabKey lab) {
        Scenario scenario = catalog.get(lab.scenario());
        cluster.requireReady();
        synchronized (lock(lab)) {
            Namespace ns = requireLab(lab);
            clearWorkloads(lab);
            nodeLabels.unlabelAll(lab.learner());
            client.v1().events().inNamespace(lab.namespace()).delete();
            applyBroken(lab, scenario, storedValues(ns, lab));
            progress.removeAnnotation(lab.namespace(), dev.breakfix.questions.Answers.ANNOTATION);
            LOG.infof("Reset %s", lab.namespace());
        }
    }

    /** Removes the lab: its namespace, its node-reader binding and the learner's node label. */
    public void delete(LabKey lab) {
        cluster.requireReady();
        synchronized (lock(lab)) {
            requireLab(lab);
            client.namespaces().withName(lab.namespace()).delete();
            client.rbac().clusterRoleBindings().withName(LabObjects.nodeReaderBindingName(lab)).delete();
            nodeLabels.unlabelAll(lab.learner());
            LOG.infof("Deleted %s", lab.namespace());
        }
    }

    // ---- steps ----

    private boolean createNamespace(LabKey lab, Map<String, String> values) {
        Map<String, String> annotations = Map.of(
                BreakfixLabels.LEARNER_ID, lab.learner().id(),
                BreakfixLabels.VALUES, Serialization.asJson(values));
        return createIfAbsent(LabObjects.namespace(lab, annotations));
    }

    private void grantAccess(LabKey lab) {
        createIfAbsent(LabObjects.nodeReader());
        createIfAbsent(LabObjects.serviceAccount(lab));
        createIfAbsent(LabObjects.role(lab));
        createIfAbsent(LabObjects.roleBinding(lab));
        createIfAbsent(LabObjects.nodeReaderBinding(lab));
    }

    private void applyBroken(LabKey lab, Scenario scenario, Map<String, String> values) {
        for (Manifest manifest : scenario.broken()) {
            for (HasMetadata object : ManifestTemplate.render(manifest, values)) {
                createIfAbsent(LabObjects.stamp(object, lab, config.images().overrides()));
            }
        }
    }

    private void record(LabKey lab) {
        progress.markStarted(lab.namespace(), clock.instant());
    }

    /** Deletes every workload object in the namespace at once and waits until the cache shows them gone. */
    private void clearWorkloads(LabKey lab) {
        String namespace = lab.namespace();
        client.apps().deployments().inNamespace(namespace).withGracePeriod(0).delete();
        client.apps().replicaSets().inNamespace(namespace).withGracePeriod(0).delete();
        client.pods().inNamespace(namespace).withGracePeriod(0).delete();
        client.configMaps().inNamespace(namespace).withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).delete();
        client.services().inNamespace(namespace).delete();
        if (!cluster.await(namespace, () -> cluster.pods(namespace).isEmpty() && cluster.replicaSets(namespace).isEmpty(),
                CLEAR_TIMEOUT)) {
            throw new LabBusyException(lab, dev.breakfix.diagnosis.Msg.of("act.busy.oldPods",
                    Long.toString(CLEAR_TIMEOUT.toSeconds())));
        }
    }

    /** Creates the object; false when it already existed (409). */
    private boolean createIfAbsent(HasMetadata object) {
        try {
            client.resource(object).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return false;
        }
    }

    private Namespace currentNamespace(LabKey lab) {
        return cluster.labNamespace(lab.namespace())
                .orElseGet(() -> client.namespaces().withName(lab.namespace()).get());
    }

    private Namespace requireLab(LabKey lab) {
        Namespace ns = currentNamespace(lab);
        if (ns == null) {
            throw new LabNotFoundException(lab);
        }
        return ns;
    }

    private Map<String, String> storedValues(Namespace ns, LabKey lab) {
        String json = annotation(ns, BreakfixLabels.VALUES);
        if (json != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, String> values = Serialization.unmarshal(json, Map.class);
                return values;
            } catch (RuntimeException e) {
                LOG.warnf("Unreadable values on %s; computing them anew", ns.getMetadata().getName());
            }
        }
        return ClusterValues.forLab(lab, cluster.nodes());
    }

    private static String annotation(Namespace ns, String key) {
        Map<String, String> a = ns.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    private Object lock(LabKey lab) {
        return locks.computeIfAbsent(lab.namespace(), k -> new Object());
    }
}
