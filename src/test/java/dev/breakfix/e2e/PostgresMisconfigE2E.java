package dev.breakfix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import dev.breakfix.diagnosis.ContainerDiagnosis;
import dev.breakfix.diagnosis.PodDiagnosis;
import dev.breakfix.diagnosis.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * PostgreSQL without its password: CrashLoopBackOff, exit code 1, the reason only in its log. The
 * environment of a live Pod cannot change: delete it and create postgres-fixed.yaml.
 */
@QuarkusTest
@TestProfile(RealClusterProfile.class)
@RealCluster
class PostgresMisconfigE2E extends ScenarioFlowTestBase {

    static final String LOG_LINE = "Database is uninitialized and superuser password is not specified";

    @Override
    protected String scenario() {
        return "postgres-misconfig";
    }

    @Override
    protected Set<PodState> brokenStates() {
        return Set.of(PodState.CrashLoopBackOff, PodState.Error);
    }

    @Override
    protected boolean showsWhatTheChapterShows(PodDiagnosis pod) {
        Integer exit = container(pod, "postgres").lastExitCode();
        return exit != null && exit == 1;
    }

    @Override
    protected void assertBroken(Lab lab, PodDiagnosis pod, KubernetesClient learner) {
        ContainerDiagnosis postgres = container(pod, "postgres");
        assertThat(postgres.image()).isEqualTo("postgres");
        assertThat(postgres.lastExitCode()).isEqualTo(1);
        assertThat(postgres.lastSignal()).isNull();
        assertThat(pod.kubectlStatus()).isIn("CrashLoopBackOff", "Error");
        // kubectl logs postgres, with the learner's token: the reason is in the log. Right when the container
        // ends the kubelet may answer "unable to retrieve container logs": read again on the next change.
        String log = awaitInNamespace(lab.namespace(), "the log naming the missing password", Duration.ofSeconds(60),
                () -> learner.pods().withName("postgres").inContainer("postgres").getLog(),
                text -> text != null && text.contains(LOG_LINE), text -> "'" + text + "'");
        assertThat(log).contains("Error: " + LOG_LINE);
    }

    @Override
    protected void fix(Lab lab, KubernetesClient learner) {
        learner.pods().withName("postgres").delete();
        awaitPodGone(lab.namespace(), "postgres");
        Pod fixed = manifest(scenario(), "postgres-fixed.yaml");
        learner.resource(fixed).create();
    }
}
