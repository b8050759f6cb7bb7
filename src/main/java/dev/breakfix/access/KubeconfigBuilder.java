package dev.breakfix.access;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.ClusterBuilder;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.ContextBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Writes a learner's kubeconfig; calls no API server. */
public final class KubeconfigBuilder {

    static final String CLUSTER = "breakfix";

    private KubeconfigBuilder() {
    }

    /** What goes into one kubeconfig. */
    public record Kubeconfig(ClusterEndpoint endpoint, String learnerId, String learnerName, String scenario,
            String namespace, String token, Instant expiresAt) {

        public String contextName() {
            return "breakfix-" + scenario;
        }

        public String userName() {
            return "breakfix-" + learnerName;
        }
    }

    public static Config model(Kubeconfig k) {
        ClusterEndpoint endpoint = k.endpoint();
        return new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withClusters(new NamedClusterBuilder()
                        .withName(CLUSTER)
                        .withCluster(new ClusterBuilder()
                                .withServer(endpoint.server())
                                .withCertificateAuthorityData(endpoint.certificateAuthorityData())
                                .withInsecureSkipTlsVerify(endpoint.insecureSkipTlsVerify() ? Boolean.TRUE : null)
                                .build())
                        .build())
                .withUsers(new NamedAuthInfoBuilder()
                        .withName(k.userName())
                        .withUser(new AuthInfoBuilder().withToken(k.token()).build())
                        .build())
                .withContexts(new NamedContextBuilder()
                        .withName(k.contextName())
                        .withContext(new ContextBuilder()
                                .withCluster(CLUSTER)
                                .withUser(k.userName())
                                .withNamespace(k.namespace())
                                .build())
                        .build())
                .withCurrentContext(k.contextName())
                .build();
    }

    /** The kubeconfig as YAML, with a comment saying whose it is and until when it works. */
    public static String yaml(Kubeconfig k) {
        String header = String.join("\n", List.of(
                "# Breakfix kubeconfig for learner " + oneLine(k.learnerId()) + ", lab " + k.scenario()
                        + " (namespace " + k.namespace() + ").",
                "# It acts as your own ServiceAccount: your labs, and reading nodes, nothing else.",
                "# The token expires at " + k.expiresAt() + "; download a new kubeconfig from the lab page then.",
                "# Use it with: export KUBECONFIG=$PWD/breakfix-" + k.scenario() + ".kubeconfig",
                ""));
        String yaml = Serialization.asYaml(model(k));
        return header + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n#]", " ");
    }
}
