package dev.breakfix.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The application's Kubernetes client, built as Quarkus builds its default one (same {@link Config}, same
 * serialization, same HTTP client), plus the {@link ApiThrottle} interceptor that paces bulk operations. This
 * bean replaces Quarkus's default client bean; everything that injects {@link KubernetesClient} gets it.
 */
@ApplicationScoped
public class ThrottledClientProducer {

    @Produces
    @ApplicationScoped
    KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config, ApiThrottle throttle) {
        return new KubernetesClientBuilder()
                .withKubernetesSerialization(serialization)
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(ApiThrottle.NAME, throttle))
                .build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
