package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A learner's token reaches their own lab and reads nodes, and nothing else. */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class IsolationE2E extends RealClusterTestBase {

    @Test
    void theLearnersTokenReachesTheirOwnLabOnly() {
        dumpingOnFailure(this::isolation);
    }

    private void isolation() {
        Lab own = new Lab(learner, "nginx-selector");
        Lab other = new Lab(newLearnerId(), "nginx-selector");
        startLab(own);
        startLab(other);
        KubernetesClient mine = learnerClient(own.namespace());
        String ns = own.namespace();

        // their own lab: the chapter's Pod is there
        assertThat(mine.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getName()).contains("nginx");
        // nodes may be read (kubectl get nodes, describe node)
        String node = schedulableNode(mine.nodes().list().getItems());

        assertForbidden("list Pods in another learner's lab", () -> mine.pods().inNamespace(other.namespace()).list());
        assertForbidden("list Secrets in every namespace", () -> mine.secrets().inAnyNamespace().list());
        assertForbidden("list Secrets in the own lab", () -> mine.secrets().inNamespace(ns).list());
        assertForbidden("list Pods in kube-system", () -> mine.pods().inNamespace("kube-system").list());
        ClusterRoleBinding escalate = new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(learner + "-cluster-admin").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject().withKind("ServiceAccount").withName("learner").withNamespace(ns).endSubject()
                .build();
        assertForbidden("create a ClusterRoleBinding to cluster-admin",
                () -> mine.rbac().clusterRoleBindings().resource(escalate).create());
        assertForbidden("label a node", () -> mine.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + LearnerId.of(learner).nodeLabelKey() + "\":\"special\"}}}"));
        assertThat(admin.rbac().clusterRoleBindings().withName(escalate.getMetadata().getName()).get()).isNull();
    }
}
