package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.util.Set;

import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two containers asking for more CPU than the largest node has: Pending with Insufficient cpu. Applying the
 * sensible manifest over the live Pod is refused; delete it and create it anew.
 */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class SleepMultipleE2E extends ScenarioFlowTestBase {

    private static final String FIXED = "sleep-sensible.yaml";

    @Override
    protected String scenario() {
        return "sleep-multiple";
    }

    @Override
    protected Set<PodState> brokenStates() {
        return Set.of(PodState.Unschedulable);
    }

    @Override
    protected boolean showsWhatTheChapterShows(PodDiagnosis pod) {
        return text(pod).contains("Insufficient cpu");
    }

    @Override
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
        assertThat(pod.node()).isNull();
        assertThat(pod.reason()).contains("Insufficient cpu");
        assertThat(pod.evidence()).anyMatch(l -> l.startsWith("Requests cpu: sleep=") && l.contains("sleep2="));
        // sized from the cluster: together the two requests exceed the largest node
        BigDecimal largest = admin.nodes().list().getItems().stream()
                .map(Node::getStatus).map(s -> s.getAllocatable().get("cpu")).map(Quantity::getNumericalAmount)
                .max(BigDecimal::compareTo).orElseThrow();
        BigDecimal requested = learner.pods().withName("sleep").get().getSpec().getContainers().stream()
                .map(Container::getResources).map(r -> r.getRequests().get("cpu")).map(Quantity::getNumericalAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(requested).isGreaterThan(largest);
    }

    @Override
    protected void fix(Lab lab, KubernetesClient learner) {
        // kubectl apply over the live Pod: the requests of a live Pod cannot change (422, not 403)
        Pod sensible = manifest(scenario(), FIXED);
        assertThatExceptionOfType(KubernetesClientException.class)
                .isThrownBy(() -> learner.resource(sensible).patch(PatchContext.of(PatchType.STRATEGIC_MERGE)))
                .satisfies(e -> {
                    assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("Forbidden: pod updates may not change fields");
                });

        // so delete it, wait until it is gone, and create it from the sensible manifest
        learner.pods().withName("sleep").delete();
        awaitPodGone(lab.namespace(), "sleep");
        Pod fixed = manifest(scenario(), FIXED);
        learner.resource(fixed).create();
    }
}
