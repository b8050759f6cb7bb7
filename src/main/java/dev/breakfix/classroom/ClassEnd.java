package dev.breakfix.classroom;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.access.LearnerHome;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.injector.LabObjects;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Ends a class: removes every lab namespace (with its node-reader binding), every learner's home namespace
 * (with the terminal's toolbox) and every learner's node label ({@code breakfix.dev/purpose-<learner>}) from
 * every node. Work that running operations had not begun yet is skipped first, so they create nothing
 * afterwards. The deletions run on the classroom's paced pool; Kubernetes then terminates the namespaces in
 * the background. Ending an ended class removes nothing and counts zeros.
 *
 * <p>
 * Unlike every other read, what to remove is listed from the API server itself (two list requests): a destructive
 * action that must leave nothing behind does not act on a cache that may be a moment behind.
 */
@ApplicationScoped
public class ClassEnd {

    private static final Logger LOG = Logger.getLogger(ClassEnd.class);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final ClusterState cluster;
    private final ClassOperations operations;

    public ClassEnd(KubernetesClient client, ClusterState cluster, ClassOperations operations) {
        this.client = client;
        this.cluster = cluster;
        this.operations = operations;
    }

    /** Thrown when some objects could not be removed; what was removed is counted in the message. */
    public static class IncompleteException extends RuntimeException {
        IncompleteException(String message) {
            super(message);
        }
    }

    public ClassEndResult end() {
        cluster.requireReady();
        operations.cancelPending("skipped: the class was ended");
        AtomicInteger namespaces = new AtomicInteger();
        AtomicInteger homes = new AtomicInteger();
        AtomicInteger nodeLabels = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        Set<String> bindings = new HashSet<>();
        for (Namespace ns : client.namespaces().withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE)
                .list().getItems()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            String name = ns.getMetadata().getName();
            if (labels == null || ns.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String learner = labels.get(BreakfixLabels.LEARNER);
            String scenario = labels.get(BreakfixLabels.SCENARIO);
            if (learner != null && scenario != null) {
                String binding = LabObjects.nodeReaderBindingName(new LabKey(new LearnerId(learner, learner), scenario));
                bindings.add(binding);
                work.add(submit(() -> {
                    if (deleteNamespace(name)) {
                        namespaces.incrementAndGet();
                    }
                    client.rbac().clusterRoleBindings().withName(binding).delete();
                }));
            } else if ("true".equals(labels.get(LearnerHome.HOME_LABEL))) {
                work.add(submit(() -> {
                    if (deleteNamespace(name)) {
                        homes.incrementAndGet();
                    }
                }));
            }
        }
        for (Node node : client.nodes().list().getItems()) {
            Map<String, String> labels = node.getMetadata().getLabels();
            if (labels == null) {
                continue;
            }
            for (String key : labels.keySet()) {
                if (key.startsWith(BreakfixLabels.NODE_LABEL_PREFIX)) {
                    work.add(submit(() -> {
                        if (removeLabel(node, key)) {
                            nodeLabels.incrementAndGet();
                        }
                    }));
                }
            }
        }
        work.add(submit(() -> strayBindings(bindings)));
        List<String> errors = await(work);
        ClassEndResult result = new ClassEndResult(namespaces.get(), homes.get(), nodeLabels.get());
        LOG.infof("Class ended: %s", result);
        if (!errors.isEmpty()) {
            throw new IncompleteException("removed " + result.namespaces() + " lab namespaces, " + result.homes()
                    + " home namespaces and " + result.nodeLabels() + " node labels, but " + errors.size()
                    + " removals failed (end the class again to retry), the first: " + errors.get(0));
        }
        return result;
    }

    private Future<?> submit(Runnable task) {
        return operations.pool().submit(task);
    }

    private boolean deleteNamespace(String name) {
        return !client.namespaces().withName(name).delete().isEmpty();
    }

    /** Node-reader bindings of labs whose namespace is already gone. */
    private void strayBindings(Set<String> known) {
        for (ClusterRoleBinding b : client.rbac().clusterRoleBindings()
                .withLabel(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE).list().getItems()) {
            Map<String, String> labels = b.getMetadata().getLabels();
            if (labels != null && labels.containsKey(BreakfixLabels.LEARNER) && !known.contains(b.getMetadata().getName())) {
                client.rbac().clusterRoleBindings().withName(b.getMetadata().getName()).delete();
            }
        }
    }

    /** A JSON patch {@code remove} of the one label; false when it was gone already (422). */
    private boolean removeLabel(Node node, String key) {
        String path = "/metadata/labels/" + key.replace("~", "~0").replace("/", "~1");
        try {
            client.nodes().resource(node).patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"remove\",\"path\":\"" + path + "\"}]");
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 || e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> await(List<Future<?>> work) {
        List<String> errors = new ArrayList<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (Future<?> f : work) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                errors.add(cause instanceof KubernetesClientException k ? ClassOperations.apiError(k)
                        : String.valueOf(cause.getMessage()));
            } catch (TimeoutException e) {
                errors.add("not finished after " + LIMIT.toMinutes() + " minutes");
                f.cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted");
                break;
            }
        }
        return errors;
    }
}
