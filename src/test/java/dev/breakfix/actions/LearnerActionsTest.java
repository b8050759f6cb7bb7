package dev.breakfix.actions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.breakfix.actions.ActionRefusedException.Reason;
import dev.breakfix.actions.ActionResult.Change;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.injector.LabNotFoundException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.support.MockClusterProfile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * The learner's actions on the mock API server: refusals change nothing, the chapter's Forbidden
 * error for sleep-sensible over the live Pod, delete + apply, set image, Deployments, node labels, the
 * JSON API, and that one learner never reaches another's lab. Each test uses learners of its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class LearnerActionsTest {

    private static final Duration CACHE = Duration.ofSeconds(10);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    LabService labs;

    @Inject
    LabActions actions;

    // ---- the service ----

    @Test
    void refusedManifestsChangeNothing() {
        LabKey lab = start("ann", "sleep-multiple");
        LabKey other = start("ben", "sleep-multiple");
        Map<String, String> before = snapshot(lab, other);
        String sensible = ServerRulesTest.read("/scenarios/sleep-multiple/sleep-sensible.yaml");
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  a: b\n";

        List<String> refused = List.of(
                sensible.replace("  name: sleep\n", "  name: sleep\n  namespace: " + other.namespace() + "\n"),
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mine\n",
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\n"
                        + "rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]\n",
                "apiVersion: v1\nkind: Pod\n  metadata: : [\n",
                "just: [a, list]\n",
                sensible.replace("spec:\n", "spec:\n  hostNetwork: true\n").replace("name: sleep\n", "name: other\n"),
                sensible.replace("    image: busybox\n", "    image: busybox\n    securityContext: {privileged: true}\n")
                        .replace("metadata:\n  name: sleep", "metadata:\n  name: other"),
                configMap + "# " + "x".repeat(300_000) + "\n",
                // a good object followed by a bad one: the good one is not applied either
                configMap + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: mine\n",
                // the API server's refusal for sleep-sensible over the live Pod
                sensible);
        for (String manifest : refused) {
            assertThatThrownBy(() -> actions.apply(lab, manifest)).as(manifest.substring(0, Math.min(80, manifest.length())))
                    .isInstanceOf(ActionRefusedException.class);
        }
        assertThat(snapshot(lab, other)).isEqualTo(before);
    }

    @Test
    void sleepSensibleOverTheLivePodIsForbiddenThenDeleteAndApplyWorks() {
        LabKey lab = start("cat", "sleep-multiple");
        String sensible = ServerRulesTest.read("/scenarios/sleep-multiple/sleep-sensible.yaml");

        assertThatThrownBy(() -> actions.apply(lab, sensible))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.POD_IMMUTABLE);
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("Pod \"sleep\" is invalid: spec: Forbidden: pod updates may not "
                            + "change fields other than `spec.containers[*].image`");
                    assertThat(e.explanation()).contains("mostly immutable", "Delete the Pod", "Deployment");
                    assertThat(e.applied()).isEmpty();
                });
        assertThat(cpuRequest(lab)).isEqualTo("2");

        ActionResult deleted = actions.deletePod(lab, "sleep", CACHE);
        assertThat(deleted.ok()).isTrue();
        assertThat(deleted.message()).isEqualTo("pod \"sleep\" deleted");
        assertThat(cluster.pod(lab.namespace(), "sleep")).isEmpty();

        ActionResult applied = actions.apply(lab, sensible);
        assertThat(applied.objects()).containsExactly(new ActionResult.ObjectChange("Pod", "sleep", Change.CREATED));
        assertThat(applied.message()).isEqualTo("pod/sleep created");
        assertThat(cluster.await(lab.namespace(), () -> "100m".equals(cpuRequest(lab)), CACHE)).isTrue();

        // the same manifest again changes nothing
        assertThat(actions.apply(lab, sensible).objects()).extracting(ActionResult.ObjectChange::action)
                .containsExactly(Change.UNCHANGED);
    }

    @Test
    void setImageChangesThePodsImage() {
        LabKey lab = start("dan", "nginx-typo");
        ActionResult result = actions.setImage(lab, "pod", "nginx", "nginx", "nginx");
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("pod/nginx image updated");
        assertThat(cluster.await(lab.namespace(), () -> "nginx".equals(image(lab, "nginx")), CACHE)).isTrue();
        assertThat(actions.setImage(lab, "pod", "nginx", "nginx", "nginx").objects())
                .extracting(ActionResult.ObjectChange::action).containsExactly(Change.UNCHANGED);

        assertRefusal(() -> actions.setImage(lab, "pod", "nginx", "web", "nginx"), Reason.NOT_FOUND, "has no container 'web'");
        assertRefusal(() -> actions.setImage(lab, "pod", "nope", "nginx", "nginx"), Reason.NOT_FOUND, "There is no Pod 'nope'");
        assertRefusal(() -> actions.setImage(lab, "pod", "nginx", "nginx", "ngi nx"), Reason.INVALID_REQUEST, "not an image");
        assertRefusal(() -> actions.setImage(lab, "pod", "nginx", "nginx", "x".repeat(600)), Reason.INVALID_REQUEST, "at most");
        assertRefusal(() -> actions.setImage(lab, "secret", "nginx", "nginx", "nginx"), Reason.INVALID_REQUEST, "Unknown kind");
    }

    @Test
    void applyingANewImageOverTheLivePodUpdatesIt() {
        LabKey lab = start("eve", "nginx-typo");
        String manifest = ServerRulesTest.read("/scenarios/nginx-typo/nginx-typo.yaml").replace("image: nginz", "image: nginx");
        ActionResult result = actions.apply(lab, manifest);
        assertThat(result.objects()).containsExactly(new ActionResult.ObjectChange("Pod", "nginx", Change.UPDATED));
        assertThat(result.explanation()).contains("images");
        assertThat(cluster.await(lab.namespace(), () -> "nginx".equals(image(lab, "nginx")), CACHE)).isTrue();
    }

    @Test
    void deploymentsAreEditedAndAppliedAgain() {
        LabKey lab = start("fay", "crasher");
        assertThat(cluster.await(lab.namespace(), () -> cluster.deployment(lab.namespace(), "crasher").isPresent(), CACHE))
                .isTrue();
        String yaml = actions.manifest(lab, "deployment", "crasher");
        assertThat(yaml).contains("name: crasher", "image: bookofkubernetes/crasher:stable")
                .doesNotContain("resourceVersion", "uid:", "status", "managedFields", "namespace:", "creationTimestamp");

        assertThat(actions.apply(lab, yaml).objects()).extracting(ActionResult.ObjectChange::action)
                .containsExactly(Change.UNCHANGED);

        Deployment edited = Serialization.unmarshal(yaml, Deployment.class);
        edited.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("/bin/sleep", "infinity"));
        ActionResult result = actions.apply(lab, Serialization.asYaml(edited));
        assertThat(result.objects()).containsExactly(new ActionResult.ObjectChange("Deployment", "crasher", Change.UPDATED));
        assertThat(cluster.await(lab.namespace(), () -> cluster.deployment(lab.namespace(), "crasher")
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .orElse(List.of()).contains("infinity"), CACHE)).isTrue();
        assertThat(client.apps().deployments().inNamespace(lab.namespace()).withName("crasher").get().getMetadata()
                .getLabels()).containsEntry("app.kubernetes.io/managed-by", "breakfix");

        Deployment moved = Serialization.clone(edited);
        moved.getSpec().getSelector().setMatchLabels(Map.of("app", "other"));
        moved.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "other"));
        assertRefusal(() -> actions.apply(lab, Serialization.asYaml(moved)), Reason.API_REFUSED, "field is immutable");

        ActionResult image = actions.setImage(lab, "deploy", "crasher", "crasher", "bookofkubernetes/crasher:debug");
        assertThat(image.message()).isEqualTo("deployment/crasher image updated");
        assertThat(cluster.await(lab.namespace(), () -> cluster.deployment(lab.namespace(), "crasher")
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .orElse("").equals("bookofkubernetes/crasher:debug"), CACHE)).isTrue();
    }

    @Test
    void configMapsAndServicesAreCreatedUpdatedOrLeftAlone() {
        LabKey lab = start("flo", "nginx-typo");
        String both = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  greeting: hello
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                """;
        ActionResult created = actions.apply(lab, both);
        assertThat(created.message()).isEqualTo("configmap/settings created\nservice/web created");
        assertThat(actions.apply(lab, both).objects()).extracting(ActionResult.ObjectChange::action)
                .containsExactly(Change.UNCHANGED, Change.UNCHANGED);
        ActionResult updated = actions.apply(lab, both.replace("hello", "goodbye").replace("port: 80", "port: 8080"));
        assertThat(updated.objects()).extracting(ActionResult.ObjectChange::action).containsExactly(Change.UPDATED, Change.UPDATED);
        assertThat(client.configMaps().inNamespace(lab.namespace()).withName("settings").get().getData())
                .containsEntry("greeting", "goodbye");
        assertThat(client.services().inNamespace(lab.namespace()).withName("web").get().getSpec().getPorts().get(0).getPort())
                .isEqualTo(8080);
    }

    @Test
    void aLearnerActsOnlyOnTheirOwnLab() {
        LabKey gus = start("gus", "nginx-typo");
        LabKey hal = start("hal", "nginx-typo");
        start("hal", "postgres-misconfig");
        Map<String, String> halsBefore = snapshot(hal);

        actions.deletePod(gus, "nginx", CACHE);
        assertThat(cluster.pod(hal.namespace(), "nginx")).isPresent();
        // a learner's key only ever names their own namespace: gus has no postgres lab, hal's is not reached
        assertThatThrownBy(() -> actions.deletePod(labs.key("gus", "postgres-misconfig"), "postgres"))
                .isInstanceOf(LabNotFoundException.class);
        assertThatThrownBy(() -> actions.manifest(labs.key("gus", "postgres-misconfig"), "pod", "postgres"))
                .isInstanceOf(LabNotFoundException.class);
        assertThat(snapshot(hal)).isEqualTo(halsBefore);
    }

    @Test
    void theManifestOfAPodIsEditableYaml() {
        LabKey lab = start("ida", "postgres-misconfig");
        String yaml = actions.manifest(lab, "pod", "postgres");
        assertThat(yaml).startsWith("apiVersion: v1\nkind: Pod\n").contains("name: postgres", "image: postgres")
                .doesNotContain("status:", "resourceVersion", "uid:", "app.kubernetes.io/managed-by");
        assertRefusal(() -> actions.manifest(lab, "pod", "nope"), Reason.NOT_FOUND, "There is no Pod 'nope' in your lab; its Pods: postgres");
        assertRefusal(() -> actions.manifest(lab, "configmap", "x"), Reason.INVALID_REQUEST, "Unknown kind");
        assertRefusal(() -> actions.manifest(lab, "pod", "Not_A_Name"), Reason.INVALID_REQUEST, "not a valid Pod name");
    }

    // ---- the JSON API ----

    @Test
    @TestSecurity(user = "jo", roles = "learner")
    void applyOverTheLivePodAnswers422WithTheExplanation() {
        LabKey lab = start("jo", "sleep-multiple");
        Map<String, String> before = snapshot(lab);
        given().contentType("application/yaml").body(bytes(ServerRulesTest.read("/scenarios/sleep-multiple/sleep-sensible.yaml")))
                .when().post("/learn/api/labs/sleep-multiple/apply")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:breakfix:action:pod-immutable"))
                .body("status", equalTo(422))
                .body("detail", startsWith("Pod \"sleep\" is invalid: spec: Forbidden: pod updates may not change fields other than"))
                .body("explanation", containsString("delete"))
                .body("objects", org.hamcrest.Matchers.empty());
        assertThat(snapshot(lab)).isEqualTo(before);

        given().when().delete("/learn/api/labs/sleep-multiple/pods/sleep?wait=10s")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("ok", equalTo(true)).body("objects[0].action", equalTo("deleted"));
        given().contentType("text/yaml").body(bytes(ServerRulesTest.read("/scenarios/sleep-multiple/sleep-sensible.yaml")))
                .when().post("/learn/api/labs/sleep-multiple/apply")
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("message", equalTo("pod/sleep created"))
                .body("objects[0].kind", equalTo("Pod")).body("objects[0].name", equalTo("sleep"))
                .body("objects[0].action", equalTo("created"));
    }

    @Test
    @TestSecurity(user = "kim", roles = "learner")
    void refusalsAreProblemDetailsAndChangeNothing() {
        LabKey lab = start("kim", "nginx-typo");
        LabKey other = start("lou", "nginx-typo");
        Map<String, String> before = snapshot(lab, other);
        String nginx = ServerRulesTest.read("/scenarios/nginx-typo/nginx-typo.yaml");

        given().contentType("application/yaml").body(bytes(nginx.replace("  name: nginx\n", "  name: nginx\n  namespace: " + other.namespace() + "\n")))
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:breakfix:action:manifest-refused"))
                .body("detail", containsString("your lab's namespace is '" + lab.namespace() + "'"));
        given().contentType("application/yaml").body(bytes("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"))
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(400).body("detail", containsString("cluster-wide"));
        given().contentType("application/yaml").body(bytes("kind: [\n"))
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(400).body("detail", startsWith("The manifest cannot be read"));
        given().contentType("application/yaml").body(bytes(nginx + "#" + "x".repeat(300_000)))
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(413);
        // text/plain is what a cross-site form could send with the learner's cookie: not accepted
        given().contentType(ContentType.TEXT).body(bytes(nginx.replace("nginz", "nginx")))
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(415);
        given().when().delete("/learn/api/labs/nginx-typo/pods/nope")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("There is no Pod 'nope'"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "pod", "name", "nginx", "container", "nginx", "image", "a b"))
                .when().post("/learn/api/labs/nginx-typo/set-image")
                .then().statusCode(400).body("detail", containsString("not an image reference"));
        given().when().get("/learn/api/labs/crasher/manifest/deployment/crasher")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/learn/api/labs/no-such-scenario/manifest/pod/nginx")
                .then().statusCode(404);
        assertThat(snapshot(lab, other)).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "max", roles = "learner")
    void setImageManifestAndJsonApplyThroughTheApi() {
        LabKey lab = start("max", "nginx-typo");
        LabKey other = start("ned", "nginx-typo");
        given().contentType(ContentType.JSON).body(Map.of("kind", "pod", "name", "nginx", "container", "nginx", "image", "nginx"))
                .when().post("/learn/api/labs/nginx-typo/set-image")
                .then().statusCode(200).body("message", equalTo("pod/nginx image updated"))
                .body("objects[0].action", equalTo("updated"));
        assertThat(cluster.await(lab.namespace(), () -> "nginx".equals(image(lab, "nginx")), CACHE)).isTrue();
        assertThat(image(other, "nginx")).isEqualTo("nginz");

        String yaml = given().accept("application/yaml").when().get("/learn/api/labs/nginx-typo/manifest/pod/nginx")
                .then().statusCode(200).contentType(containsString("yaml")).extract().asString();
        assertThat(yaml).contains("image: nginx\n");
        given().when().get("/learn/api/labs/nginx-typo/manifest/pod/nginx")
                .then().statusCode(200).contentType(containsString("yaml"));
        given().accept(ContentType.JSON).when().get("/learn/api/labs/nginx-typo/manifest/pods/nginx")
                .then().statusCode(200).body("kind", equalTo("Pod")).body("yaml", containsString("image: nginx"));

        String json = Serialization.asJson(Serialization.unmarshal(yaml, Pod.class));
        given().contentType(ContentType.JSON).body(json)
                .when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(200).body("objects[0].action", equalTo("unchanged"));
    }

    @Test
    @TestSecurity(user = "ora", roles = "learner")
    void nodeLabelsAreTheLearnersOwn() throws InterruptedException {
        start("ora", "nginx-selector");
        awaitNode("lab-node");
        given().when().put("/learn/api/labs/nginx-selector/node-label/lab-node")
                .then().statusCode(200).body("message", equalTo("node/lab-node labeled"));
        assertThat(client.nodes().withName("lab-node").get().getMetadata().getLabels())
                .containsEntry(LearnerId.of("ora").nodeLabelKey(), "special")
                .doesNotContainKey("purpose");
        given().when().delete("/learn/api/labs/nginx-selector/node-label/lab-node")
                .then().statusCode(200).body("message", equalTo("node/lab-node unlabeled"));
        // (the mock keeps a label merge-patched to null as a null value; a real server removes it)
        assertThat(client.nodes().withName("lab-node").get().getMetadata().getLabels().get(LearnerId.of("ora").nodeLabelKey()))
                .isNull();
        given().when().put("/learn/api/labs/nginx-selector/node-label/no-such-node").then().statusCode(404);
        // no lab of that scenario: nothing to label for
        given().when().put("/learn/api/labs/crasher/node-label/lab-node").then().statusCode(404);
    }

    @Test
    void onlyLearnersMayAct() {
        given().contentType("application/yaml").body(bytes("x: y")).when().post("/learn/api/labs/nginx-typo/apply")
                .then().statusCode(401);
        given().header("Authorization", MockClusterProfile.INSTRUCTOR).when().delete("/learn/api/labs/nginx-typo/pods/nginx")
                .then().statusCode(403);
    }

    // ---- helpers ----

    private LabKey start(String learner, String scenario) {
        LabKey lab = labs.key(learner, scenario);
        labs.start(lab);
        labs.awaitView(lab);
        assertThat(cluster.await(lab.namespace(), () -> !cluster.pods(lab.namespace()).isEmpty()
                || cluster.deployment(lab.namespace(), "crasher").isPresent(), CACHE)).isTrue();
        return lab;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String cpuRequest(LabKey lab) {
        return cluster.pod(lab.namespace(), "sleep")
                .map(p -> p.getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString()).orElse(null);
    }

    private String image(LabKey lab, String pod) {
        return cluster.pod(lab.namespace(), pod).map(p -> p.getSpec().getContainers().get(0).getImage()).orElse(null);
    }

    private void awaitNode(String name) throws InterruptedException {
        if (cluster.nodes().stream().anyMatch(n -> n.getMetadata().getName().equals(name))) {
            return;
        }
        CountDownLatch seen = new CountDownLatch(1);
        cluster.onNodeChange(() -> {
            if (cluster.nodes().stream().anyMatch(n -> n.getMetadata().getName().equals(name))) {
                seen.countDown();
            }
        });
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
                .endMetadata().build()).create();
        assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void assertRefusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable action, Reason reason,
            String message) {
        assertThatThrownBy(action).isInstanceOfSatisfying(ActionRefusedException.class, e -> {
            if (reason != null) {
                assertThat(e.reason()).isEqualTo(reason);
            }
            if (message != null) {
                assertThat(e.getMessage()).contains(message);
            }
        });
    }

    /** Every object of the labs' namespaces (with its version and content) and the cluster-wide objects. */
    private Map<String, String> snapshot(LabKey... labKeys) {
        Map<String, String> s = new TreeMap<>();
        for (LabKey lab : labKeys) {
            String ns = lab.namespace();
            List<HasMetadata> objects = new java.util.ArrayList<>();
            objects.addAll(client.pods().inNamespace(ns).list().getItems());
            objects.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
            objects.addAll(client.configMaps().inNamespace(ns).list().getItems());
            objects.addAll(client.services().inNamespace(ns).list().getItems());
            for (HasMetadata o : objects) {
                s.put(o.getKind() + "/" + ns + "/" + o.getMetadata().getName(), Serialization.asJson(o));
            }
        }
        s.put("namespaces", client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList()
                .toString());
        s.put("clusterroles", client.rbac().clusterRoles().list().getItems().stream().map(r -> r.getMetadata().getName())
                .sorted().toList().toString());
        s.put("nodes", client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName() + n.getMetadata().getLabels())
                .sorted().toList().toString());
        return s;
    }
}
