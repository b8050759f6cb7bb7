package dev.breakfix.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.breakfix.testing.ContainerProgram.Outcome;
import dev.breakfix.testing.FakeRegistry.Program;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** The fixture's pure parts, one line per rule. */
class FakeClusterPartsTest {

    @Test
    void timesAndDurationsArePrintedLikeKubernetesAndGo() {
        Instant t = Instant.parse("2026-11-28T03:29:22.491943123Z");
        assertThat(KubeTime.time(t)).isEqualTo("2026-11-28T03:29:22Z");
        assertThat(KubeTime.microTime(t)).isEqualTo("2026-11-28T03:29:22.491943Z");
        assertThat(KubeTime.goDuration(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(KubeTime.goDuration(Duration.ofSeconds(80))).isEqualTo("1m20s");
        assertThat(KubeTime.goDuration(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(KubeTime.goDuration(Duration.ofNanos(20_123_021))).isEqualTo("20.123021ms");
        assertThat(KubeTime.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }

    @Test
    void imageReferencesResolveLikeContainerd() {
        assertThat(FakeRegistry.statusImage("nginx")).isEqualTo("docker.io/library/nginx:latest");
        assertThat(FakeRegistry.statusImage("bookofkubernetes/crasher:stable"))
                .isEqualTo("docker.io/bookofkubernetes/crasher:stable");
        assertThat(FakeRegistry.statusImage("localhost:5000/team/app")).isEqualTo("localhost:5000/team/app:latest");
        assertThat(FakeRegistry.pullError("nginz")).isEqualTo("rpc error: code = NotFound desc = failed to pull and unpack "
                + "image \"docker.io/library/nginz:latest\": failed to resolve reference \"docker.io/library/nginz:latest\": "
                + "docker.io/library/nginz:latest: not found");
        assertThat(FakeRegistry.pullPolicy(null, "nginx")).isEqualTo("Always");
        assertThat(FakeRegistry.pullPolicy(null, "bookofkubernetes/crasher:stable")).isEqualTo("IfNotPresent");
    }

    @Test
    void theRegistryHasTheChaptersImagesAndAliasesOfThem() {
        FakeRegistry registry = new FakeRegistry();
        registry.alias("registry.example.com/breakfix/crasher:stable", "bookofkubernetes/crasher:stable");
        assertThat(registry.program("docker.io/library/postgres:16")).contains(Program.POSTGRES);
        assertThat(registry.program("bookofkubernetes/crasher:stable")).contains(Program.CRASHER);
        assertThat(registry.program("bookofkubernetes/crasher:latest")).isEmpty();
        assertThat(registry.program("registry.example.com/breakfix/crasher:stable")).contains(Program.CRASHER);
        assertThat(registry.program("bitnami/kubectl:1.20")).contains(Program.KUBECTL);
        assertThat(registry.program("nginz")).isEmpty();
    }

    @Test
    void programsRunOrExitAsTheChapterShows() {
        Map<String, String> none = Map.of();
        assertThat(run(Program.CRASHER, container())).isEqualTo(new Outcome.Exits(139));
        assertThat(run(Program.CRASHER, container().withArgs("/bin/sleep", "infinity"))).isEqualTo(new Outcome.Runs());
        assertThat(run(Program.POSTGRES, container())).isEqualTo(new Outcome.Exits(1));
        assertThat(ContainerProgram.run(Program.POSTGRES, container().build(), Map.of("POSTGRES_PASSWORD", "s")))
                .isEqualTo(new Outcome.Runs());
        assertThat(ContainerProgram.run(Program.POSTGRES, container().build(), Map.of("POSTGRES_HOST_AUTH_METHOD",
                "trust"))).isEqualTo(new Outcome.Runs());
        assertThat(ContainerProgram.run(Program.POSTGRES, container().build(), Map.of("POSTGRES_PASSWORD", "")))
                .isEqualTo(new Outcome.Exits(1));
        assertThat(run(Program.BUSYBOX, container())).isEqualTo(new Outcome.Exits(0));
        assertThat(run(Program.BUSYBOX, container().withCommand("/bin/sleep", "3600"))).isEqualTo(new Outcome.Runs());
        assertThat(run(Program.BUSYBOX, container().withCommand("sh", "-c", "echo hi; sleep 3600")))
                .isEqualTo(new Outcome.Runs());
        assertThat(run(Program.BUSYBOX, container().withCommand("sh", "-c", "exit 3"))).isEqualTo(new Outcome.Exits(3));
        assertThat(run(Program.BUSYBOX, container().withStdin(true).withTty(true))).isEqualTo(new Outcome.Runs());
        assertThat(run(Program.NGINX, container())).isEqualTo(new Outcome.Runs());
        assertThat(ContainerProgram.run(Program.NGINX, container().build(), none)).isEqualTo(new Outcome.Runs());
        assertThat(ContainerProgram.readinessPasses(container().withNewReadinessProbe().withNewExec()
                .withCommand("false").endExec().endReadinessProbe().build())).isFalse();
        assertThat(ContainerProgram.readinessPasses(container().withNewReadinessProbe().withNewExec()
                .withCommand("cat", "/etc/hostname").endExec().endReadinessProbe().build())).isTrue();
    }

    @Test
    void schedulerMessagesUseV120Wording() {
        assertThat(FakeScheduler.message(1, Map.of("vm", List.of("Insufficient cpu"))))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(FakeScheduler.message(3, Map.of("a", List.of("node(s) didn't match Pod's node affinity"),
                "b", List.of("Insufficient cpu", "Insufficient memory"), "c", List.of("Insufficient cpu"))))
                .isEqualTo("0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity, "
                        + "2 Insufficient cpu.");
        assertThat(FakeScheduler.message(0, Map.of())).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void qosClassFollowsRequestsAndLimits() {
        assertThat(PodStatuses.qosClass(spec(new ContainerBuilder().withName("a").build()))).isEqualTo("BestEffort");
        assertThat(PodStatuses.qosClass(spec(new ContainerBuilder().withName("a").withNewResources()
                .addToRequests("cpu", new Quantity("100m")).endResources().build()))).isEqualTo("Burstable");
        assertThat(PodStatuses.qosClass(spec(new ContainerBuilder().withName("a").withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi")).endResources().build())))
                .isEqualTo("Guaranteed");
        assertThat(PodStatuses.request(spec(new ContainerBuilder().withName("a").withNewResources()
                .addToRequests("cpu", new Quantity("2")).endResources().build(), new ContainerBuilder().withName("b")
                .withNewResources().addToRequests("cpu", new Quantity("100m")).endResources().build()), "cpu"))
                .isEqualByComparingTo("2.1");
    }

    @Test
    void backOffDoublesUpToFiveMinutesAndIsForgottenAfterTen() {
        MutableClock clock = new MutableClock();
        KubeletBackoff backoff = new KubeletBackoff(clock);
        assertThat(backoff.inBackOffSince("c", clock.instant())).isFalse();
        backoff.next("c", clock.instant());
        assertThat(backoff.inBackOffSince("c", clock.instant())).isTrue();
        assertThat(backoff.current("c")).hasSeconds(10);
        for (int i = 0; i < 6; i++) {
            backoff.next("c", clock.instant());
        }
        assertThat(backoff.current("c")).isEqualTo(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(11));
        assertThat(backoff.inBackOffSince("c", clock.instant())).isFalse();
        backoff.next("c", clock.instant());
        assertThat(backoff.current("c")).hasSeconds(10);
    }

    @Test
    void templateHashesAreStableAndSpelledSafely() {
        var template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder().withNewMetadata()
                .addToLabels("app", "crasher").endMetadata().withNewSpec().addNewContainer().withName("crasher")
                .withImage("bookofkubernetes/crasher:stable").endContainer().endSpec().build();
        String hash = FakeDeploymentController.templateHash(template);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}")
                .isEqualTo(FakeDeploymentController.templateHash(template));
        template.getSpec().getContainers().get(0).setArgs(List.of("/bin/sleep", "infinity"));
        assertThat(FakeDeploymentController.templateHash(template)).isNotEqualTo(hash);
    }

    private static Outcome run(Program program, ContainerBuilder container) {
        return ContainerProgram.run(program, container.build(), Map.of());
    }

    private static ContainerBuilder container() {
        return new ContainerBuilder().withName("c").withImage("x");
    }

    private static PodSpec spec(Container... containers) {
        return new PodSpecBuilder().withContainers(containers).build();
    }
}
