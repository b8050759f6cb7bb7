package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import dev.breakfix.injector.ClusterValues;
import dev.breakfix.lab.LabView;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A node selector no node matches: Pending with FailedScheduling; fixed by the lab's node-label action. */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class NginxSelectorE2E extends ScenarioFlowTestBase {

    @Override
    protected String scenario() {
        return "nginx-selector";
    }

    @Override
    protected Set<PodState> brokenStates() {
        return Set.of(PodState.Unschedulable);
    }

    @Override
    protected boolean showsWhatTheChapterShows(PodDiagnosis pod) {
        // 1.20: "didn't match Pod's node affinity."; later: "didn't match Pod's node affinity/selector"
        return text(pod).contains("didn't match") && pod.evidence().stream().anyMatch(l -> l.contains("FailedScheduling"));
    }

    @Override
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
        assertThat(pod.node()).isNull();
        assertThat(pod.kubectlStatus()).isEqualTo("Pending");
        assertThat(pod.evidence()).anyMatch(l -> l.contains("FailedScheduling") && l.contains("didn't match"));
        // the selector is the learner's own label, so no other learner's label schedules this Pod
        assertThat(pod.evidence()).contains("Node-Selectors: " + LearnerId.of(this.learner).nodeLabelKey() + "="
                + ClusterValues.NODE_LABEL_VALUE);
    }

    @Override
    protected void fix(Lab lab, KubernetesClient learnerClient) {
        String key = LearnerId.of(learner).nodeLabelKey();
        // the learner may read nodes ...
        String node = schedulableNode(learnerClient.nodes().list().getItems());
        // ... but not label them: the chapter's "kubectl label node" is the lab's action here
        assertForbidden("label node " + node + " with the learner's token", () -> learnerClient.nodes().withName(node)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + key + "\":\"special\"}}}"));

        asInstructor().put("/api/learners/{learner}/node-label/{node}", learner, node).then().statusCode(204);
        assertThat(admin.nodes().withName(node).get().getMetadata().getLabels())
                .containsEntry(key, ClusterValues.NODE_LABEL_VALUE);
        LabView view = view(lab);
        assertThat(view.nodeLabel().key()).isEqualTo(key);
        assertThat(view.nodeLabel().value()).isEqualTo(ClusterValues.NODE_LABEL_VALUE);
    }
}
