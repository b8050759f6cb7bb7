package dev.breakfix.access;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Creates a learner's home namespace and ServiceAccount when they are missing. */
@ApplicationScoped
public class LearnerHomes {

    private final KubernetesClient client;

    public LearnerHomes(KubernetesClient client) {
        this.client = client;
    }

    /** The learner's home namespace, created with its ServiceAccount if needed; safe to call concurrently. */
    public String ensure(LearnerId learner) {
        String namespace = LearnerHome.namespace(learner);
        Namespace existing = client.namespaces().withName(namespace).get();
        if (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
            throw new AccessUnavailableException("your home namespace " + namespace
                    + " is being deleted; try again in a few seconds");
        }
        if (existing == null) {
            createIfAbsent(LearnerHome.namespaceObject(learner));
        }
        createIfAbsent(LearnerHome.serviceAccount(learner));
        return namespace;
    }

    private void createIfAbsent(HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
