package dev.breakfix.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.breakfix.actions.ActionRefusedException.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;

class ManifestPolicyTest {

    static final String NS = "bf-alice-sleep-multiple";
    final ManifestPolicy policy = new ManifestPolicy(NS, 4096);

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: sleep
            spec:
              containers:
              - name: sleep
                image: busybox
                command: ["/bin/sleep", "3600"]
                resources:
                  requests:
                    cpu: 100m
            """;

    @Test
    void acceptsPodDeploymentConfigMapServiceInSeveralDocuments() {
        List<HasMetadata> objects = policy.check(POD + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: crasher, namespace: bf-alice-sleep-multiple}
                spec:
                  selector: {matchLabels: {app: crasher}}
                  template:
                    metadata: {labels: {app: crasher}}
                    spec:
                      containers: [{name: crasher, image: bookofkubernetes/crasher:stable, args: [/bin/sleep, infinity]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: b}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80}]
                """);
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Pod", "Deployment", "ConfigMap", "Service");
    }

    @Test
    void acceptsJson() {
        List<HasMetadata> objects = policy.check("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nginx"},
                 "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}
                """);
        assertThat(objects).singleElement().isInstanceOf(Pod.class);
    }

    @Test
    void refusesAnotherNamespace() {
        assertRefused(POD.replace("metadata:\n  name: sleep\n", "metadata:\n  name: sleep\n  namespace: bf-bob-sleep-multiple\n"),
                "names the namespace 'bf-bob-sleep-multiple'; your lab's namespace is 'bf-alice-sleep-multiple'");
        assertRefused(POD.replace("metadata:\n  name: sleep\n", "metadata:\n  name: sleep\n  namespace: default\n"),
                "namespace 'default'");
        // its own namespace may be named
        assertThat(policy.check(POD.replace("metadata:\n  name: sleep\n", "metadata:\n  name: sleep\n  namespace: " + NS + "\n")))
                .hasSize(1);
    }

    @Test
    void refusesANamespace() {
        assertRefused("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mine\n", "a Namespace is cluster-wide");
    }

    @Test
    void refusesClusterRoleAndOtherClusterWideKinds() {
        assertRefused("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: all}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                """, "a ClusterRole is cluster-wide");
        assertRefused("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: me-admin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: ServiceAccount, name: learner, namespace: bf-alice-sleep-multiple}]
                """, "a ClusterRoleBinding is cluster-wide");
        assertRefused("apiVersion: v1\nkind: Node\nmetadata: {name: vm}\n", "a Node is cluster-wide");
        assertRefused("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\n", "a PersistentVolume is cluster-wide");
    }

    @Test
    void refusesNamespacedKindsOutsideTheLabsSet() {
        assertRefused("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", "kind Secret (v1) is not one this lab lets you apply");
        assertRefused("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: r}\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}\n", "kind RoleBinding");
        assertRefused("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n", "kind Widget (example.com/v1)");
        assertRefused("apiVersion: apps/v1\nkind: Pod\nmetadata: {name: p}\n", "`apiVersion: apps/v1` does not serve Pod");
    }

    @Test
    void refusesTheWholeManifestWhenOneDocumentIsBad() {
        // the Pod is fine, the Namespace is not: nothing is returned to apply
        assertRefused(POD + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: mine\n", "document 2 (Namespace)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "apiVersion: v1\\nkind: Pod\\n  metadata: : [\\n | The manifest cannot be read",
            "foo: bar\\n | Document 1 is not a Kubernetes object",
            "just some text\\n | Document 1 is not a Kubernetes object",
            "- a\\n- b\\n | The manifest cannot be read",
            "apiVersion: v1\\nmetadata:\\n  name: x\\n | Document 1 is not a Kubernetes object",
            "'---\\n# only a comment\\n' | holds no Kubernetes object",
            "apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: x\\nspec:\\n  containers: 5\\n | spec.containers: Cannot deserialize",
    })
    void refusesWhatIsNotAManifest(String text, String expected) {
        assertRefused(text.replace("\\n", "\n"), expected);
    }

    @Test
    void refusesAnEmptyManifest() {
        assertRefused("", "The manifest is empty");
        assertRefused("  \n", "The manifest is empty");
        assertRefused(null, "The manifest is empty");
    }

    @Test
    void malformedYamlSaysWhere() {
        ActionRefusedException e = refusal("apiVersion: v1\nkind: Pod\n  metadata: : [\n");
        assertThat(e.getMessage()).contains("line 3");
        assertThat(e.explanation()).contains("indentation");
    }

    @Test
    void refusesUnknownFieldsAndBadQuantities() {
        assertRefused(POD.replace("command:", "comand:"), "Pod sleep: unknown field \"spec.containers[0].comand\"");
        assertRefused(POD.replace("  containers:", "  contaners:"), "unknown field \"spec.contaners\"");
        assertRefused(POD.replace("cpu: 100m", "cpu: lots"), "spec.containers[0].resources.requests.cpu: \"lots\" is not a quantity");
    }

    @Test
    void refusesAnObjectWithoutName() {
        assertRefused("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "has no `metadata.name`");
    }

    @Test
    void refusesTheSameObjectTwice() {
        assertRefused(POD + "---\n" + POD, "holds Pod sleep twice");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  hostNetwork: true\\n' | Pod sleep uses hostNetwork",
            "'  hostPID: true\\n' | Pod sleep uses hostPID",
            "'  hostIPC: true\\n' | Pod sleep uses hostIPC",
            "'  volumes: [{name: root, hostPath: {path: /}}]\\n' | mounts the host path / (volume root)",
    })
    void refusesHostAccess(String extra, String expected) {
        assertRefused(POD + extra.replace("\\n", "\n"), expected);
    }

    @Test
    void refusesPrivilegedContainersCapabilitiesAndHostPorts() {
        assertRefused(POD.replace("    image: busybox\n", "    image: busybox\n    securityContext: {privileged: true}\n"),
                "container sleep is privileged");
        assertRefused(POD.replace("    image: busybox\n", "    image: busybox\n    securityContext: {capabilities: {add: [SYS_ADMIN]}}\n"),
                "adds the capability SYS_ADMIN");
        assertRefused(POD.replace("    image: busybox\n", "    image: busybox\n    ports: [{containerPort: 80, hostPort: 80}]\n"),
                "uses the host port 80");
        // baseline allows these
        assertThat(policy.check(POD.replace("    image: busybox\n",
                "    image: busybox\n    securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}\n"))).hasSize(1);
    }

    @Test
    void refusesPrivilegedPodTemplatesOfDeployments() {
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: crasher}
                spec:
                  selector: {matchLabels: {app: crasher}}
                  template:
                    metadata: {labels: {app: crasher}}
                    spec:
                      hostNetwork: true
                      containers: [{name: crasher, image: bookofkubernetes/crasher:stable}]
                """, "Deployment crasher uses hostNetwork");
    }

    @Test
    void refusesManyReplicas() {
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: crasher}
                spec:
                  replicas: 100
                  selector: {matchLabels: {app: crasher}}
                  template:
                    metadata: {labels: {app: crasher}}
                    spec:
                      containers: [{name: crasher, image: bookofkubernetes/crasher:stable}]
                """, "asks for 100 replicas; a lab runs at most 5");
    }

    @Test
    void refusesAnOversizedBody() {
        String big = POD + "# " + "x".repeat(5000) + "\n";
        ActionRefusedException e = refusal(big);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).contains("at most 4096");
    }

    @Test
    void refusesTooManyObjects() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= ManifestPolicy.MAX_OBJECTS; i++) {
            text.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\n---\n");
        }
        ManifestPolicy roomy = new ManifestPolicy(NS, 1 << 20);
        assertThatThrownBy(() -> roomy.check(text.toString())).hasMessageContaining("at most " + ManifestPolicy.MAX_OBJECTS);
    }

    private ActionRefusedException refusal(String text) {
        try {
            policy.check(text);
        } catch (ActionRefusedException e) {
            return e;
        }
        throw new AssertionError("not refused: " + text);
    }

    private void assertRefused(String text, String expected) {
        ActionRefusedException e = refusal(text);
        assertThat(e.getMessage()).contains(expected);
        if (e.reason() != Reason.TOO_LARGE) {
            assertThat(e.reason()).isEqualTo(Reason.MANIFEST_REFUSED);
            assertThat(e.status()).isEqualTo(400);
        }
        assertThat(e.explanation()).isNotBlank();
    }
}
