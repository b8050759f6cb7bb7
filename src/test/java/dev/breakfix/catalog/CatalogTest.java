package dev.breakfix.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakfix.catalog.SolutionStep.Apply;
import dev.breakfix.catalog.SolutionStep.LabelNode;
import dev.breakfix.catalog.SolutionStep.Recreate;
import dev.breakfix.catalog.SolutionStep.SetImage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The built-in course and the catalog's validation, without Quarkus or a cluster. */
class CatalogTest {

    private static Catalog builtIn;

    @BeforeAll
    static void loadBuiltIn() {
        builtIn = new Catalog(Catalog.load(Optional.empty()));
    }

    // ---- the built-in course ----

    @Test
    void builtInCourseHoldsTheChapterInOrder() {
        assertThat(builtIn.all()).extracting(Scenario::id)
                .containsExactly("nginx-selector", "sleep-multiple", "nginx-typo", "postgres-misconfig", "crasher");
        assertThat(builtIn.all()).extracting(Scenario::order).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void everyBuiltInScenarioHasTitleHintsAndLabText() {
        for (Scenario s : builtIn.all()) {
            assertThat(s.title()).as(s.id()).isNotBlank();
            assertThat(s.summary()).as(s.id()).isNotBlank();
            assertThat(s.hints()).as(s.id()).hasSizeBetween(3, 4);
            assertThat(s.solution()).as(s.id()).isNotEmpty();
            assertThat(s.origin()).as(s.id()).isEqualTo("classpath:scenarios/" + s.id() + "/scenario.yaml");
            assertThat(s.lab()).as(s.id())
                    .startsWith("= ")
                    .contains("{namespace}", "== What you will learn", "== Check your fix", "== Clean up")
                    .doesNotContain("${");
        }
    }

    @Test
    void nginxSelectorAsksForTheLearnersOwnNodeLabel() {
        Scenario s = builtIn.get("nginx-selector");
        assertWorkload(s, Workload.Kind.Pod, "nginx", Map.of("nginx", "nginx"));
        assertThat(s.expect().states()).containsExactly("Unschedulable");
        assertThat(s.expect().evidence()).contains("node");
        assertThat(s.solution()).singleElement().isInstanceOf(LabelNode.class);
        assertThat(s.parameters()).contains(ManifestTemplate.NODE_LABEL_KEY, ManifestTemplate.NODE_LABEL_VALUE);

        Pod pod = (Pod) render(s.broken().get(0), Map.of("nodeLabelKey", "breakfix.dev/purpose-ada",
                "nodeLabelValue", "special")).get(0);
        assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("breakfix.dev/purpose-ada", "special"));
        assertThat(s.lab()).contains("{node-label-key}", "{node-label-value}", "Label a node");
    }

    @Test
    void sleepMultipleIsSizedFromTheClusterAndRecreatedWithSensibleRequests() {
        Scenario s = builtIn.get("sleep-multiple");
        assertWorkload(s, Workload.Kind.Pod, "sleep", Map.of("sleep", "busybox", "sleep2", "busybox"));
        assertThat(s.workload().containers().keySet()).containsExactly("sleep", "sleep2");
        assertThat(s.expect().states()).containsExactly("Unschedulable");
        assertThat(s.expect().evidence()).contains("Insufficient cpu");
        assertThat(s.usesParameter(ManifestTemplate.CPU_BEYOND_LARGEST_NODE)).isTrue();

        Pod broken = (Pod) render(s.broken().get(0), Map.of("cpuBeyondLargestNode", "3")).get(0);
        assertThat(broken.getSpec().getContainers()).allSatisfy(c -> {
            assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("3");
            assertThat(c.getCommand()).containsExactly("/bin/sleep", "3600");
        });

        Recreate fix = (Recreate) s.solution().get(0);
        assertThat(fix.manifest().file()).isEqualTo("sleep-sensible.yaml");
        Pod fixed = (Pod) render(fix.manifest(), Map.of()).get(0);
        assertThat(fixed.getSpec().getContainers())
                .allSatisfy(c -> assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("100m"));
        assertThat(s.lab()).contains("{cpu-request}", "Forbidden: pod updates may not change fields");
    }

    @Test
    void nginxTypoIsFixedBySettingTheImage() {
        Scenario s = builtIn.get("nginx-typo");
        assertWorkload(s, Workload.Kind.Pod, "nginx", Map.of("nginx", "nginx"));
        assertThat(s.expect().states()).containsExactlyInAnyOrder("ErrImagePull", "ImagePullBackOff");
        assertThat(s.solution()).containsExactly(new SetImage("nginx", "nginx"));
        assertThat(((Pod) render(s.broken().get(0), Map.of()).get(0)).getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginz");
        assertThat(s.lab()).contains("kubectl -n {namespace} set image pod nginx nginx=nginx");
    }

    @Test
    void postgresMisconfigIsRecreatedWithThePassword() {
        Scenario s = builtIn.get("postgres-misconfig");
        assertWorkload(s, Workload.Kind.Pod, "postgres", Map.of("postgres", "postgres"));
        assertThat(s.expect().states()).containsExactlyInAnyOrder("CrashLoopBackOff", "Error");
        assertThat(s.expect().evidence()).isEmpty();
        Recreate fix = (Recreate) s.solution().get(0);
        assertThat(fix.manifest().file()).isEqualTo("postgres-fixed.yaml");
        Pod fixed = (Pod) render(fix.manifest(), Map.of()).get(0);
        assertThat(fixed.getSpec().getContainers().get(0).getEnv())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getName()).isEqualTo("POSTGRES_PASSWORD");
                    assertThat(e.getValue()).isEqualTo("supersecret");
                });
        assertThat(s.lab()).contains("kubectl -n {namespace} logs postgres");
    }

    @Test
    void crasherDeploymentIsKeptAliveWithSleep() {
        Scenario s = builtIn.get("crasher");
        assertWorkload(s, Workload.Kind.Deployment, "crasher", Map.of("crasher", "bookofkubernetes/crasher:stable"));
        assertThat(s.expect().states()).containsExactlyInAnyOrder("CrashLoopBackOff", "Error");
        assertThat(s.expect().evidence()).contains("139");

        Deployment broken = (Deployment) render(s.broken().get(0), Map.of()).get(0);
        assertThat(broken.getSpec().getReplicas()).isEqualTo(1);
        assertThat(broken.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app", "crasher"));
        assertThat(broken.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).isNullOrEmpty();

        Apply fix = (Apply) s.solution().get(0);
        assertThat(fix.manifest().file()).isEqualTo("crasher-debug.yaml");
        Deployment debug = (Deployment) render(fix.manifest(), Map.of()).get(0);
        assertThat(debug.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("/bin/sleep", "infinity");
        assertThat(s.lab()).contains("kubectl -n {namespace} edit deployment crasher", "port-forward pods/<pod> 2345:2345",
                "target remote localhost:2345", "crasher.c:3");
    }

    @Test
    void theCrasherSourceCrashesOnLineThree() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("scenarios/crasher/image/crasher.c"));
        assertThat(lines.get(2)).isEqualTo("  s[2] = '3';");
    }

    // ---- a directory adds and overrides ----

    @Test
    void aDirectoryAddsAScenario(@TempDir Path dir) {
        writeValidScenario(dir, "extra", 6);

        List<Scenario> all = new Catalog(Catalog.load(Optional.of(dir))).all();

        assertThat(all).extracting(Scenario::id).containsExactly("nginx-selector", "sleep-multiple", "nginx-typo",
                "postgres-misconfig", "crasher", "extra");
        Scenario extra = all.get(5);
        assertThat(extra.origin()).isEqualTo(dir.resolve("scenarios/extra/scenario.yaml").toString());
        assertThat(extra.lab()).contains("The extra lab");
        assertThat(extra.solution()).singleElement().isInstanceOf(Recreate.class);
    }

    @Test
    void aDirectoryOverridesABuiltInScenarioById(@TempDir Path dir) {
        writeValidScenario(dir, "nginx-typo", 3);

        Catalog catalog = new Catalog(Catalog.load(Optional.of(dir)));

        assertThat(catalog.all()).hasSize(5);
        Scenario s = catalog.get("nginx-typo");
        assertThat(s.title()).isEqualTo("A web server for nginx-typo");
        assertThat(s.workload().name()).isEqualTo("web");
        assertThat(s.origin()).startsWith(dir.toString());
        assertThat(catalog.get("crasher").origin()).startsWith("classpath:");
    }

    @Test
    void anUnknownScenarioIsReported() {
        assertThatThrownBy(() -> builtIn.get("nope")).isInstanceOf(UnknownScenarioException.class)
                .hasMessageContaining("nope");
        assertThat(builtIn.find("nope")).isEmpty();
    }

    // ---- every kind of mistake names the file and the field ----

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("missing title", d -> edit(d, "scenarios/oops/scenario.yaml", "title: A web server for oops\n", ""),
                        "scenarios/oops/scenario.yaml", "title"),
                mistake("unknown workload.kind", d -> edit(d, "scenarios/oops/scenario.yaml", "kind: Pod", "kind: StatefulSet"),
                        "scenarios/oops/scenario.yaml", "workload.kind"),
                mistake("broken.manifests names a missing file",
                        d -> edit(d, "scenarios/oops/scenario.yaml", "manifests: [web.yaml]", "manifests: [nowhere.yaml]"),
                        "scenarios/oops/scenario.yaml", "broken.manifests"),
                mistake("manifest sets metadata.namespace",
                        d -> edit(d, "scenarios/oops/web.yaml", "  name: web\n", "  name: web\n  namespace: default\n"),
                        "scenarios/oops/web.yaml", "metadata.namespace"),
                mistake("manifest of kind ClusterRole",
                        d -> append(d, "scenarios/oops/web.yaml",
                                "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: everything\n"),
                        "scenarios/oops/web.yaml", "kind"),
                mistake("unknown placeholder", d -> edit(d, "scenarios/oops/web.yaml", "image: nginz", "image: \"${foo}\""),
                        "scenarios/oops/web.yaml", "${foo}"),
                mistake("expect state that is not a PodState",
                        d -> edit(d, "scenarios/oops/scenario.yaml", "states: [ErrImagePull]", "states: [Broken]"),
                        "scenarios/oops/scenario.yaml", "broken.expect.states"),
                mistake("workload containers differ from the manifest",
                        d -> edit(d, "scenarios/oops/scenario.yaml", "    web: nginx\n", "    web: nginx\n    sidecar: busybox\n"),
                        "scenarios/oops/scenario.yaml", "workload.containers"),
                mistake("solution manifest defines other containers",
                        d -> edit(d, "scenarios/oops/web-fixed.yaml", "- name: web", "- name: webserver"),
                        "scenarios/oops/web-fixed.yaml", "workload.containers"),
                mistake("missing lab text", d -> delete(d, "labs/en/oops.adoc"), "labs/en/oops.adoc", "file"),
                mistake("malformed YAML in scenario.yaml",
                        d -> edit(d, "scenarios/oops/scenario.yaml", "summary: ", "summary: [unclosed, "),
                        "scenarios/oops/scenario.yaml", "line"),
                mistake("malformed YAML in a manifest",
                        d -> edit(d, "scenarios/oops/web.yaml", "spec:\n", "spec: {\n"),
                        "scenarios/oops/web.yaml", "not a valid Kubernetes manifest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeNamesTheFileAndTheField(String mistake, Consumer<Path> breakIt, String file, String field,
            @TempDir Path dir) {
        writeValidScenario(dir, "oops", 9);
        assertThat(Catalog.load(Optional.of(dir))).extracting(Scenario::id).contains("oops");

        breakIt.accept(dir);

        assertThatThrownBy(() -> Catalog.load(Optional.of(dir)))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(dir.resolve(file).toString())
                .hasMessageContaining(field);
    }

    // ---- helpers ----

    private static Arguments mistake(String name, Consumer<Path> breakIt, String file, String field) {
        return Arguments.of(name, breakIt, file, field);
    }

    private static void assertWorkload(Scenario s, Workload.Kind kind, String name, Map<String, String> containers) {
        assertThat(s.workload().kind()).isEqualTo(kind);
        assertThat(s.workload().name()).isEqualTo(name);
        assertThat(s.workload().containers()).containsExactlyInAnyOrderEntriesOf(containers);
    }

    private static List<HasMetadata> render(Manifest m, Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(ManifestTemplate.SAMPLE_VALUES);
        all.putAll(values);
        List<HasMetadata> objects = ManifestTemplate.render(m, all);
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
        return objects;
    }

    /** A small valid scenario: Pod "web" with the image typo, fixed by recreating it. */
    private static void writeValidScenario(Path root, String id, int order) {
        write(root, "scenarios/" + id + "/scenario.yaml", """
                id: %s
                title: A web server for %s
                order: %d
                summary: The image name has a typo.
                workload:
                  kind: Pod
                  name: web
                  containers:
                    web: nginx
                broken:
                  manifests: [web.yaml]
                  expect:
                    states: [ErrImagePull]
                    evidence: nginz
                solution:
                  - recreate: web-fixed.yaml
                hints:
                  - one
                  - two
                  - three
                """.formatted(id, id, order));
        write(root, "scenarios/" + id + "/web.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginz
                """);
        write(root, "scenarios/" + id + "/web-fixed.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx
                """);
        write(root, "labs/en/" + id + ".adoc", "= The " + id + " lab\n\nRun `kubectl -n {namespace} get pods`.\n");
    }

    private static void write(Path root, String file, String text) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void edit(Path root, String file, String from, String to) {
        try {
            Path path = root.resolve(file);
            String text = Files.readString(path);
            assertThat(text).as("test setup: %s contains %s", file, from).contains(from);
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path root, String file, String text) {
        try {
            Files.writeString(root.resolve(file), Files.readString(root.resolve(file)) + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root, String file) {
        try {
            Files.delete(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
