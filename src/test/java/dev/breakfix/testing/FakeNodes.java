package dev.breakfix.testing;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** Nodes shaped like the captured {@code node.json}, and what the fake kubelet knows about each. */
final class FakeNodes {

    /** A node the fake kubelet runs: its address and the images already on it. */
    static final class NodeRuntime {
        final String name;
        final String internalIp;
        final Set<String> images = new HashSet<>(FakeRegistry.PRESENT_ON_NODES);

        NodeRuntime(String name, String internalIp) {
            this.name = name;
            this.internalIp = internalIp;
        }
    }

    record Spec(String name, String cpu, String memory) {
    }

    private FakeNodes() {
    }

    static String internalIp(int index) {
        return "127.0.0." + (index + 1);
    }

    static Node node(Spec spec, String internalIp, Instant now) {
        String time = KubeTime.time(now);
        Map<String, Quantity> capacity = Map.of(
                "cpu", new Quantity(spec.cpu()),
                "memory", new Quantity(spec.memory()),
                "ephemeral-storage", new Quantity("264212084Ki"),
                "hugepages-1Gi", new Quantity("0"),
                "hugepages-2Mi", new Quantity("0"),
                "pods", new Quantity("110"));
        return new NodeBuilder()
                .withNewMetadata()
                    .withName(spec.name())
                    .addToLabels("beta.kubernetes.io/arch", "amd64")
                    .addToLabels("beta.kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                    .addToLabels("kubernetes.io/hostname", spec.name())
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                    .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                    .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(spec.name()).endAddress()
                    .withCapacity(capacity)
                    .withAllocatable(capacity)
                    .withConditions(
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available", time),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", time),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                                time),
                        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", time))
                    .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint()
                    .endDaemonEndpoints()
                    .withImages(FakeRegistry.PRESENT_ON_NODES.stream()
                        .map(image -> new io.fabric8.kubernetes.api.model.ContainerImageBuilder()
                            .withNames(List.of(image))
                            .withSizeBytes(1_089_109L)
                            .build())
                        .toList())
                    .withNewNodeInfo()
                        .withArchitecture("amd64")
                        .withBootID(UUID.nameUUIDFromBytes(("boot-" + spec.name()).getBytes()).toString())
                        .withContainerRuntimeVersion("containerd://1.6.20")
                        .withKernelVersion("6.18.44-fc-v669")
                        .withKubeProxyVersion("v1.20.2")
                        .withKubeletVersion("v1.20.2")
                        .withMachineID(spec.name())
                        .withOperatingSystem("linux")
                        .withOsImage("Debian GNU/Linux 12 (bookworm)")
                        .withSystemUUID(UUID.nameUUIDFromBytes(spec.name().getBytes()).toString())
                    .endNodeInfo()
                .endStatus()
                .build();
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String time) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastHeartbeatTime(time)
                .withLastTransitionTime(time)
                .build();
    }
}
