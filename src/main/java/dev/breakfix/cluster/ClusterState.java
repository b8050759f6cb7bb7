package dev.breakfix.cluster;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one cache of the cluster every read comes from: shared informers on the lab namespaces, and on
 * Pods, Events, Deployments, ReplicaSets and Nodes. Objects in lab namespaces are indexed by namespace;
 * listeners hear which lab namespace changed. While the cluster is unreachable the informers keep
 * retrying on their own, and {@link #ready()} says so.
 */
@ApplicationScoped
public class ClusterState {

    private static final Logger LOG = Logger.getLogger(ClusterState.class);
    static final String BY_LEARNER = "learner";

    private final KubernetesClient client;
    private final List<Consumer<String>> namespaceListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private volatile Throwable lastError;
    private volatile CompletableFuture<Void> synced = new CompletableFuture<>();

    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Event> events;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<ReplicaSet> replicaSets;
    private SharedIndexInformer<Node> nodes;

    public ClusterState(KubernetesClient client) {
        this.client = client;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (namespaces != null) {
            return;
        }
        namespaces = client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE)
                .runnableInformer(0);
        namespaces.addIndexers(Map.of(BY_LEARNER, ns -> List.of(labelOr(ns, BreakfixLabels.LEARNER, ""))));
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        events = client.v1().events().inAnyNamespace().runnableInformer(0);
        deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        replicaSets = client.apps().replicaSets().inAnyNamespace().runnableInformer(0);
        nodes = client.nodes().runnableInformer(0);

        namespaces.addEventHandler(handler(ns -> changed(ns.getMetadata().getName())));
        for (SharedIndexInformer<? extends HasMetadata> informer : List.of(pods, events, deployments, replicaSets)) {
            addNamespacedHandler(informer);
        }
        nodes.addEventHandler(handler(n -> nodeListeners.forEach(Runnable::run)));
        List<CompletableFuture<Void>> starts = new java.util.ArrayList<>();
        for (SharedIndexInformer<?> informer : informers()) {
            informer.exceptionHandler((started, t) -> {
                lastError = t;
                LOG.debugf(t, "informer error (started=%s); retrying", started);
                return true;
            });
            starts.add(informer.start().toCompletableFuture().whenComplete((ok, t) -> {
                if (t != null) {
                    lastError = t;
                    LOG.warnf("Cannot reach the cluster yet: %s", t.getMessage());
                }
            }));
        }
        CompletableFuture<Void> ready = synced;
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((ok, t) -> {
            if (t == null) {
                LOG.infof("Watching the cluster at %s", client.getConfiguration().getMasterUrl());
                ready.complete(null);
            }
        });
    }

    /** Completes once every informer has listed the cluster (at once when it already has). */
    public CompletionStage<Void> whenReady() {
        return synced;
    }

    public synchronized void stop() {
        if (namespaces != null) {
            informers().forEach(SharedIndexInformer::stop);
            namespaces = null;
            synced = new CompletableFuture<>();
        }
    }

    private List<SharedIndexInformer<?>> informers() {
        return List.of(namespaces, pods, events, deployments, replicaSets, nodes);
    }

    /** True when every informer has listed the cluster and is watching it. */
    public boolean ready() {
        return namespaces != null && informers().stream().allMatch(i -> i.hasSynced() && i.isWatching());
    }

    /** Why the cluster is not ready, when it is not. */
    public Optional<String> problem() {
        if (ready()) {
            return Optional.empty();
        }
        Throwable t = lastError;
        String master = client.getConfiguration().getMasterUrl();
        return Optional.of("No Kubernetes cluster reachable at " + master
                + (t == null ? " (still connecting)" : ": " + rootMessage(t)));
    }

    /**
     * Throws unless the cache has listed the cluster (waiting a few seconds for it right after start):
     * writes must not act on an empty picture, e.g. size a lab from nodes not yet seen.
     */
    public void requireReady() {
        try {
            synced.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new ClusterUnavailableException(problem().orElse("The cluster is still being listed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("Interrupted while waiting for the cluster");
        }
    }

    /** Heard with the name of a lab namespace whose objects (or the namespace itself) changed. */
    public void onNamespaceChange(Consumer<String> listener) {
        namespaceListeners.add(listener);
    }

    public void removeNamespaceListener(Consumer<String> listener) {
        namespaceListeners.remove(listener);
    }

    /**
     * Waits until {@code condition} holds, re-checked whenever something in {@code namespace} changes in
     * the cache (never by polling). Returns false when {@code timeout} passed first.
     */
    public boolean await(String namespace, BooleanSupplier condition, Duration timeout) {
        if (condition.getAsBoolean()) {
            return true;
        }
        CountDownLatch done = new CountDownLatch(1);
        Consumer<String> listener = ns -> {
            if (ns.equals(namespace) && condition.getAsBoolean()) {
                done.countDown();
            }
        };
        onNamespaceChange(listener);
        try {
            return condition.getAsBoolean() || done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            removeNamespaceListener(listener);
        }
    }

    public void onNodeChange(Runnable listener) {
        nodeListeners.add(listener);
    }

    // ---- reads, all from the cache ----

    public List<Namespace> labNamespaces() {
        return namespaces == null ? List.of() : namespaces.getStore().list();
    }

    /**
     * The class: every learner with a lab or a home namespace, never the preflight's scratch learners, each with
     * the id they typed where a namespace recorded it; sorted by id (ignoring case), then name.
     */
    public List<dev.breakfix.lab.LearnerId> learners() {
        Map<String, dev.breakfix.lab.LearnerId> byName = new java.util.HashMap<>();
        for (Namespace ns : labNamespaces()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            String name = labels == null ? null : labels.get(BreakfixLabels.LEARNER);
            if (name == null || name.isBlank() || name.startsWith(dev.breakfix.lab.LearnerId.SCRATCH_PREFIX)) {
                continue;
            }
            Map<String, String> annotations = ns.getMetadata().getAnnotations();
            var learner = dev.breakfix.lab.LearnerId.restored(
                    annotations == null ? null : annotations.get(BreakfixLabels.LEARNER_ID), name);
            // a namespace without the typed id (restored as the bare name) yields to one that has it
            byName.merge(name, learner, (a, b) -> a.id().equals(name) ? b : a);
        }
        return byName.values().stream()
                .sorted(java.util.Comparator.comparing((dev.breakfix.lab.LearnerId l) -> l.id().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(dev.breakfix.lab.LearnerId::name))
                .toList();
    }

    public List<Namespace> labNamespacesOf(String learnerName) {
        return namespaces == null ? List.of() : namespaces.getIndexer().byIndex(BY_LEARNER, learnerName);
    }

    public Optional<Namespace> labNamespace(String name) {
        return namespaces == null ? Optional.empty() : Optional.ofNullable(namespaces.getStore().getByKey(name));
    }

    public List<Pod> pods(String namespace) {
        return sorted(byNamespace(pods, namespace));
    }

    public Optional<Pod> pod(String namespace, String name) {
        return pods == null ? Optional.empty()
                : Optional.ofNullable(pods.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public List<Event> events(String namespace) {
        return byNamespace(events, namespace);
    }

    public Optional<Deployment> deployment(String namespace, String name) {
        return deployments == null ? Optional.empty()
                : Optional.ofNullable(deployments.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public List<ReplicaSet> replicaSets(String namespace) {
        return sorted(byNamespace(replicaSets, namespace));
    }

    public List<Node> nodes() {
        return nodes == null ? List.of() : nodes.getStore().list();
    }

    private static <T extends HasMetadata> List<T> byNamespace(SharedIndexInformer<T> informer, String namespace) {
        return informer == null ? List.of() : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> items) {
        return items.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName())).toList();
    }

    private <T extends HasMetadata> void addNamespacedHandler(SharedIndexInformer<T> informer) {
        informer.addEventHandler(handler(o -> changed(o.getMetadata().getNamespace())));
    }

    /** Event handlers stay short: they only say what changed (resyncs, where old == new, are skipped). */
    private static <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (oldObj != newObj) {
                    onChange.accept(newObj);
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(obj);
            }
        };
    }

    private void changed(String namespace) {
        if (namespace == null || !namespace.startsWith(BreakfixLabels.NAMESPACE_PREFIX)) {
            return;
        }
        for (Consumer<String> l : namespaceListeners) {
            try {
                l.accept(namespace);
            } catch (RuntimeException e) {
                LOG.warnf(e, "namespace listener failed for %s", namespace);
            }
        }
    }

    private static String labelOr(HasMetadata o, String key, String fallback) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? fallback : labels.getOrDefault(key, fallback);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
