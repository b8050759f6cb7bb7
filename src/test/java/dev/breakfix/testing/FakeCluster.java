package dev.breakfix.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.breakfix.testing.FakeNodes.NodeRuntime;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * A test fixture that plays kube-scheduler, kubelet, the Deployment and ReplicaSet controllers (and
 * their garbage collection) against the fabric8 mock API server in CRUD mode, writing the statuses
 * and events a Kubernetes v1.20 cluster writes for the chapter's scenarios (see
 * {@code shared/fixtures/k8s-1.20}). Informers on Pods, Deployments, ReplicaSets and Nodes hand
 * keys to one thread that reacts in order; every timestamp comes from the given {@link Clock}.
 *
 * <pre>{@code
 * try (FakeCluster cluster = new FakeCluster(client, clock).start()) {
 *     client.resource(pod).create();
 *     assertThat(cluster.awaitIdle(Duration.ofSeconds(10))).isTrue();
 * }
 * }</pre>
 */
public final class FakeCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FakeCluster.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final List<FakeNodes.Spec> nodeSpecs = new ArrayList<>();
    private final FakeRegistry registry = new FakeRegistry();
    private final WorkQueue queue = new WorkQueue();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<String, NodeRuntime> nodes = new ConcurrentHashMap<>();
    private FakeScheduler scheduler;
    private FakeKubelet kubelet;
    private FakeReplicaSetController replicaSets;
    private FakeDeploymentController deployments;
    private volatile boolean started;

    /** A cluster that does nothing until {@link #start()}. */
    public FakeCluster(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a node (labels, addresses, capacity and conditions like the captured {@code node.json}).
     * Without any, the cluster has one node {@code vm} with 2 CPUs and 8Gi, like the chapter's.
     */
    public FakeCluster withNode(String name, String cpu, String memory) {
        if (started) {
            throw new IllegalStateException("add nodes before start()");
        }
        nodeSpecs.add(new FakeNodes.Spec(name, cpu, memory));
        return this;
    }

    /** Makes {@code image} (e.g. a private mirror's copy) pull and run like {@code behavesLike} (e.g. {@code nginx}). */
    public FakeCluster withImageAlias(String image, String behavesLike) {
        registry.alias(image, behavesLike);
        return this;
    }

    /** Creates the nodes that are missing, starts the informers and reacts to what already exists. */
    public synchronized FakeCluster start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        List<FakeNodes.Spec> specs = nodeSpecs.isEmpty() ? List.of(new FakeNodes.Spec("vm", "2", "8Gi")) : nodeSpecs;
        for (int i = 0; i < specs.size(); i++) {
            FakeNodes.Spec spec = specs.get(i);
            Node existing = client.nodes().withName(spec.name()).get();
            String ip = existing == null ? FakeNodes.internalIp(i) : internalIp(existing, FakeNodes.internalIp(i));
            if (existing == null) {
                client.nodes().resource(FakeNodes.node(spec, ip, clock.instant())).create();
            }
            nodes.put(spec.name(), new NodeRuntime(spec.name(), ip));
        }
        EventRecorder events = new EventRecorder(client, clock);
        Followups followups = new QueueFollowups();
        scheduler = new FakeScheduler(client, clock, events, specs.get(0).name());
        kubelet = new FakeKubelet(client, clock, events, registry, nodes);
        replicaSets = new FakeReplicaSetController(client, events, followups);
        deployments = new FakeDeploymentController(client, clock, events, followups, replicaSets);

        inform(client.nodes(), node -> nodeChanged(), node -> nodeChanged());
        inform(client.apps().deployments().inAnyNamespace(), d -> queueDeployment(ns(d), name(d)),
                d -> queue.submit(null, () -> deployments.collectReplicaSetsOf(ns(d), d.getMetadata().getUid())));
        inform(client.apps().replicaSets().inAnyNamespace(), rs -> queueReplicaSet(ns(rs), name(rs)),
                rs -> queue.submit(null, () -> replicaSets.collectPodsOf(ns(rs), rs.getMetadata().getUid())));
        inform(client.pods().inAnyNamespace(), pod -> {
            scheduler.observed(pod, false);
            queuePod(ns(pod), name(pod));
        }, this::podDeleted);
        started = true;
        queue.submit("resync", this::resync);
        return this;
    }

    /**
     * A running container exits with {@code exitCode} and the kubelet starts it again: lastState.terminated,
     * restartCount + 1, a new startedAt, Ready False and then True again; a BackOff event (and a
     * moment in CrashLoopBackOff) when it had been restarted shortly before. Happens on the fixture's
     * thread: follow with {@link #awaitIdle(Duration)}.
     */
    public void restartContainer(String namespace, String pod, String container, int exitCode) {
        requireStarted();
        Pod current = client.pods().inNamespace(namespace).withName(pod).get();
        if (current == null) {
            throw new IllegalArgumentException("no Pod " + namespace + "/" + pod);
        }
        if (current.getSpec().getContainers().stream().noneMatch(c -> c.getName().equals(container))) {
            throw new IllegalArgumentException("Pod " + namespace + "/" + pod + " has no container " + container);
        }
        boolean running = current.getStatus() != null && PodStatuses.find(current.getStatus().getContainerStatuses(),
                container).map(ContainerStatus::getState).map(s -> s.getRunning() != null).orElse(false);
        if (!running) {
            throw new IllegalStateException("container " + container + " of " + namespace + "/" + pod + " is not running");
        }
        String uid = current.getMetadata().getUid();
        queue.submit(null, () -> {
            Pod fresh = client.pods().inNamespace(namespace).withName(pod).get();
            if (fresh != null && fresh.getMetadata().getUid().equals(uid) && kubelet.restart(fresh, container, exitCode)) {
                afterKubelet(fresh);
            }
        });
    }

    /**
     * Waits until every reaction has been written: it first queues a pass over all Pods, Deployments and
     * ReplicaSets (so a change the informers have not delivered yet is seen too), then waits for the
     * queue to drain. False if {@code max} ran out first.
     */
    public boolean awaitIdle(Duration max) {
        requireStarted();
        queue.submit("resync", this::resync);
        return queue.awaitIdle(max);
    }

    /** Reactions that failed with an unexpected error (each is also logged); empty in a healthy run. */
    public List<Throwable> failures() {
        return queue.failures();
    }

    /** Stops the informers and the fixture's thread. Objects in the mock stay as they are. */
    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        queue.close();
    }

    private <T extends HasMetadata> void inform(Informable<T> source, Consumer<T> changed, Consumer<T> deleted) {
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (!Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
                    changed.accept(newObj);
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        });
        informer.exceptionHandler((isStarted, t) -> {
            LOG.warnf(t, "fake cluster: informer error");
            return true;
        });
        informer.run();
        informers.add(informer);
    }

    private void nodeChanged() {
        scheduler.invalidate();
        queue.submit("unscheduled", this::retryUnscheduled);
    }

    private void podDeleted(Pod pod) {
        scheduler.observed(pod, true);
        String uid = pod.getMetadata().getUid();
        queue.submit(null, () -> {
            kubelet.forget(uid);
            scheduler.forget(uid);
        });
        FakeReplicaSetController.controllerOf(pod).filter(o -> o.getKind().equals("ReplicaSet"))
                .ifPresent(o -> queueReplicaSet(ns(pod), o.getName()));
        if (pod.getSpec().getNodeName() != null) {
            queue.submit("unscheduled", this::retryUnscheduled); // its requests are free again
        }
    }

    private void queuePod(String namespace, String name) {
        queue.submit("pod/" + namespace + "/" + name, () -> reconcilePod(namespace, name));
    }

    private void queueReplicaSet(String namespace, String name) {
        queue.submit("rs/" + namespace + "/" + name,
                () -> replicaSets.reconcile(namespace, name, deployments.knownUids()));
    }

    private void queueDeployment(String namespace, String name) {
        queue.submit("deploy/" + namespace + "/" + name, () -> deployments.reconcile(namespace, name));
    }

    private void reconcilePod(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null || replicaSets.collectIfOrphan(pod)) {
            return;
        }
        if (pod.getSpec().getNodeName() == null) {
            if (scheduler.schedule(pod) == null) {
                return;
            }
            pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod == null) {
                return;
            }
        }
        if (kubelet.sync(pod)) {
            afterKubelet(pod);
        }
    }

    /** A Pod's readiness may have changed: its ReplicaSet counts again; a finished Pod frees its node. */
    private void afterKubelet(Pod pod) {
        FakeReplicaSetController.controllerOf(pod).filter(o -> o.getKind().equals("ReplicaSet"))
                .ifPresent(o -> queueReplicaSet(ns(pod), o.getName()));
        Pod now = client.pods().inNamespace(ns(pod)).withName(name(pod)).get();
        if (now != null && PodStatuses.isTerminal(now)) {
            scheduler.invalidate();
            queue.submit("unscheduled", this::retryUnscheduled);
        }
    }

    private void retryUnscheduled() {
        client.pods().inAnyNamespace().list().getItems().stream()
                .filter(FakeScheduler::isMine)
                .forEach(p -> queuePod(ns(p), name(p)));
    }

    /**
     * A pass over everything, for what the informers may not have delivered yet: every Deployment, and the
     * ReplicaSets and Pods that (judged from this fresh list) have work to do.
     */
    private void resync() {
        scheduler.invalidate();
        List<Deployment> all = client.apps().deployments().inAnyNamespace().list().getItems();
        List<ReplicaSet> sets = client.apps().replicaSets().inAnyNamespace().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        Set<String> deploymentUids = all.stream().map(d -> d.getMetadata().getUid()).collect(Collectors.toSet());
        Set<String> setUids = sets.stream().map(rs -> rs.getMetadata().getUid()).collect(Collectors.toSet());
        Map<String, List<Pod>> podsByOwner = pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> FakeReplicaSetController.controllerOf(p).isPresent())
                .collect(Collectors.groupingBy(p -> FakeReplicaSetController.controllerOf(p).get().getUid()));
        all.forEach(d -> queueDeployment(ns(d), name(d)));
        sets.stream()
                .filter(rs -> replicaSets.needsWork(rs, podsByOwner.getOrDefault(rs.getMetadata().getUid(), List.of()),
                        deploymentUids, deployments.knownUids()))
                .forEach(rs -> queueReplicaSet(ns(rs), name(rs)));
        pods.stream()
                .filter(p -> FakeScheduler.isMine(p) || kubelet.needsSync(p) || replicaSets.isOrphan(p, setUids))
                .forEach(p -> queuePod(ns(p), name(p)));
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("start() the fake cluster first");
        }
    }

    private static String internalIp(Node node, String fallback) {
        if (node.getStatus() == null) {
            return fallback;
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress)
                .findFirst()
                .orElse(fallback);
    }

    private static String ns(HasMetadata object) {
        return object.getMetadata().getNamespace();
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    /** Follow-up work goes to the back of the one queue. */
    private final class QueueFollowups implements Followups {
        @Override
        public void pod(String namespace, String name) {
            queuePod(namespace, name);
        }

        @Override
        public void replicaSet(String namespace, String name) {
            queueReplicaSet(namespace, name);
        }

        @Override
        public void deployment(String namespace, String name) {
            queueDeployment(namespace, name);
        }
    }
}
