package dev.breakfix.terminal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.breakfix.access.AccessConfig;
import dev.breakfix.access.LearnerHome;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Builds the terminal's toolbox Pod and the command a terminal runs in it; calls no API server.
 *
 * <p>
 * The toolbox runs in the learner's home namespace as the home ServiceAccount, so kubectl inside it has exactly
 * the learner's rights. It runs as a non-root user with no capabilities and a read-only root file system; its
 * home directory and /tmp are emptyDirs.
 */
public final class ToolboxPods {

    public static final String POD = "toolbox";
    public static final String CONTAINER = "toolbox";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String COMPONENT_VALUE = "terminal-toolbox";
    /** Selects every toolbox Pod Breakfix runs. */
    public static final String SELECTOR = BreakfixLabels.MANAGED_SELECTOR + "," + COMPONENT + "=" + COMPONENT_VALUE;
    /** When a terminal last used the toolbox (ISO-8601), for the idle check across replicas. */
    public static final String LAST_ACTIVE = "breakfix.dev/last-active";
    static final String HOME_DIR = "/home/learner";
    static final long USER = 1001;

    /**
     * What a terminal runs ({@code sh -c SCRIPT breakfix <namespace>}): writes a kubeconfig for the lab's namespace
     * that uses the Pod's ServiceAccount token, then starts a login shell with TERM=xterm-256color. The namespace is
     * an argument ($1), never spliced into the script.
     */
    static final String TERMINAL_SCRIPT = String.join("\n",
            "ns=\"$1\"",
            "sa=/var/run/secrets/kubernetes.io/serviceaccount",
            "host=\"${KUBERNETES_SERVICE_HOST:-kubernetes.default.svc}\"",
            "case \"$host\" in *:*) host=\"[$host]\" ;; esac",
            "mkdir -p \"$HOME/.kube\"",
            "export KUBECONFIG=\"$HOME/.kube/$ns.config\"",
            "cat > \"$KUBECONFIG\" <<EOF",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: breakfix",
            "  cluster:",
            "    server: https://$host:${KUBERNETES_SERVICE_PORT:-443}",
            "    certificate-authority: $sa/ca.crt",
            "users:",
            "- name: learner",
            "  user:",
            "    tokenFile: $sa/token",
            "contexts:",
            "- name: breakfix",
            "  context:",
            "    cluster: breakfix",
            "    user: learner",
            "    namespace: $ns",
            "current-context: breakfix",
            "EOF",
            "export TERM=xterm-256color",
            "export PS1='\\[\\033[1;32m\\]learner\\[\\033[0m\\]:\\[\\033[1;34m\\]'\"$ns\"'\\[\\033[0m\\]\\$ '",
            "cd \"$HOME\"",
            "printf '\\033[2mkubectl works on your lab, namespace %s. Try: kubectl get pods\\033[0m\\n' \"$ns\"",
            "exec sh -l");

    private ToolboxPods() {
    }

    /** The command of a terminal on the lab in {@code namespace}. */
    public static String[] terminalCommand(String namespace) {
        if (!namespace.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("not a namespace name: " + namespace);
        }
        return new String[] { "sh", "-c", TERMINAL_SCRIPT, "breakfix", namespace };
    }

    public static Map<String, String> labels(LearnerId learner) {
        return Map.of(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE,
                BreakfixLabels.LEARNER, learner.name(),
                COMPONENT, COMPONENT_VALUE);
    }

    public static Pod pod(LearnerId learner, AccessConfig config, Instant now) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("HOME", HOME_DIR, null));
        env.add(new EnvVar("TERM", "xterm-256color", null));
        new java.util.TreeMap<>(config.toolboxEnv()).forEach((k, v) -> env.add(new EnvVarBuilder().withName(k).withValue(v).build()));
        Map<String, Quantity> requests = new HashMap<>(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("32Mi")));
        Map<String, Quantity> limits = new HashMap<>(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Mi")));
        return new PodBuilder()
                .withNewMetadata()
                .withName(POD)
                .withNamespace(LearnerHome.namespace(learner))
                .withLabels(labels(learner))
                .withAnnotations(Map.of(LAST_ACTIVE, now.toString()))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(LearnerHome.SERVICE_ACCOUNT)
                .withAutomountServiceAccountToken(true)
                .withHostNetwork(config.toolboxHostNetwork() ? Boolean.TRUE : null)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(5L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER)
                .withRunAsGroup(USER)
                .withFsGroup(USER)
                .endSecurityContext()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(config.toolboxImage())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(config.toolboxCommand())
                .withEnv(env)
                .withWorkingDir(HOME_DIR)
                .withStdin(false)
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("home").withMountPath(HOME_DIR).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("home").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }
}
