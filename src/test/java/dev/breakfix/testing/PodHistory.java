package dev.breakfix.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * What a test sees of the Pods of one namespace through an informer: every version, kept in order,
 * and a bounded wait for a version that matches (never a sleep).
 */
final class PodHistory implements AutoCloseable {

    private final SharedIndexInformer<Pod> informer;
    private final BlockingQueue<Pod> arrivals = new LinkedBlockingQueue<>();
    private final List<Pod> seen = new CopyOnWriteArrayList<>();

    PodHistory(KubernetesClient client, String namespace) {
        informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                add(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                add(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            }
        }, 0);
    }

    private void add(Pod pod) {
        seen.add(pod);
        arrivals.add(pod);
    }

    /** The first version of a Pod named {@code name} that matches, waiting at most {@code max} for it. */
    Pod await(String name, Predicate<Pod> matches, Duration max) throws InterruptedException {
        Pod cached = informer.getStore().list().stream()
                .filter(p -> p.getMetadata().getName().equals(name) && matches.test(p))
                .findFirst().orElse(null);
        if (cached != null) {
            return cached;
        }
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Pod next = left > 0 ? arrivals.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("no version of Pod " + name + " matched within " + max + "; last seen: "
                        + seen.stream().filter(p -> p.getMetadata().getName().equals(name)).reduce((a, b) -> b)
                                .map(p -> p.getStatus()).orElse(null));
            }
            if (next.getMetadata().getName().equals(name) && matches.test(next)) {
                return next;
            }
        }
    }

    /** Every version seen of the Pods named {@code name}, oldest first. */
    List<Pod> versions(String name) {
        return seen.stream().filter(p -> p.getMetadata().getName().equals(name)).toList();
    }

    @Override
    public void close() {
        informer.close();
    }
}
