package dev.breakfix.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The learner's own kubectl: the downloadable kubeconfig and the browser terminal's toolbox Pod.
 */
@ConfigMapping(prefix = "breakfix.access")
public interface AccessConfig {

    /** How long a kubeconfig's token lasts (TokenRequest; the API server may cap it, and asks at least 10 minutes). */
    @WithDefault("4h")
    Duration tokenTtl();

    /**
     * The API server address put in the kubeconfig, for clusters learners reach through a public endpoint
     * (e.g. {@code https://k8s.example.org:6443}). Default: the address Breakfix itself uses.
     */
    Optional<String> apiServer();

    /**
     * The CA the kubeconfig trusts, base64 of the PEM as in a kubeconfig's {@code certificate-authority-data}.
     * Default: the CA of Breakfix's own client configuration.
     */
    Optional<String> certificateAuthorityData();

    /** The CA the kubeconfig trusts, as a PEM file; used when {@link #certificateAuthorityData()} is not set. */
    Optional<String> certificateAuthorityFile();

    /** Put {@code insecure-skip-tls-verify: true} in the kubeconfig (and no CA). Only for throwaway clusters. */
    @WithDefault("false")
    boolean insecureSkipTlsVerify();

    /** The terminal's toolbox image: a shell (busybox or better) and kubectl. */
    @WithDefault("bitnami/kubectl:latest")
    String toolboxImage();

    /**
     * What the toolbox container runs while nobody uses it: something that waits forever and stops at once on
     * TERM. The image's own entrypoint is replaced (bitnami/kubectl's is kubectl). Comma separated; a comma
     * inside an argument is written {@code \,}.
     */
    @WithDefault("sh,-c,trap 'exit 0' TERM INT; sleep infinity & wait")
    List<String> toolboxCommand();

    /**
     * Run the toolbox in the node's network namespace: only for clusters whose Pods cannot reach the API
     * server otherwise (with {@link #toolboxEnv()} setting {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}).
     */
    @WithDefault("false")
    boolean toolboxHostNetwork();

    /** Extra environment of the toolbox container, e.g. {@code KUBERNETES_SERVICE_HOST=127.0.0.1}. */
    Map<String, String> toolboxEnv();

    /** A toolbox nobody has used for this long is removed; the next terminal creates it again. */
    @WithDefault("30m")
    Duration toolboxIdle();

    /** How often idle toolboxes are looked for. */
    @WithDefault("60s")
    Duration toolboxCheckInterval();

    /** How long a terminal waits for its toolbox Pod to run (an image pull included). */
    @WithDefault("2m")
    Duration toolboxStartTimeout();
}
