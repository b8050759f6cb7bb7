package dev.breakfix.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Manifest;
import dev.breakfix.catalog.Scenario;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** The node checks as pure functions: what passes, and what fails with which detail and fix. */
class NodeChecksTest {

    private static final List<Scenario> CHAPTER = Catalog.load(Optional.empty());
    private static final PreflightCheck CHECK = PreflightCheck.pending("c", "check");

    private static Node node(String name, String cpu, Map<String, String> labels, String... images) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("8Gi")))
                .withImages(List.of(images).stream().map(i -> new ContainerImageBuilder().withNames(i).build()).toList())
                .endStatus().build();
    }

    private static List<NeededImage> needed() {
        return NeededImage.of(CHAPTER, Map.of(), "bitnami/kubectl:latest");
    }

    @Test
    void theChaptersImagesAreTheIntendedOnesNotTheBrokenTypo() {
        assertThat(needed()).extracting(NeededImage::image).containsExactlyInAnyOrder(
                "nginx", "busybox", "postgres", "bookofkubernetes/crasher:stable", "bitnami/kubectl:latest");
        assertThat(NeededImage.of(CHAPTER, Map.of("busybox", "mirror.example/busybox:1.36"), null))
                .extracting(NeededImage::image).contains("mirror.example/busybox:1.36").doesNotContain("busybox");
    }

    @Test
    void imagesPassWhenEveryNodeHasThemUnderTheirFullNames() {
        Node vm = node("vm", "2", Map.of(), "docker.io/library/nginx:latest", "docker.io/library/busybox:latest",
                "docker.io/library/postgres:latest", "docker.io/bookofkubernetes/crasher:stable",
                "docker.io/bitnami/kubectl:latest");
        PreflightCheck c = NodeChecks.images(CHECK, List.of(vm), needed());
        assertThat(c.status()).isEqualTo("pass");
        assertThat(c.fix()).isNull();
    }

    @Test
    void aMissingImageFailsNamingNodeImageAndScenarioAndOffersThePrepull() {
        Node vm = node("vm", "2", Map.of(), "docker.io/library/nginx:latest", "docker.io/library/postgres:latest",
                "docker.io/bookofkubernetes/crasher:stable", "docker.io/bitnami/kubectl:latest");
        Node cordoned = new NodeBuilder(node("old", "2", Map.of())).editSpec().withUnschedulable(true).endSpec().build();
        PreflightCheck c = NodeChecks.images(CHECK, List.of(vm, cordoned), needed());
        assertThat(c.status()).isEqualTo("fail");
        assertThat(c.detail()).contains("Node vm lacks busybox (for sleep-multiple)").contains("Docker Hub")
                .doesNotContain("old");
        assertThat(c.fix()).contains("POST /api/class/preflight/prepull").contains("breakfix.images.overrides");
    }

    @Test
    void anImageAPrepullJustConfirmedCountsUntilTheKubeletListsIt() {
        Node vm = node("vm", "2", Map.of(), "docker.io/library/nginx:latest", "docker.io/library/postgres:latest",
                "docker.io/bookofkubernetes/crasher:stable", "docker.io/bitnami/kubectl:latest");
        PreflightCheck c = NodeChecks.images(CHECK, List.of(vm), needed(),
                (node, image) -> node.equals("vm") && image.equals("docker.io/library/busybox:latest"));
        assertThat(c.status()).isEqualTo("pass");
        assertThat(NodeChecks.images(CHECK, List.of(vm), needed(),
                (node, image) -> node.equals("other") && image.equals("docker.io/library/busybox:latest")).status())
                .isEqualTo("fail");
    }

    @Test
    void sleepMultipleIsSizedBeyondTheLargestNodeAndItsFixFits() {
        PreflightCheck c = NodeChecks.nodeSizes(CHECK, CHAPTER, List.of(node("vm", "2", Map.of()), node("big", "16", Map.of())),
                List.of());
        assertThat(c.status()).isEqualTo("pass");
        assertThat(c.detail()).contains("sleep-multiple asks for 18 CPU").contains("sleep-sensible.yaml) asks for 0.2 CPU and fits");
    }

    @Test
    void aNodeBigEnoughForAFixedRequestFails() {
        Scenario sleep = CHAPTER.stream().filter(s -> s.id().equals("sleep-multiple")).findFirst().orElseThrow();
        // the chapter's own manifest: 2 CPUs per container, fixed
        Manifest fixed = new Manifest("sleep-multiple.yaml", sleep.broken().get(0).template()
                .replace("${cpuBeyondLargestNode}", "2"));
        Scenario chapterAsWritten = new Scenario(sleep.id(), sleep.title(), sleep.order(), sleep.summary(), sleep.workload(),
                List.of(fixed), sleep.expect(), sleep.solution(), sleep.hints(), sleep.parameters(), sleep.lab(), sleep.origin());
        PreflightCheck c = NodeChecks.nodeSizes(CHECK, List.of(chapterAsWritten),
                List.of(node("vm", "2", Map.of()), node("big", "8", Map.of())), List.of());
        assertThat(c.status()).isEqualTo("fail");
        assertThat(c.detail()).contains("sleep-multiple asks for 4 CPU, which fits on big")
                .contains("would not be broken");
        assertThat(c.fix()).isNotBlank();
    }

    @Test
    void aClusterTooSmallForTheFixFails() {
        PreflightCheck c = NodeChecks.nodeSizes(CHECK, CHAPTER, List.of(node("tiny", "150m", Map.of())), List.of());
        assertThat(c.status()).isEqualTo("fail");
        assertThat(c.detail()).contains("sleep-sensible.yaml) asks for 0.2 CPU, which fits on no node");
    }

    @Test
    void leftoverLearnerLabelsAndTheChaptersLiteralLabelFail() {
        PreflightCheck clean = NodeChecks.nodeLabels(CHECK, List.of(node("vm", "2", Map.of("purpose", "other"))));
        assertThat(clean.status()).isEqualTo("pass");
        PreflightCheck c = NodeChecks.nodeLabels(CHECK, List.of(
                node("vm", "2", Map.of("breakfix.dev/purpose-ana", "special", "kubernetes.io/os", "linux")),
                node("w2", "2", Map.of("purpose", "special"))));
        assertThat(c.status()).isEqualTo("fail");
        assertThat(c.detail()).contains("node vm carries breakfix.dev/purpose-ana=special")
                .contains("node w2 carries purpose=special").doesNotContain("kubernetes.io/os");
        assertThat(c.fix()).contains("kubectl label node vm breakfix.dev/purpose-ana-")
                .contains("kubectl label node w2 purpose-");
    }
}
