package dev.breakfix.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A container's environment as the kubelet assembles it (envFrom, then env), reading the ConfigMaps
 * and Secrets it names. A missing non-optional source is the kubelet's CreateContainerConfigError,
 * with its message.
 */
final class ContainerEnv {

    /** The environment, or the reason the container cannot be created. */
    record Result(Map<String, String> env, String error) {
    }

    private static final class Missing extends Exception {
        Missing(String message) {
            super(message, null, false, false);
        }
    }

    private ContainerEnv() {
    }

    static Result resolve(KubernetesClient client, String namespace, Container container) {
        Map<String, String> env = new HashMap<>();
        try {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getConfigMapRef() != null) {
                    Map<String, String> data = configMap(client, namespace, from.getConfigMapRef().getName(),
                            Boolean.TRUE.equals(from.getConfigMapRef().getOptional()));
                    data.forEach((k, v) -> env.put(prefix + k, v));
                }
                if (from.getSecretRef() != null) {
                    Map<String, String> data = secret(client, namespace, from.getSecretRef().getName(),
                            Boolean.TRUE.equals(from.getSecretRef().getOptional()));
                    data.forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            for (EnvVar var : container.getEnv()) {
                String value = var.getValueFrom() == null ? var.getValue() : valueFrom(client, namespace, var.getValueFrom());
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
            return new Result(env, null);
        } catch (Missing e) {
            return new Result(Map.of(), e.getMessage());
        }
    }

    private static String valueFrom(KubernetesClient client, String namespace, EnvVarSource source) throws Missing {
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            String value = configMap(client, namespace, ref.getName(), optional).get(ref.getKey());
            if (value == null && !optional) {
                throw new Missing("couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/" + ref.getName());
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            String value = secret(client, namespace, ref.getName(), optional).get(ref.getKey());
            if (value == null && !optional) {
                throw new Missing("couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
            }
            return value;
        }
        return "<" + "downward-api" + ">"; // fieldRef / resourceFieldRef: some value, never empty
    }

    private static Map<String, String> configMap(KubernetesClient client, String namespace, String name, boolean optional)
            throws Missing {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            if (optional) {
                return Map.of();
            }
            throw new Missing("configmap \"" + name + "\" not found");
        }
        return map.getData() == null ? Map.of() : map.getData();
    }

    private static Map<String, String> secret(KubernetesClient client, String namespace, String name, boolean optional)
            throws Missing {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            if (optional) {
                return Map.of();
            }
            throw new Missing("secret \"" + name + "\" not found");
        }
        Map<String, String> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k,
                    new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }
}
