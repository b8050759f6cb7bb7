package dev.breakfix.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class ClusterValuesTest {

    @ParameterizedTest
    @CsvSource({ "2,2", "1900m,2", "3,2", "4,3", "8,5", "16,9", "96,49" })
    void sleepMultipleNeverFitsTheLargestNodeAndKeepsTheChaptersValueWhereItAlreadyFails(String allocatable, int perContainer) {
        List<Node> nodes = List.of(node("small", "1"), node("largest", allocatable));

        int cpu = ClusterValues.cpuBeyondLargestNode(nodes);

        assertThat(cpu).isEqualTo(perContainer);
        assertThat(2L * cpu * 1000).isGreaterThan(new Quantity(allocatable).getNumericalAmount().movePointRight(3).longValue());
    }

    @Test
    void withoutNodeInformationTheChaptersRequestIsUsed() {
        assertThat(ClusterValues.cpuBeyondLargestNode(List.of())).isEqualTo(2);
    }

    private static Node node(String name, String cpu) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addToAllocatable("cpu", new Quantity(cpu)).endStatus().build();
    }
}
