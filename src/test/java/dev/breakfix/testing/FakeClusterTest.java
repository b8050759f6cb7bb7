package dev.breakfix.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The fixture against the fabric8 CRUD mock, scenario by scenario, compared with what the v1.20
 * captures in {@code shared/fixtures/k8s-1.20} show. One mock server and fixture for the class, one
 * namespace per test.
 */
class FakeClusterTest extends FakeClusterTestSupport {

    @Test
    void nginxSelectorIsUnschedulableUntilANodeIsLabelled() throws Exception {
        String purpose = "special-" + ns; // node labels are cluster-wide: a value of this test's own
        create(new PodBuilder()
                .withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("nginx").withImage("nginx").endContainer()
                    .addToNodeSelector("purpose", purpose)
                .endSpec()
                .build());
        idle();
        Pod pending = pods.await("nginx", p -> condition(p, "PodScheduled") != null, WAIT);
        String message = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.";
        assertThat(pending.getSpec().getNodeName()).isNull();
        assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pending.getStatus().getQosClass()).isEqualTo("BestEffort");
        PodCondition scheduled = condition(pending, "PodScheduled");
        assertThat(scheduled.getStatus()).isEqualTo("False");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).isEqualTo(message);
        assertThat(scheduled.getLastTransitionTime()).isEqualTo(KubeTime.time(clock.instant()));
        Event failed = first(events("nginx"), "FailedScheduling");
        assertThat(failed.getType()).isEqualTo("Warning");
        assertThat(failed.getMessage()).isEqualTo(message);
        assertThat(failed.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(failed.getReportingInstance()).isEqualTo("default-scheduler-vm");
        assertThat(failed.getAction()).isEqualTo("Scheduling");
        assertThat(failed.getEventTime().getTime()).startsWith("2026-11-28T03:29:22.");
        assertThat(failed.getCount()).isNull();
        assertThat(failed.getMetadata().getName()).startsWith("nginx.");

        clock.advance(Duration.ofSeconds(16));
        client.nodes().withName("vm").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"purpose\":\"" + purpose + "\"}}}");
        try {
            idle();
            Pod running = pods.await("nginx", FakeClusterTest::runningAndReady, WAIT);
            assertThat(running.getSpec().getNodeName()).isEqualTo("vm");
            assertThat(running.getStatus().getHostIP()).isEqualTo("127.0.0.1");
            assertThat(running.getStatus().getPodIP()).startsWith("10.85.0.");
            assertThat(running.getStatus().getStartTime()).isEqualTo("2026-11-28T03:29:38Z");
            assertThat(condition(running, "PodScheduled").getStatus()).isEqualTo("True");
            ContainerStatus nginx = running.getStatus().getContainerStatuses().get(0);
            assertThat(nginx.getImage()).isEqualTo("docker.io/library/nginx:latest");
            assertThat(nginx.getImageID()).isEqualTo(
                    "docker.io/library/nginx@sha256:897c19aabe83e632543af4ab65c4f30a248a7f51d36cb272d8a6995f85d93bbf");
            assertThat(nginx.getContainerID()).matches("containerd://[0-9a-f]{64}");
            assertThat(nginx.getState().getRunning().getStartedAt()).isEqualTo("2026-11-28T03:29:38Z");
            assertThat(nginx.getStarted()).isTrue();
            assertThat(pods.versions("nginx")).anyMatch(p -> waitingReason(p, "nginx", "ContainerCreating"));

            List<Event> events = events("nginx");
            assertThat(single(events, "Scheduled").getMessage()).isEqualTo("Successfully assigned " + ns + "/nginx to vm");
            assertThat(single(events, "Scheduled").getAction()).isEqualTo("Binding");
            assertThat(single(events, "Pulling").getMessage()).isEqualTo("Pulling image \"nginx\"");
            assertThat(single(events, "Pulled").getMessage()).matches("Successfully pulled image \"nginx\" in [0-9.]+ms");
            assertThat(single(events, "Created").getMessage()).isEqualTo("Created container nginx");
            Event started = single(events, "Started");
            assertThat(started.getMessage()).isEqualTo("Started container nginx");
            assertThat(started.getSource().getComponent()).isEqualTo("kubelet");
            assertThat(started.getSource().getHost()).isEqualTo("vm");
            assertThat(started.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{nginx}");
            assertThat(started.getCount()).isEqualTo(1);
            assertThat(started.getFirstTimestamp()).isEqualTo("2026-11-28T03:29:38Z");
        } finally {
            client.nodes().withName("vm").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"purpose\":null}}}");
        }
    }

    @Test
    void sleepMultipleAsksForMoreCpuThanTheNodeHas() throws Exception {
        create(sleepPod("2"));
        idle();
        Pod pending = pods.await("sleep", p -> condition(p, "PodScheduled") != null, WAIT);
        assertThat(condition(pending, "PodScheduled").getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(pending.getStatus().getQosClass()).isEqualTo("Burstable");
        assertThat(events("sleep")).filteredOn(e -> e.getReason().equals("FailedScheduling")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu."));

        client.pods().inNamespace(ns).withName("sleep").delete();
        create(sleepPod("100m"));
        idle();
        Pod running = pods.await("sleep", FakeClusterTest::runningAndReady, WAIT);
        assertThat(running.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName)
                .containsExactly("sleep", "sleep2");
        assertThat(running.getStatus().getContainerStatuses()).allSatisfy(s -> {
            assertThat(s.getState().getRunning()).isNotNull();
            assertThat(s.getImage()).isEqualTo("docker.io/library/busybox:latest");
            assertThat(s.getImageID()).startsWith("docker.io/library/busybox@sha256:c89ebf9f");
        });
        assertThat(events("sleep")).filteredOn(e -> e.getReason().equals("Started")).extracting(Event::getMessage)
                .containsExactly("Started container sleep", "Started container sleep2");
    }

    @Test
    void nginxTypoFailsToPullUntilTheImageIsFixed() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginz").endContainer().endSpec()
                .build());
        idle();
        Pod backoff = pods.await("nginx", p -> waitingReason(p, "nginx", "ImagePullBackOff"), WAIT);
        String rpc = "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginz:latest\": "
                + "failed to resolve reference \"docker.io/library/nginz:latest\": docker.io/library/nginz:latest: not found";
        Pod errImagePull = pods.versions("nginx").stream().filter(p -> waitingReason(p, "nginx", "ErrImagePull"))
                .findFirst().orElseThrow();
        assertThat(errImagePull.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .isEqualTo(rpc);
        ContainerStatus status = backoff.getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getWaiting().getMessage()).isEqualTo("Back-off pulling image \"nginz\"");
        assertThat(status.getImage()).isEqualTo("nginz");
        assertThat(status.getImageID()).isEmpty();
        assertThat(status.getRestartCount()).isZero();
        assertThat(backoff.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(condition(backoff, "Ready").getReason()).isEqualTo("ContainersNotReady");
        assertThat(condition(backoff, "Ready").getMessage()).isEqualTo("containers with unready status: [nginx]");
        assertThat(events("nginx")).extracting(Event::getType, Event::getReason, Event::getMessage).containsSubsequence(
                tuple("Normal", "Pulling", "Pulling image \"nginz\""),
                tuple("Warning", "Failed", "Failed to pull image \"nginz\": " + rpc),
                tuple("Warning", "Failed", "Error: ErrImagePull"),
                tuple("Normal", "BackOff", "Back-off pulling image \"nginz\""),
                tuple("Warning", "Failed", "Error: ImagePullBackOff"));

        clock.advance(Duration.ofMinutes(3));
        client.pods().inNamespace(ns).withName("nginx").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"nginx\"}]");
        idle();
        Pod fixed = pods.await("nginx", FakeClusterTest::runningAndReady, WAIT);
        ContainerStatus nginx = fixed.getStatus().getContainerStatuses().get(0);
        assertThat(nginx.getImage()).isEqualTo("docker.io/library/nginx:latest");
        assertThat(nginx.getRestartCount()).isZero();
        assertThat(nginx.getState().getRunning().getStartedAt()).isEqualTo("2026-11-28T03:32:22Z");
        assertThat(condition(fixed, "Ready").getLastTransitionTime()).isEqualTo("2026-11-28T03:32:22Z");
        assertThat(condition(fixed, "Initialized").getLastTransitionTime()).isEqualTo("2026-11-28T03:29:22Z");
        assertThat(events("nginx")).extracting(Event::getMessage).contains("Pulling image \"nginx\"", "Started container nginx");
    }

    @Test
    void postgresWithoutPasswordCrashLoopsWhilePhaseSaysRunning() throws Exception {
        create(postgres(false));
        idle();
        Pod crashing = pods.await("postgres", p -> waitingReason(p, "postgres", "CrashLoopBackOff"), WAIT);
        assertThat(crashing.getStatus().getPhase()).isEqualTo("Running");
        ContainerStatus status = crashing.getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getWaiting().getMessage()).isEqualTo("back-off 10s restarting failed container=postgres pod=postgres_"
                + ns + "(" + crashing.getMetadata().getUid() + ")");
        assertThat(status.getRestartCount()).isEqualTo(1);
        assertThat(status.getReady()).isFalse();
        assertThat(status.getStarted()).isFalse();
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getLastState().getTerminated().getStartedAt()).isEqualTo("2026-11-28T03:29:22Z");
        assertThat(status.getLastState().getTerminated().getFinishedAt()).isEqualTo("2026-11-28T03:29:22Z");
        assertThat(status.getContainerID()).isEqualTo(status.getLastState().getTerminated().getContainerID());
        assertThat(condition(crashing, "Ready").getStatus()).isEqualTo("False");
        // as captured: terminated (restartCount 0), terminated again (1), then CrashLoopBackOff
        assertThat(pods.versions("postgres")).anyMatch(p -> terminatedWith(p, 1, 0)).anyMatch(p -> terminatedWith(p, 1, 1));
        List<Event> events = events("postgres");
        Event backOff = single(events, "BackOff");
        assertThat(backOff.getType()).isEqualTo("Warning");
        assertThat(backOff.getMessage()).isEqualTo("Back-off restarting failed container");
        assertThat(single(events, "Pulling").getCount()).isEqualTo(2);
        assertThat(single(events, "Started").getCount()).isEqualTo(2);

        client.pods().inNamespace(ns).withName("postgres").delete();
        create(postgres(true));
        idle();
        Pod fixed = pods.await("postgres", FakeClusterTest::runningAndReady, WAIT);
        assertThat(fixed.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        assertThat(fixed.getStatus().getContainerStatuses().get(0).getLastState().getTerminated()).isNull();
    }

    @Test
    void crasherDeploymentCrashesUntilItsTemplateSleeps() throws Exception {
        client.apps().deployments().inNamespace(ns).resource(crasher()).create();
        idle();
        ReplicaSet first = single(replicaSets());
        String hash = first.getMetadata().getLabels().get("pod-template-hash");
        assertThat(first.getMetadata().getName()).isEqualTo("crasher-" + hash);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("crasher");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
        assertThat(first.getSpec().getReplicas()).isEqualTo(1);
        assertThat(first.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");

        Pod pod = single(client.pods().inNamespace(ns).list().getItems());
        String podName = pod.getMetadata().getName();
        assertThat(podName).matches("crasher-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "crasher").containsEntry("pod-template-hash", hash);
        assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ReplicaSet");
        assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(first.getMetadata().getUid());
        Pod crashing = pods.await(podName, p -> waitingReason(p, "crasher", "CrashLoopBackOff"), WAIT);
        ContainerStatus status = crashing.getStatus().getContainerStatuses().get(0);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(139);
        assertThat(status.getRestartCount()).isEqualTo(1);
        assertThat(status.getImage()).isEqualTo("docker.io/bookofkubernetes/crasher:stable");
        assertThat(crashing.getStatus().getPhase()).isEqualTo("Running");
        assertThat(single(events(podName), "Pulled").getMessage())
                .isEqualTo("Container image \"bookofkubernetes/crasher:stable\" already present on machine");
        assertThat(single(events(first.getMetadata().getName()), "SuccessfulCreate").getSource().getComponent())
                .isEqualTo("replicaset-controller");
        assertThat(single(events("crasher"), "ScalingReplicaSet").getMessage())
                .isEqualTo("Scaled up replica set crasher-" + hash + " to 1");
        Deployment broken = client.apps().deployments().inNamespace(ns).withName("crasher").get();
        assertThat(broken.getStatus().getReplicas()).isEqualTo(1);
        assertThat(broken.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(broken.getStatus().getUnavailableReplicas()).isEqualTo(1);
        assertThat(broken.getStatus().getReadyReplicas()).isNull();
        assertThat(broken.getStatus().getObservedGeneration()).isEqualTo(broken.getMetadata().getGeneration());
        assertThat(broken.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Available=False/MinimumReplicasUnavailable", "Progressing=True/ReplicaSetUpdated");

        clock.advance(Duration.ofSeconds(6));
        client.apps().deployments().inNamespace(ns).withName("crasher").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("/bin/sleep", "infinity"));
            return d;
        });
        idle();
        List<ReplicaSet> sets = replicaSets();
        assertThat(sets).hasSize(2);
        ReplicaSet second = sets.stream().filter(rs -> !rs.getMetadata().getUid().equals(first.getMetadata().getUid()))
                .findFirst().orElseThrow();
        assertThat(second.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(sets).filteredOn(rs -> rs.getMetadata().getUid().equals(first.getMetadata().getUid()))
                .singleElement().satisfies(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
        Pod now = single(client.pods().inNamespace(ns).list().getItems());
        assertThat(now.getMetadata().getName()).startsWith(second.getMetadata().getName() + "-");
        pods.await(now.getMetadata().getName(), FakeClusterTest::runningAndReady, WAIT);
        assertThat(client.pods().inNamespace(ns).withName(podName).get()).isNull();
        Deployment fixed = client.apps().deployments().inNamespace(ns).withName("crasher").get();
        assertThat(fixed.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(fixed.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(fixed.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(fixed.getStatus().getObservedGeneration()).isEqualTo(fixed.getMetadata().getGeneration());
        assertThat(fixed.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Available=True/MinimumReplicasAvailable", "Progressing=True/NewReplicaSetAvailable");
        assertThat(events("crasher")).extracting(Event::getMessage).containsExactly(
                "Scaled up replica set crasher-" + hash + " to 1",
                "Scaled up replica set " + second.getMetadata().getName() + " to 1",
                "Scaled down replica set crasher-" + hash + " to 0");
        assertThat(single(events(first.getMetadata().getName()), "SuccessfulDelete").getMessage())
                .isEqualTo("Deleted pod: " + podName);
    }

    @Test
    void aDeletedDeploymentPodIsReplaced() throws Exception {
        Deployment sleeping = new DeploymentBuilder(crasher()).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("mirror.local/crasher:stable").withArgs("/bin/sleep", "infinity")
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(ns).resource(sleeping).create();
        idle();
        Pod first = single(client.pods().inNamespace(ns).list().getItems());
        assertThat(first.getStatus().getContainerStatuses().get(0).getImage()).isEqualTo("mirror.local/crasher:stable");
        assertThat(first.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();

        client.pods().inNamespace(ns).resource(first).delete();
        idle();
        Pod replacement = single(client.pods().inNamespace(ns).list().getItems());
        assertThat(replacement.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
        pods.await(replacement.getMetadata().getName(), FakeClusterTest::runningAndReady, WAIT);

        client.apps().deployments().inNamespace(ns).withName("crasher").delete();
        idle();
        assertThat(replicaSets()).isEmpty();
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void restartContainerCountsARestartAndBacksOffTheSecond() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx").endContainer().endSpec()
                .build());
        idle();
        Pod before = pods.await("nginx", FakeClusterTest::runningAndReady, WAIT);
        String firstStart = before.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt();
        String firstId = before.getStatus().getContainerStatuses().get(0).getContainerID();

        Instant crash = clock.advance(Duration.ofMinutes(1));
        cluster.restartContainer(ns, "nginx", "nginx", 137);
        idle();
        Pod after = pods.await("nginx", p -> runningAndReady(p) && restarts(p) == 1, WAIT);
        ContainerStatus status = after.getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getRunning().getStartedAt()).isEqualTo(KubeTime.time(crash)).isNotEqualTo(firstStart);
        assertThat(status.getContainerID()).isNotEqualTo(firstId);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getLastState().getTerminated().getStartedAt()).isEqualTo(firstStart);
        assertThat(status.getLastState().getTerminated().getFinishedAt()).isEqualTo(KubeTime.time(crash));
        assertThat(status.getLastState().getTerminated().getContainerID()).isEqualTo(firstId);
        assertThat(condition(after, "Ready").getLastTransitionTime()).isEqualTo(KubeTime.time(crash));
        assertThat(pods.versions("nginx")).anyMatch(p -> condition(p, "Ready") != null
                && "False".equals(condition(p, "Ready").getStatus()) && restarts(p) == 0
                && condition(p, "Ready").getLastTransitionTime().equals(KubeTime.time(crash)));
        assertThat(events("nginx")).noneMatch(e -> e.getReason().equals("BackOff"));

        clock.advance(Duration.ofSeconds(5));
        cluster.restartContainer(ns, "nginx", "nginx", 1);
        idle();
        Pod again = pods.await("nginx", p -> runningAndReady(p) && restarts(p) == 2, WAIT);
        assertThat(again.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(pods.versions("nginx")).anyMatch(p -> waitingReason(p, "nginx", "CrashLoopBackOff"));
        assertThat(single(events("nginx"), "BackOff").getMessage()).isEqualTo("Back-off restarting failed container");

        assertThatThrownBy(() -> cluster.restartContainer(ns, "nginx", "other", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void busyboxWithoutCommandCompletesAndLoops() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("box").endMetadata()
                .withNewSpec().addNewContainer().withName("box").withImage("busybox").endContainer().endSpec()
                .build());
        idle();
        Pod pod = pods.await("box", p -> waitingReason(p, "box", "CrashLoopBackOff"), WAIT);
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertThat(status.getLastState().getTerminated().getExitCode()).isZero();
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Completed");
    }

    @Test
    void aFailingReadinessProbeKeepsTheRunningPodUnready() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx")
                    .withNewReadinessProbe().withNewExec().withCommand("false").endExec().endReadinessProbe()
                .endContainer().endSpec()
                .build());
        idle();
        Pod pod = pods.await("web", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()), WAIT);
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getRunning()).isNotNull();
        assertThat(status.getReady()).isFalse();
        assertThat(condition(pod, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(pod, "Ready").getMessage()).isEqualTo("containers with unready status: [web]");
    }

    private static Pod sleepPod(String cpu) {
        return new PodBuilder()
                .withNewMetadata().withName("sleep").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("sleep").withImage("busybox").withCommand("/bin/sleep", "3600")
                        .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources()
                    .endContainer()
                    .addNewContainer().withName("sleep2").withImage("busybox").withCommand("/bin/sleep", "3600")
                        .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources()
                    .endContainer()
                .endSpec()
                .build();
    }

    private static Pod postgres(boolean withPassword) {
        return new PodBuilder()
                .withNewMetadata().withName("postgres").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("postgres").withImage("postgres")
                        .withEnv(withPassword ? List.of(new EnvVar("POSTGRES_PASSWORD",
                                "supersecret", null)) : List.of())
                    .endContainer()
                .endSpec()
                .build();
    }

    private static Deployment crasher() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("crasher").endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", "crasher").endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", "crasher").endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName("crasher").withImage("bookofkubernetes/crasher:stable").endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
