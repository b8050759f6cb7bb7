package dev.breakfix.instructor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.WebTestProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;

/** The class matrix from the cache: a learner's broken lab, their fix turning the cell to passed, the live feed. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class InstructorMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INSTRUCTOR = "Bearer test-instructor";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    static FakeCluster fake;

    @BeforeEach
    void fixture() {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
            fake.awaitIdle(Duration.ofSeconds(20));
        }
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    private static void start(String learner, String scenario) {
        given().header("Authorization", INSTRUCTOR).when().put("/api/labs/{l}/{s}", learner, scenario)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** The learner's cell, re-read from the matrix until {@code until} holds (bounded). */
    private static Map<String, Object> awaitCell(String learner, String scenario, Predicate<Map<String, Object>> until) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Object> cell = null;
        while (System.nanoTime() < deadline) {
            JsonPath m = given().header("Authorization", INSTRUCTOR).when().get("/api/class/matrix")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> rows = m.getList("learners");
            cell = rows.stream().filter(r -> learner.equals(r.get("learner"))).findFirst()
                    .map(r -> ((Map<String, Map<String, Object>>) r.get("cells")).get(scenario)).orElse(null);
            if (cell != null && until.test(cell)) {
                return cell;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(learner + "/" + scenario + " did not reach the expected state within " + WAIT + "; last: " + cell);
    }

    @Test
    void theMatrixShowsTheBrokenLabThenTheLearnersFixAsPassed() {
        String learner = "Matrix Müller";
        start(learner, "nginx-typo");
        Map<String, Object> broken = awaitCell(learner, "nginx-typo",
                c -> "broken".equals(c.get("state")) && Set.of("ErrImagePull", "ImagePullBackOff").contains(c.get("pod")));
        assertThat(broken.get("reason")).asString().isNotBlank();
        assertThat(broken.get("startedAt")).isNotNull();
        assertThat(broken.get("passedAt")).isNull();
        assertThat(broken.get("stableInSeconds")).isNull();

        JsonPath m = given().header("Authorization", INSTRUCTOR).when().get("/api/class/matrix").then().extract().jsonPath();
        assertThat(m.getList("scenarios.id")).containsExactly("nginx-selector", "sleep-multiple", "nginx-typo",
                "postgres-misconfig", "crasher");
        Map<String, Object> row = m.<Map<String, Object>>getList("learners").stream()
                .filter(r -> learner.equals(r.get("learner"))).findFirst().orElseThrow();
        assertThat(row.get("name")).isEqualTo(LearnerId.of(learner).name());
        assertThat(((Map<String, Map<String, Object>>) row.get("cells")).get("crasher").get("state")).isEqualTo("not-started");

        // the learner fixes the image, as `kubectl set image pod nginx nginx=nginx` does; nobody presses "check"
        String ns = new LabKey(LearnerId.of(learner), "nginx-typo").namespace();
        client.pods().inNamespace(ns).withName("nginx").edit(p -> {
            p.getSpec().getContainers().get(0).setImage("nginx");
            return p;
        });
        Map<String, Object> passed = awaitCell(learner, "nginx-typo", c -> "passed".equals(c.get("state")));
        assertThat(passed.get("pod")).isEqualTo("Running");
        assertThat(passed.get("passedAt")).isNotNull();
        assertThat(passed.get("attempts")).isEqualTo(0);
    }

    @Test
    void theLiveFeedSendsTheMatrixThenOnlyTheCellsThatChanged() throws Exception {
        String learner = "feed-learner";
        start(learner, "crasher");
        awaitCell(learner, "crasher", c -> "broken".equals(c.get("state")));

        Feed feed = follow();
        BlockingQueue<String[]> events = feed.events();
        try {
            String[] first = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first[0]).isEqualTo("matrix");
            assertThat(first[1]).contains("\"learner\":\"feed-learner\"").contains("\"crasher\":{\"state\":\"broken\"");

            start(learner, "postgres-misconfig");
            long deadline = System.nanoTime() + WAIT.toNanos();
            String[] change = null;
            while (System.nanoTime() < deadline) {
                String[] e = events.poll(500, TimeUnit.MILLISECONDS);
                if (e != null && e[0].equals("cells") && e[1].contains("\"scenario\":\"postgres-misconfig\"")
                        && e[1].contains("\"name\":\"feed-learner\"") && e[1].contains("\"state\":\"broken\"")) {
                    change = e;
                    break;
                }
            }
            assertThat(change).as("a cells event for feed-learner's postgres-misconfig").isNotNull();
            assertThat(change[1]).doesNotContain("\"scenario\":\"crasher\",\"cell\"");
        } finally {
            feed.response().body().close();
        }
    }

    @Test
    void aClassOf200LearnersIsOneCompactSnapshotAndThenSingleCells() throws Exception {
        List<String> scenarios = List.of("nginx-selector", "sleep-multiple", "nginx-typo", "postgres-misconfig", "crasher");
        String started = java.time.Instant.now().minusSeconds(600).toString();
        for (int i = 0; i < 200; i++) {
            String learner = String.format("scale-%03d", i);
            for (String scenario : scenarios) {
                Map<String, String> annotations = new java.util.HashMap<>(Map.of(
                        dev.breakfix.lab.BreakfixLabels.LEARNER_ID, learner, dev.breakfix.lab.BreakfixLabels.STARTED_AT, started,
                        dev.breakfix.lab.BreakfixLabels.ATTEMPTS, "2"));
                if ((i + scenario.length()) % 3 == 0) {
                    annotations.put(dev.breakfix.lab.BreakfixLabels.PASSED_AT, started);
                }
                client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                        .withName(LabKey.namespaceOf(learner, scenario))
                        .withLabels(Map.of(dev.breakfix.lab.BreakfixLabels.MANAGED_BY, dev.breakfix.lab.BreakfixLabels.MANAGED_BY_VALUE,
                                dev.breakfix.lab.BreakfixLabels.LEARNER, learner, dev.breakfix.lab.BreakfixLabels.SCENARIO, scenario,
                                "test.breakfix.dev/scale", "true"))
                        .withAnnotations(annotations).endMetadata().build()).create();
            }
        }
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Map<String, Object>> rows = List.of();
            while (System.nanoTime() < deadline) {
                rows = given().header("Authorization", INSTRUCTOR).when().get("/api/class/matrix").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("learners").stream()
                        .filter(r -> ((String) r.get("name")).startsWith("scale-")).toList();
                if (rows.size() == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(rows).hasSize(200);
            assertThat(rows).allSatisfy(r -> assertThat((Map<String, Object>) r.get("cells")).hasSize(5));

            Feed feed = follow();
            BlockingQueue<String[]> events = feed.events();
            try {
            String[] first = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first[0]).isEqualTo("matrix");
            assertThat(first[1]).contains("scale-199");
            assertThat(first[1].length()).as("the full matrix of 1000 labs stays compact").isLessThan(250_000);

            // one learner's lab changes: one small cells event, not the class again
            client.namespaces().withName(LabKey.namespaceOf("scale-042", "crasher")).edit(n -> {
                n.getMetadata().getAnnotations().put(dev.breakfix.lab.BreakfixLabels.PASSED_AT, java.time.Instant.now().toString());
                n.getMetadata().getAnnotations().put(dev.breakfix.lab.BreakfixLabels.ATTEMPTS, "3");
                return n;
            });
            String[] change = null;
            long until = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < until && change == null) {
                String[] e = events.poll(500, TimeUnit.MILLISECONDS);
                if (e != null && e[1].contains("scale-042")) {
                    change = e;
                }
            }
            assertThat(change).isNotNull();
            assertThat(change[0]).isEqualTo("cells");
            assertThat(change[1]).contains("\"scenario\":\"crasher\"").contains("\"attempts\":3").doesNotContain("scale-041");
            assertThat(change[1].length()).isLessThan(1_000);
            } finally {
                feed.response().body().close();
            }
        } finally {
            client.namespaces().withLabel("test.breakfix.dev/scale", "true").delete();
        }
    }

    record Feed(BlockingQueue<String[]> events, HttpResponse<java.io.InputStream> response) {
    }

    /** Follows the live matrix as the instructor; the events arrive in the returned queue. */
    private Feed follow() throws Exception {
        BlockingQueue<String[]> events = new ArrayBlockingQueue<>(1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/api/class/matrix/live"))
                .header("Authorization", INSTRUCTOR).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && event != null) {
                        events.offer(new String[] { event, data.toString() });
                        event = null;
                        data.setLength(0);
                    }
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Feed(events, response);
    }
}
