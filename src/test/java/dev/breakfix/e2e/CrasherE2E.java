package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import dev.breakfix.diagnosis.ContainerDiagnosis;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A Deployment whose program segfaults: CrashLoopBackOff, exit code 139 (SIGSEGV), no log. The chapter's
 * first step: {@code kubectl edit deployment crasher}, {@code args: ["/bin/sleep", "infinity"]}.
 */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class CrasherE2E extends ScenarioFlowTestBase {

    @Override
    protected String scenario() {
        return "crasher";
    }

    @Override
    protected Set<PodState> brokenStates() {
        return Set.of(PodState.CrashLoopBackOff, PodState.Error);
    }

    /** The Deployment's Pods are named crasher-<replicaset>-<id>; leave out one being replaced. */
    @Override
    protected boolean isWorkloadPod(PodDiagnosis pod) {
        return pod.pod().startsWith(workloadName() + "-") && pod.state() != PodState.Terminating;
    }

    @Override
    protected boolean showsWhatTheChapterShows(PodDiagnosis pod) {
        Integer exit = container(pod, "crasher").lastExitCode();
        return exit != null && exit == 139;
    }

    @Override
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
        ContainerDiagnosis crasher = container(pod, "crasher");
        assertThat(crasher.image()).isEqualTo("bookofkubernetes/crasher:stable");
        assertThat(crasher.lastExitCode()).isEqualTo(139);
        assertThat(crasher.lastSignal()).isEqualTo("SIGSEGV");
        assertThat(pod.kubectlStatus()).isIn("CrashLoopBackOff", "Error");
        assertThat(text(pod)).contains("139");
    }

    @Override
    protected void fix(Lab lab, KubernetesClient learner) {
        Deployment debug = manifest(scenario(), "crasher-debug.yaml");
        List<String> args = debug.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).containsExactly("/bin/sleep", "infinity");
        // kubectl edit deployment crasher: add the args to the Pod template's container
        learner.apps().deployments().withName("crasher").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec()
                .editMatchingContainer(c -> "crasher".equals(c.getName())).withArgs(args).endContainer()
                .endSpec().endTemplate().endSpec()
                .build());
    }
}
