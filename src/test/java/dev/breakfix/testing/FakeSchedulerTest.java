package dev.breakfix.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** Scheduling on a cluster of three nodes: v1.20's reasons per node, placement, capacity freed by a deletion. */
class FakeSchedulerTest extends FakeClusterTestSupport {

    @Override
    protected FakeCluster configure(FakeCluster fake) {
        return fake.withNode("small", "1", "2Gi").withNode("medium", "2", "4Gi").withNode("large", "4", "8Gi");
    }

    @Test
    void theNodesAreCreatedLikeTheCapturedOne() {
        assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("small", "medium", "large");
        var large = client.nodes().withName("large").get();
        assertThat(large.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "large")
                .containsEntry("kubernetes.io/os", "linux");
        assertThat(large.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4"));
        assertThat(large.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
                && c.getStatus().equals("True") && c.getReason().equals("KubeletReady"));
        assertThat(large.getStatus().getAddresses()).anyMatch(a -> a.getType().equals("InternalIP"));
    }

    @Test
    void reasonsAreCountedPerNode() throws Exception {
        create(new PodBuilder()
                .withNewMetadata().withName("big").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("c").withImage("busybox").withCommand("sleep", "3600")
                        .withNewResources().addToRequests("cpu", new Quantity("3")).endResources().endContainer()
                    .addToNodeSelector("kubernetes.io/os", "linux")
                .endSpec()
                .build());
        create(new PodBuilder()
                .withNewMetadata().withName("picky").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("c").withImage("busybox").withCommand("sleep", "3600")
                        .withNewResources().addToRequests("cpu", new Quantity("2")).endResources().endContainer()
                    .addToNodeSelector("kubernetes.io/hostname", "small")
                .endSpec()
                .build());
        idle();
        Pod big = pods.await("big", FakeClusterTestSupport::runningAndReady, WAIT);
        assertThat(big.getSpec().getNodeName()).isEqualTo("large");
        Pod picky = pods.await("picky", p -> condition(p, "PodScheduled") != null, WAIT);
        assertThat(condition(picky, "PodScheduled").getMessage())
                .isEqualTo("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity.");

        create(new PodBuilder()
                .withNewMetadata().withName("huge").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").withCommand("sleep", "3600")
                    .withNewResources().addToRequests("cpu", new Quantity("3")).endResources().endContainer()
                .endSpec()
                .build());
        idle();
        Pod huge = pods.await("huge", p -> condition(p, "PodScheduled") != null, WAIT);
        assertThat(condition(huge, "PodScheduled").getMessage())
                .isEqualTo("0/3 nodes are available: 3 Insufficient cpu.");

        // deleting "big" frees the large node: the scheduler tries "huge" again, as a real one would
        client.pods().inNamespace(ns).withName("big").delete();
        idle();
        Pod placed = pods.await("huge", FakeClusterTestSupport::runningAndReady, WAIT);
        assertThat(placed.getSpec().getNodeName()).isEqualTo("large");
        assertThat(events("huge")).extracting(e -> e.getReason()).containsSubsequence(List.of("FailedScheduling",
                "Scheduled"));
    }
}
