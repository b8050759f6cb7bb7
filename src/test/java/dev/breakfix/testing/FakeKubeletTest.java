package dev.breakfix.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** The kubelet's less common paths: a running container's image changed, config errors, pull policies. */
class FakeKubeletTest extends FakeClusterTestSupport {

    @Test
    void changingTheImageOfARunningContainerRestartsIt() throws Exception {
        create(pod("web", "nginx"));
        idle();
        Pod before = pods.await("web", FakeClusterTestSupport::runningAndReady, WAIT);
        String firstId = before.getStatus().getContainerStatuses().get(0).getContainerID();

        clock.advance(Duration.ofSeconds(30));
        setImage("web", "busybox");
        idle();
        Pod after = pods.await("web", p -> waitingReason(p, "web", "CrashLoopBackOff"), WAIT);
        ContainerStatus status = after.getStatus().getContainerStatuses().get(0);
        // killed nginx (exit 0), then busybox's sh exited twice: three instances, two restarts
        assertThat(status.getRestartCount()).isEqualTo(2);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(pods.versions("web")).anyMatch(p -> containerStatus(p, "web", s -> s.getLastState() != null
                && s.getLastState().getTerminated() != null
                && firstId.equals(s.getLastState().getTerminated().getContainerID())));
        assertThat(events("web")).filteredOn(e -> e.getReason().equals("Killing")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Container web definition changed, will be restarted"));
    }

    @Test
    void aMissingConfigMapIsACreateContainerConfigErrorUntilItExists() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres")
                    .addNewEnvFrom().withNewConfigMapRef().withName("db-settings").endConfigMapRef().endEnvFrom()
                .endContainer().endSpec()
                .build());
        idle();
        Pod waiting = pods.await("db", p -> waitingReason(p, "db", "CreateContainerConfigError"), WAIT);
        assertThat(waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .isEqualTo("configmap \"db-settings\" not found");
        assertThat(waiting.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(events("db")).anyMatch(e -> e.getMessage().equals("Error: configmap \"db-settings\" not found"));

        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("db-settings")
                .endMetadata().addToData("POSTGRES_HOST_AUTH_METHOD", "trust").build()).create();
        idle();
        pods.await("db", FakeClusterTestSupport::runningAndReady, WAIT);
    }

    @Test
    void pullPolicyNeverRunsOnlyWhatIsOnTheNode() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("offline").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("present").withImage("nginx").withImagePullPolicy("Never").endContainer()
                    .addNewContainer().withName("absent").withImage("busybox:1.36").withImagePullPolicy("Never")
                        .withCommand("sleep", "3600").endContainer()
                .endSpec()
                .build());
        idle();
        Pod pod = pods.await("offline", p -> waitingReason(p, "absent", "ErrImageNeverPull"), WAIT);
        assertThat(pod.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName)
                .containsExactly("absent", "present");
        assertThat(containerStatus(pod, "present", s -> s.getState().getRunning() != null)).isTrue();
        assertThat(events("offline")).anyMatch(e -> e.getReason().equals("Pulled")
                && e.getMessage().equals("Container image \"nginx\" already present on machine"));
        assertThat(events("offline")).anyMatch(e -> e.getReason().equals("ErrImageNeverPull")
                && e.getMessage().equals("Container image \"busybox:1.36\" is not present with pull policy of Never"));
    }

    @Test
    void aPodThatRunsToCompletionWithRestartPolicyNeverSucceeds() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("job").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                    .addNewContainer().withName("job").withImage("busybox").withCommand("sh", "-c", "echo done").endContainer()
                .endSpec()
                .build());
        idle();
        Pod pod = pods.await("job", p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase()), WAIT);
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(condition(pod, "Ready").getReason()).isEqualTo("PodCompleted");
    }

    private void setImage(String pod, String image) {
        client.pods().inNamespace(ns).withName(pod).patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"" + image + "\"}]");
    }

    private static Pod pod(String name, String image) {
        return new PodBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .build();
    }
}
