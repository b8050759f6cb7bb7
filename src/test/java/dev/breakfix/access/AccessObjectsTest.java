package dev.breakfix.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.breakfix.injector.LabObjects;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.terminal.ToolboxPods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;

/** The objects behind a learner's kubectl, built without a cluster. */
class AccessObjectsTest {

    private static final LearnerId ADA = LearnerId.of("Ada Lovelace");
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";

    @Test
    void theHomeNamespaceCanNeverBeALabNamespace() {
        for (String id : List.of("ada", "h", "h-x", "bf", "x-nginx-typo", "Ada Lovelace", "ünïcödé")) {
            LearnerId learner = LearnerId.of(id);
            String home = LearnerHome.namespace(learner);
            assertThat(home).startsWith("bfh-").doesNotStartWith(dev.breakfix.lab.BreakfixLabels.NAMESPACE_PREFIX)
                    .matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
        }
        // a lab namespace always has '-' as its third character, a home namespace 'h'
        assertThat(LabKey.namespaceOf("h", "x")).isEqualTo("bf-h-x");
        assertThat(LearnerHome.namespace(LearnerId.of("h-x"))).isEqualTo("bfh-h-x");
    }

    @Test
    void theHomeIsLabelledForBreakfixAndTheLearnerAndHasTheLearnersServiceAccount() {
        var ns = LearnerHome.namespaceObject(ADA);
        assertThat(ns.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "breakfix")
                .containsEntry("breakfix.dev/learner", ADA.name()).containsEntry(LearnerHome.HOME_LABEL, "true")
                .doesNotContainKey("breakfix.dev/scenario");
        assertThat(ns.getMetadata().getAnnotations()).containsEntry("breakfix.dev/learner-id", "Ada Lovelace");
        var sa = LearnerHome.serviceAccount(ADA);
        assertThat(sa.getMetadata().getNamespace()).isEqualTo(LearnerHome.namespace(ADA));
        assertThat(sa.getMetadata().getName()).isEqualTo("learner");
    }

    @Test
    void everyLabBindsTheLabsServiceAccountAndTheLearnersHomeServiceAccount() {
        LabKey lab = new LabKey(ADA, "crasher");
        assertThat(LabObjects.roleBinding(lab).getSubjects()).extracting(s -> s.getKind() + ":" + s.getNamespace() + "/" + s.getName())
                .containsExactly("ServiceAccount:" + lab.namespace() + "/learner", "ServiceAccount:" + LearnerHome.namespace(ADA) + "/learner");
        assertThat(LabObjects.nodeReaderBinding(lab).getSubjects()).extracting(s -> s.getNamespace() + "/" + s.getName())
                .containsExactly(lab.namespace() + "/learner", LearnerHome.namespace(ADA) + "/learner");
        // the learner's Role: nothing on Secrets, nothing on RBAC
        for (PolicyRule rule : LabObjects.role(lab).getRules()) {
            assertThat(rule.getResources()).doesNotContain("secrets", "roles", "rolebindings", "serviceaccounts", "namespaces");
            assertThat(rule.getApiGroups()).doesNotContain("rbac.authorization.k8s.io", "*");
        }
    }

    @Test
    void theKubeconfigHasTheServerTheCaTheTokenAndTheLabsNamespace() {
        ClusterEndpoint endpoint = new ClusterEndpoint("https://k8s.example.org:6443/", Kubeconfigs.base64Pem(PEM), false);
        String yaml = KubeconfigBuilder.yaml(new KubeconfigBuilder.Kubeconfig(endpoint, "Ada Lovelace", ADA.name(), "crasher",
                "bf-" + ADA.name() + "-crasher", "t0ken", Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(yaml).startsWith("# Breakfix kubeconfig for learner Ada Lovelace, lab crasher")
                .contains("2030-01-01T00:00:00Z").doesNotContain("insecure-skip-tls-verify");
        Config config = Config.fromKubeconfig(yaml);
        assertThat(config.getMasterUrl()).startsWith("https://k8s.example.org:6443");
        assertThat(config.getNamespace()).isEqualTo("bf-" + ADA.name() + "-crasher");
        assertThat(config.getAutoOAuthToken()).isEqualTo("t0ken");
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII)).contains("MIIBfake");
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getCurrentContext().getName()).isEqualTo("breakfix-crasher");
    }

    @Test
    void insecureSkipTlsVerifyOnlyWhenAskedAndThenWithoutCa() {
        ClusterEndpoint endpoint = new ClusterEndpoint("https://10.0.0.1", Kubeconfigs.base64Pem(PEM), true);
        assertThat(endpoint.certificateAuthorityData()).isNull();
        String yaml = KubeconfigBuilder.yaml(new KubeconfigBuilder.Kubeconfig(endpoint, "ada", "ada", "nginx-typo",
                "bf-ada-nginx-typo", "t", Instant.EPOCH));
        assertThat(yaml).contains("insecure-skip-tls-verify: true").doesNotContain("certificate-authority");
        assertThat(Config.fromKubeconfig(yaml).isTrustCerts()).isTrue();
    }

    @Test
    void aCaIsAcceptedAsPemOrBase64() {
        String b64 = Kubeconfigs.base64Pem(PEM);
        assertThat(Kubeconfigs.base64Pem(b64)).isEqualTo(b64);
        assertThat(Kubeconfigs.base64Pem(b64.substring(0, 10) + "\n " + b64.substring(10))).isEqualTo(b64);
    }

    @Test
    void theToolboxRunsAsTheHomeServiceAccountUnprivileged() {
        Pod pod = ToolboxPods.pod(ADA, TestAccessConfig.defaults(), Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(pod.getMetadata().getNamespace()).isEqualTo(LearnerHome.namespace(ADA));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(ToolboxPods.LAST_ACTIVE, "2030-01-01T00:00:00Z");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("learner");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getSpec().getHostNetwork()).isNull();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("bitnami/kubectl:latest");
        assertThat(c.getCommand()).containsExactly("sh", "-c", "trap 'exit 0' TERM INT; sleep infinity & wait");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains("TERM=xterm-256color", "HOME=/home/learner");

        Pod rig = ToolboxPods.pod(ADA, TestAccessConfig.defaults().onTheRig(), Instant.EPOCH);
        assertThat(rig.getSpec().getHostNetwork()).isTrue();
        assertThat(rig.getSpec().getContainers().get(0).getImage()).isEqualTo("kubectl-toolbox");
        assertThat(rig.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=6443");
    }

    @Test
    void theTerminalCommandPassesTheNamespaceAsAnArgumentOnly() {
        String[] command = ToolboxPods.terminalCommand("bf-ada-crasher");
        assertThat(command).hasSize(5).startsWith("sh", "-c").endsWith("breakfix", "bf-ada-crasher");
        assertThat(command[2]).doesNotContain("bf-ada-crasher").contains("namespace: $ns").contains("tokenFile: $sa/token")
                .contains("TERM=xterm-256color").endsWith("exec sh -l");
        assertThatIllegalArgumentException().isThrownBy(() -> ToolboxPods.terminalCommand("x; rm -rf /"));
        assertThatIllegalArgumentException().isThrownBy(() -> ToolboxPods.terminalCommand("$(id)"));
    }
}
