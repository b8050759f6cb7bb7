package dev.breakfix.preflight;

import dev.breakfix.grading.ImageRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Pulls every image the class needs onto every node before the class: one short-lived Pod per node and image
 * in Breakfix's own namespace, bound to the node ({@code nodeName}, so no scheduling), pull policy
 * IfNotPresent, running {@code true}. An image is pulled once the container has run or was created (even if
 * the image has no {@code true}: the pull already happened); a pull error fails that item with the kubelet's
 * message. Images a node already lists are not pulled again. Progress is followed through a watch on the
 * run's Pods, which are deleted at the end.
 */
final class Prepull {

    private static final Logger LOG = Logger.getLogger(Prepull.class);
    static final String RUN_LABEL = "breakfix.dev/prepull";
    private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "RegistryUnavailable");

    private final KubernetesClient client;
    private final String namespace;

    /** Node name to the normalised images a pre-pull confirmed there (shared with the images check). */
    private final Map<String, Set<String>> pulled;

    Prepull(KubernetesClient client, String namespace, Map<String, Set<String>> pulled) {
        this.client = client;
        this.namespace = namespace;
        this.pulled = pulled;
    }

    static String checkId(String node, String image) {
        return "prepull-" + node + "-" + shortHash(image);
    }

    static String podName(String runId, String node, String image) {
        return "prepull-" + shortHash(runId + "/" + node + "/" + image);
    }

    /** Adds one pending check per node and image to the run. */
    static void plan(PreflightRun run, List<Node> workers, List<NeededImage> images) {
        run.add(PreflightCheck.pending("prepull", "Pre-pull the class's images on every node")
                .running(NodeChecks.RATE_LIMIT_NOTE + " Pulling " + images.size() + " images on " + workers.size()
                        + " nodes now, each node once per image."));
        for (Node n : workers) {
            for (NeededImage i : images) {
                run.add(PreflightCheck.pending(checkId(NodeChecks.name(n), i.image()),
                        i.image() + " on " + NodeChecks.name(n)));
            }
        }
    }

    void run(PreflightRun run, List<Node> workers, List<NeededImage> images, Instant deadline) {
        Map<String, String> podToCheck = new LinkedHashMap<>();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        SharedIndexInformer<Pod> informer = null;
        try {
            ensureNamespace();
            informer = client.pods().inNamespace(namespace).withLabel(RUN_LABEL, run.id())
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Pod pod) {
                            signal();
                        }

                        @Override
                        public void onUpdate(Pod oldPod, Pod newPod) {
                            signal();
                        }

                        @Override
                        public void onDelete(Pod pod, boolean unknown) {
                            signal();
                        }

                        private void signal() {
                            lock.lock();
                            try {
                                changed.signalAll();
                            } finally {
                                lock.unlock();
                            }
                        }
                    }, 0);
            for (Node n : workers) {
                for (NeededImage i : images) {
                    String node = NodeChecks.name(n);
                    String checkId = checkId(node, i.image());
                    if (NodeChecks.present(n, i.image())) {
                        run.update(checkId, c -> c.pass("Already on " + node + "."));
                        continue;
                    }
                    String pod = podName(run.id(), node, i.image());
                    try {
                        client.resource(pod(run.id(), pod, node, i.image(), deadline)).create();
                        podToCheck.put(pod, checkId);
                        run.update(checkId, c -> c.running("Pulling on " + node + " (Pod " + namespace + "/" + pod + ")."));
                    } catch (KubernetesClientException e) {
                        run.update(checkId, c -> c.fail("Could not create the pre-pull Pod: " + e.getMessage(),
                                "Breakfix needs to create Pods in " + namespace + " (deploy/clusterrole.yaml)."));
                    }
                }
            }
            while (true) {
                lock.lock();
                try {
                    boolean open = false;
                    for (Map.Entry<String, String> e : podToCheck.entrySet()) {
                        Pod pod = informer.getStore().getByKey(namespace + "/" + e.getKey());
                        judge(run, e.getValue(), pod);
                        open |= !run.check(e.getValue()).finished();
                    }
                    if (!open) {
                        break;
                    }
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0) {
                        break;
                    }
                    changed.await(Math.min(left, 5_000), TimeUnit.MILLISECONDS);
                } finally {
                    lock.unlock();
                }
            }
            podToCheck.values().forEach(id -> run.update(id, c -> c.fail("Still not pulled when the time was up.",
                    "A slow registry or a large image: run the pre-pull again, or raise breakfix.preflight.prepull-timeout.")));
            long failed = podToCheck.values().stream().map(run::check).filter(c -> PreflightCheck.FAIL.equals(c.status()))
                    .count();
            run.update("prepull", c -> failed == 0
                    ? c.pass(NodeChecks.RATE_LIMIT_NOTE + " Every node now has every image the class needs.")
                    : c.fail(NodeChecks.RATE_LIMIT_NOTE + " " + failed + " pulls failed; see the items below.",
                            "Check the image names and the nodes' access to the registry, or mirror the images "
                                    + "(breakfix.images.overrides)."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "pre-pull failed");
            run.update("prepull", c -> c.fail("The pre-pull stopped: " + e.getMessage(), "See the server's log."));
        } finally {
            if (informer != null) {
                informer.close();
            }
            try {
                client.pods().inNamespace(namespace).withLabel(RUN_LABEL, run.id()).withGracePeriod(0).delete();
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not delete the pre-pull Pods of %s", run.id());
            }
        }
    }

    /** Updates the item from the Pod's status: the first word on a pull wins. */
    private void judge(PreflightRun run, String checkId, Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return;
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        ContainerStatus s = statuses == null || statuses.isEmpty() ? null : statuses.get(0);
        String node = pod.getSpec().getNodeName();
        if (s != null && s.getState() != null) {
            var waiting = s.getState().getWaiting();
            if (waiting != null && PULL_FAILURES.contains(waiting.getReason())) {
                String why = waiting.getMessage() == null ? waiting.getReason() : waiting.getReason() + ": " + waiting.getMessage();
                run.update(checkId, c -> c.fail("The pull failed on " + node + ": " + why,
                        why.contains("toomanyrequests") || why.contains("rate limit")
                                ? "Docker Hub's rate limit: wait, log the nodes in to Docker Hub, or mirror the image "
                                        + "(breakfix.images.overrides)."
                                : "Check the image name and that " + node + " can reach its registry."));
                return;
            }
            boolean pulled = s.getState().getRunning() != null || s.getState().getTerminated() != null
                    || s.getImageID() != null && !s.getImageID().isBlank()
                    || waiting != null && waiting.getReason() != null && waiting.getReason().startsWith("CreateContainer")
                    || waiting != null && "RunContainerError".equals(waiting.getReason());
            if (pulled) {
                run.update(checkId, c -> c.pass("Pulled on " + node + "."));
                this.pulled.computeIfAbsent(node, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                        .add(ImageRef.normalize(pod.getSpec().getContainers().get(0).getImage()));
                return;
            }
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            String why = pod.getStatus().getReason() + ": " + pod.getStatus().getMessage();
            run.update(checkId, c -> c.fail("The node refused the pre-pull Pod: " + why,
                    "Check the node's capacity and conditions (kubectl describe node " + node + ")."));
        }
    }

    private void ensureNamespace() {
        if (client.namespaces().withName(namespace).get() != null) {
            return;
        }
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("app.kubernetes.io/part-of", BreakfixLabels.MANAGED_BY_VALUE).endMetadata().build();
        try {
            client.resource(ns).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private Pod pod(String runId, String name, String node, String image, Instant deadline) {
        long seconds = Math.max(30, Duration.between(Instant.now(), deadline).toSeconds() + 30);
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(RUN_LABEL, runId)
                    .addToLabels("app.kubernetes.io/part-of", BreakfixLabels.MANAGED_BY_VALUE)
                    .addToAnnotations("breakfix.dev/image", image)
                .endMetadata()
                .withNewSpec()
                    .withNodeName(node)
                    .withRestartPolicy("Never")
                    .withActiveDeadlineSeconds(seconds)
                    .withTerminationGracePeriodSeconds(0L)
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                        .withName("pull")
                        .withImage(image)
                        .withImagePullPolicy("IfNotPresent")
                        .withCommand("true")
                        .withNewResources()
                            .addToRequests("cpu", new Quantity("10m"))
                            .addToRequests("memory", new Quantity("16Mi"))
                            .addToLimits("cpu", new Quantity("100m"))
                            .addToLimits("memory", new Quantity("64Mi"))
                        .endResources()
                        .withNewSecurityContext()
                            .withAllowPrivilegeEscalation(false)
                            .withNewCapabilities().addToDrop("ALL").endCapabilities()
                        .endSecurityContext()
                    .endContainer()
                .endSpec()
                .build();
    }

    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
