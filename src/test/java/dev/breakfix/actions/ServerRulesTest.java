package dev.breakfix.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.actions.ServerRules.PodUpdate;
import dev.breakfix.catalog.ManifestTemplate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The rules a real API server enforces, checked against Pods as a v1.20 cluster really stores them
 * (fixtures: defaults filled in, the token volume mounted, admission's tolerations, a node) and against
 * Pods as the mock stores them (exactly as created).
 */
class ServerRulesTest {

    // ---- a live Pod's spec is immutable but for images, activeDeadlineSeconds and added tolerations ----

    @Test
    void sleepSensibleOverTheLiveSleepPodIsForbiddenAsOnARealCluster() {
        Pod live = fixturePod("sleep-multiple/1-broken");
        Pod desired = manifest("sleep-multiple/sleep-sensible.yaml");

        ActionRefusedException e = forbidden(live, desired);

        assertThat(e.getMessage()).startsWith("Pod \"sleep\" is invalid: spec: Forbidden: pod updates may not change fields "
                + "other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds` or "
                + "`spec.tolerations` (only additions to existing tolerations)");
        assertThat(e.getMessage()).contains("spec.containers[sleep].resources.requests.cpu: 2 → 100m",
                "spec.containers[sleep2].resources.requests.cpu: 2 → 100m");
        assertThat(e.explanation()).contains("mostly immutable", "`spec.containers[sleep].resources`", "Delete the Pod",
                "Deployment");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.reason()).isEqualTo(Reason.POD_IMMUTABLE);
    }

    @Test
    void theSameRefusalOnAPodAsTheMockStoresIt() {
        Pod live = manifest("sleep-multiple/sleep-multiple.yaml");
        assertThat(forbidden(live, manifest("sleep-multiple/sleep-sensible.yaml")).getMessage())
                .contains("pod updates may not change fields", "requests.cpu: 2 → 100m");
    }

    @Test
    void theLiveManifestAppliedAgainChangesNothingDespiteServerDefaults() {
        // what the server filled in (dnsPolicy, token volume, node, tolerations, ...) is not a change
        assertThat(ServerRules.podUpdate(fixturePod("sleep-multiple/1-broken"), manifest("sleep-multiple/sleep-multiple.yaml")))
                .isInstanceOf(PodUpdate.Unchanged.class);
        assertThat(ServerRules.podUpdate(fixturePod("nginx-typo/1-errimagepull"), manifest("nginx-typo/nginx-typo.yaml")))
                .isInstanceOf(PodUpdate.Unchanged.class);
        // and the editor's YAML of the live Pod, applied back, neither
        Pod live = fixturePod("postgres-misconfig/1-crashloop");
        Pod edited = Serialization.unmarshal(EditableManifest.yaml(live), Pod.class);
        assertThat(ServerRules.podUpdate(live, edited)).isInstanceOf(PodUpdate.Unchanged.class);
    }

    @Test
    void anImageMayChange() {
        Pod live = fixturePod("nginx-typo/1-errimagepull");
        Pod desired = manifest("nginx-typo/nginx-typo.yaml");
        desired.getSpec().getContainers().get(0).setImage("nginx");

        PodUpdate update = ServerRules.podUpdate(live, desired);

        assertThat(update).isInstanceOf(PodUpdate.Allowed.class);
        Pod body = ((PodUpdate.Allowed) update).body();
        assertThat(body.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
        // everything else is the live Pod's, so a real server accepts it
        assertThat(body.getMetadata().getResourceVersion()).isEqualTo(live.getMetadata().getResourceVersion());
        assertThat(body.getSpec().getNodeName()).isEqualTo(live.getSpec().getNodeName());
        assertThat(body.getSpec().getVolumes()).isEqualTo(live.getSpec().getVolumes());
        assertThat(live.getSpec().getContainers().get(0).getImage()).as("the live Pod is not changed").isEqualTo("nginz");
    }

    @Test
    void addingAnEnvironmentVariableIsForbidden() {
        Pod live = fixturePod("postgres-misconfig/1-crashloop");
        assertThat(forbidden(live, manifest("postgres-misconfig/postgres-fixed.yaml")).getMessage())
                .contains("spec.containers[postgres].env: (none) → [{\"name\":\"POSTGRES_PASSWORD\"");
    }

    @Test
    void droppingTheNodeSelectorIsForbidden() {
        Pod live = fixturePod("nginx-selector/1-broken");
        Pod desired = new PodBuilder(Serialization.unmarshal(EditableManifest.yaml(live), Pod.class))
                .editSpec().withNodeSelector(null).endSpec().build();
        assertThat(forbidden(live, desired).getMessage()).contains("spec.nodeSelector: {\"purpose\":\"special\"} → (none)");
    }

    @Test
    void commandsArgsVolumesAndContainersAreForbiddenToo() {
        Pod live = manifest("sleep-multiple/sleep-sensible.yaml");
        assertThat(forbidden(live, edit(live, p -> p.getSpec().getContainers().get(0).setCommand(java.util.List.of("/bin/sh"))))
                .getMessage()).contains("spec.containers[sleep].command[1]: 3600 → (none)");
        assertThat(forbidden(live, edit(live, p -> p.getSpec().getContainers().get(0).setArgs(java.util.List.of("x"))))
                .getMessage()).contains("spec.containers[sleep].args");
        assertThat(forbidden(live, edit(live, p -> p.getSpec().getContainers().remove(1))).getMessage())
                .contains("spec.containers[1]");
        assertThat(forbidden(live, edit(live, p -> p.getSpec().getVolumes()
                .add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build())))
                .getMessage()).contains("spec.volumes");
        assertThat(forbidden(live, edit(live, p -> p.getSpec().setRestartPolicy("Never"))).getMessage())
                .contains("spec.restartPolicy: (none) → Never");
    }

    @Test
    void quantitiesCompareByAmount() {
        Pod live = manifest("sleep-multiple/sleep-sensible.yaml");
        Pod desired = edit(live, p -> p.getSpec().getContainers()
                .forEach(c -> c.getResources().setRequests(Map.of("cpu", new Quantity("0.1")))));
        assertThat(ServerRules.podUpdate(live, desired)).isInstanceOf(PodUpdate.Unchanged.class);
    }

    @Test
    void tolerationsMayBeAddedButNotRemoved() {
        Pod live = fixturePod("sleep-multiple/1-broken");
        Pod added = edit(live, p -> p.getSpec().getTolerations().add(new TolerationBuilder()
                .withKey("example.com/gpu").withOperator("Exists").withEffect("NoSchedule").build()));
        assertThat(ServerRules.podUpdate(live, added)).isInstanceOf(PodUpdate.Allowed.class);
        Pod removed = edit(live, p -> p.getSpec().getTolerations().remove(0));
        assertThat(forbidden(live, removed).getMessage()).contains("spec.tolerations");
    }

    @Test
    void labelsAndActiveDeadlineSecondsMayChange() {
        Pod live = manifest("sleep-multiple/sleep-sensible.yaml");
        PodUpdate labelled = ServerRules.podUpdate(live, edit(live, p -> p.getMetadata().setLabels(Map.of("team", "a"))));
        assertThat(labelled).isInstanceOf(PodUpdate.Allowed.class);
        assertThat(((PodUpdate.Allowed) labelled).body().getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(ServerRules.podUpdate(live, edit(live, p -> p.getSpec().setActiveDeadlineSeconds(60L))))
                .isInstanceOf(PodUpdate.Allowed.class);
    }

    // ---- what the server validates on every create and update ----

    @Test
    void containersNeedNamesAndImages() {
        Pod noImage = edit(manifest("nginx-typo/nginx-typo.yaml"), p -> p.getSpec().getContainers().get(0).setImage(null));
        assertThatThrownBy(() -> ServerRules.validate(noImage))
                .hasMessage("Pod \"nginx\" is invalid: spec.containers[0].image: Required value");
        Pod twice = edit(manifest("sleep-multiple/sleep-sensible.yaml"), p -> p.getSpec().getContainers().get(1).setName("sleep"));
        assertThatThrownBy(() -> ServerRules.validate(twice))
                .hasMessage("Pod \"sleep\" is invalid: spec.containers[1].name: Duplicate value: \"sleep\"");
    }

    @Test
    void namesAreWhatTheServerAccepts() {
        Pod capital = edit(manifest("nginx-typo/nginx-typo.yaml"), p -> p.getMetadata().setName("Nginx"));
        assertThatThrownBy(() -> ServerRules.validate(capital))
                .hasMessageStartingWith("Pod \"Nginx\" is invalid: metadata.name: Invalid value: \"Nginx\": a lowercase RFC 1123 subdomain");
        Pod container = edit(manifest("nginx-typo/nginx-typo.yaml"), p -> p.getSpec().getContainers().get(0).setName("web_1"));
        assertThatThrownBy(() -> ServerRules.validate(container))
                .hasMessageStartingWith("Pod \"nginx\" is invalid: spec.containers[0].name: Invalid value: \"web_1\"");
        io.fabric8.kubernetes.api.model.Service service = new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("1web").endMetadata().build();
        assertThatThrownBy(() -> ServerRules.validate(service)).hasMessageContaining("a DNS-1035 label");
    }

    @Test
    void aDeploymentsSelectorIsRequiredMatchesItsTemplateAndCannotChange() {
        Deployment d = deployment();
        ServerRules.validate(d);

        Deployment noSelector = Serialization.clone(d);
        noSelector.getSpec().setSelector(null);
        assertThatThrownBy(() -> ServerRules.validate(noSelector)).isInstanceOf(ActionRefusedException.class)
                .hasMessage("Deployment.apps \"crasher\" is invalid: spec.selector: Required value");

        Deployment mismatch = Serialization.clone(d);
        mismatch.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "other"));
        assertThatThrownBy(() -> ServerRules.validate(mismatch))
                .hasMessageContaining("`selector` does not match template `labels`");

        Deployment moved = Serialization.clone(d);
        moved.getSpec().getSelector().setMatchLabels(Map.of("app", "other"));
        moved.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "other"));
        assertThatThrownBy(() -> ServerRules.deploymentUpdate(d, moved))
                .hasMessageContaining("Deployment.apps \"crasher\" is invalid: spec.selector: Invalid value:")
                .hasMessageContaining("field is immutable");
    }

    @Test
    void sameIgnoresWhatTheServerDefaults() {
        Deployment manifest = deployment();
        Deployment live = Serialization.clone(manifest);
        live.getSpec().setReplicas(1);
        live.getSpec().setRevisionHistoryLimit(10);
        live.getSpec().setProgressDeadlineSeconds(600);
        live.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
        live.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
        assertThat(ServerRules.same(live.getSpec(), manifest.getSpec())).isTrue();

        Deployment withArgs = Serialization.clone(manifest);
        withArgs.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(java.util.List.of("/bin/sleep", "infinity"));
        assertThat(ServerRules.same(live.getSpec(), withArgs.getSpec())).isFalse();
        // removing what the live object has is a change as well
        assertThat(ServerRules.same(withArgs.getSpec(), manifest.getSpec())).isFalse();
    }

    // ---- helpers ----

    private static ActionRefusedException forbidden(Pod live, Pod desired) {
        try {
            PodUpdate u = ServerRules.podUpdate(live, desired);
            throw new AssertionError("not refused: " + u);
        } catch (ActionRefusedException e) {
            assertThat(e.reason()).isEqualTo(Reason.POD_IMMUTABLE);
            return e;
        }
    }

    private static Pod edit(Pod pod, java.util.function.Consumer<Pod> change) {
        Pod copy = Serialization.clone(pod);
        change.accept(copy);
        return copy;
    }

    static Deployment deployment() {
        return Serialization.unmarshal(read("/scenarios/crasher/crasher-deploy.yaml"), Deployment.class);
    }

    static Pod manifest(String path) {
        String text = ManifestTemplate.fill(read("/scenarios/" + path), Map.of("cpuBeyondLargestNode", "2",
                "nodeLabelKey", "purpose", "nodeLabelValue", "special"));
        return Serialization.unmarshal(text, Pod.class);
    }

    static Pod fixturePod(String step) {
        return Serialization.unmarshal(read("/fixtures/k8s-1.20/" + step + ".pod.json"), Pod.class);
    }

    static String read(String resource) {
        try (InputStream in = ServerRulesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
