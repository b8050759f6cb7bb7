package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import dev.breakfix.catalog.SolutionStep;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A typo in the image name: ErrImagePull / ImagePullBackOff; fixed in place, {@code kubectl set image}. */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class NginxTypoE2E extends ScenarioFlowTestBase {

    @Override
    protected String scenario() {
        return "nginx-typo";
    }

    @Override
    protected Set<PodState> brokenStates() {
        return Set.of(PodState.ErrImagePull, PodState.ImagePullBackOff);
    }

    @Override
    protected boolean showsWhatTheChapterShows(PodDiagnosis pod) {
        return text(pod).contains("nginz");
    }

    @Override
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
        assertThat(container(pod, "nginx").image()).isEqualTo("nginz");
        assertThat(pod.kubectlStatus()).isIn("ErrImagePull", "ImagePullBackOff");
    }

    @Override
    protected void fix(Lab lab, KubernetesClient learner) {
        SolutionStep.SetImage setImage = catalog.get(scenario()).solution().stream()
                .filter(SolutionStep.SetImage.class::isInstance).map(SolutionStep.SetImage.class::cast)
                .findFirst().orElseThrow();
        assertThat(setImage.image()).isEqualTo("nginx");
        // kubectl set image pod nginx nginx=nginx: the image is the one field of a live Pod that may change
        List<String> names = learner.pods().withName("nginx").get().getSpec().getContainers().stream()
                .map(Container::getName).toList();
        int index = names.indexOf(setImage.container());
        assertThat(index).as("container %s in %s", setImage.container(), names).isNotNegative();
        learner.pods().withName("nginx").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/containers/" + index + "/image\",\"value\":\"" + setImage.image() + "\"}]");
    }
}
