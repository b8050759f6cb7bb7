package dev.breakfix.testing;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes a Pod as a compare-and-swap: read it, change the fresh copy, PUT it back with its
 * resourceVersion, and start over on a conflict. The mock keeps whatever status a PUT carries, so
 * one PUT writes spec.nodeName and status together the way the binding subresource does; and a Pod
 * deleted and created again under the same name (a learner's fix) is never written with a status
 * meant for the old one.
 */
final class PodWriter {

    private static final int ATTEMPTS = 10;

    private final KubernetesClient client;

    PodWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies {@code change} to the Pod and writes it; empty when the Pod is gone, is another Pod by now
     * (same name, new uid), or no longer passes {@code still}. The caller's copy (usually just read or
     * just written) is tried first; a conflict reads the Pod afresh and tries again.
     */
    Optional<Pod> update(Pod pod, Predicate<Pod> still, UnaryOperator<Pod> change) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        Pod base = pod;
        for (int attempt = 1; ; attempt++) {
            if (base == null || !base.getMetadata().getUid().equals(uid) || !still.test(base)) {
                return Optional.empty();
            }
            try {
                return Optional.of(client.pods().inNamespace(namespace).resource(change.apply(base)).update());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return Optional.empty();
                }
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
                base = client.pods().inNamespace(namespace).withName(name).get();
            }
        }
    }
}
