package dev.breakfix.gradebook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.access.LearnerHome;
import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.cluster.ClusterState;
import dev.breakfix.grading.Grader;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.progress.Progress;
import dev.breakfix.progress.ProgressStore;
import dev.breakfix.support.LabFlow;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.testing.FakeCluster;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The gradebook exports exactly what the cluster records on the lab namespaces: grades go in through the API,
 * hints through the same store the hint button uses, and every exported field is compared with the namespace
 * annotations read back from the API server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(MockClusterProfile.class)
class GradebookTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterState cluster;

    @Inject
    Grader grader;

    @Inject
    Catalog catalog;

    @Inject
    ProgressStore progress;

    @Inject
    LearnerSessions sessions;

    static FakeCluster fake;
    LabFlow flow;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void fixture() {
        if (fake == null) {
            fake = new FakeCluster(server.getClient(), Clock.systemUTC()).start();
            classWithHistory();
        }
        flow = new LabFlow(cluster, grader);
    }

    @AfterAll
    static void stopFixture() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    /**
     * ana: nginx-typo graded broken, then fixed and passed, 2 hints; crasher started, never graded.
     * "@bo": sleep-multiple graded once (failing), 1 hint. cleo: only a home namespace (joined, started nothing).
     * A preflight scratch learner, which is not part of the class.
     */
    private void classWithHistory() {
        // first, so that the namespace watch has delivered it before the later changes awaited below
        client.resource(LearnerHome.namespaceObject(LearnerId.of("cleo"))).create();
        LabKey typo = flow().start("ana", "nginx-typo");
        flow().awaitState(typo, Set.of("ImagePullBackOff", "ErrImagePull"));
        assertThat(flow().grade(typo, "0s").passed()).isFalse();
        flow().post(typo, "solve");
        assertThat(flow().grade(typo, "20s").passed()).isTrue();
        progress.recordHintsUsed(typo.namespace(), 2);
        flow().start("ana", "crasher");

        LabKey sleep = flow().start("@bo", "sleep-multiple");
        flow().awaitState(sleep, Set.of("Unschedulable"));
        assertThat(flow().grade(sleep, "0s").passed()).isFalse();
        progress.recordHintsUsed(sleep.namespace(), 1);

        flow().start(LearnerId.SCRATCH_PREFIX + "abc-1", "nginx-typo");

        for (LabKey lab : List.of(typo, sleep)) {
            Namespace stored = client.namespaces().withName(lab.namespace()).get();
            assertThat(cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                    .map(ns -> ns.getMetadata().getAnnotations().equals(stored.getMetadata().getAnnotations()))
                    .orElse(false), WAIT)).as("cache caught up with %s", lab.namespace()).isTrue();
        }
        assertThat(cluster.labNamespace(LearnerHome.namespace(LearnerId.of("cleo")))).isPresent();
    }

    private LabFlow flow() {
        return new LabFlow(cluster, grader);
    }

    @Test
    void jsonHasARowPerLearnerAndScenarioWithExactlyWhatTheNamespacesRecord() throws Exception {
        JsonNode body = json.readTree(given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/class/gradebook.json")
                .then().statusCode(200).contentType("application/json").extract().asString());
        assertThat(Instant.parse(body.get("generatedAt").asText())).isBeforeOrEqualTo(Instant.now());
        List<JsonNode> rows = new ArrayList<>();
        body.get("rows").forEach(rows::add);

        List<String> scenarios = catalog.all().stream().map(Scenario::id).toList();
        assertThat(rows).extracting(r -> r.get("learner").asText() + "/" + r.get("scenario").asText())
                .containsExactlyElementsOf(expectedKeys(List.of("@bo", "ana", "cleo"), scenarios));
        for (JsonNode row : rows) {
            assertMatchesCluster(row.get("learner").asText(), row.get("scenario").asText(),
                    row.get("passed").asBoolean(), row.get("score").asInt(), row.get("maxScore").asInt(),
                    row.get("attempts").asInt(), row.get("firstPassedAt").isNull() ? null : row.get("firstPassedAt").asText(),
                    row.get("hintsUsed").asInt());
        }
        JsonNode anaTypo = find(rows, "ana", "nginx-typo");
        assertThat(anaTypo.get("passed").asBoolean()).isTrue();
        assertThat(anaTypo.get("score").asInt()).isEqualTo(5);
        assertThat(anaTypo.get("attempts").asInt()).isEqualTo(2);
        assertThat(anaTypo.get("hintsUsed").asInt()).isEqualTo(2);
        JsonNode cleo = find(rows, "cleo", "crasher");
        assertThat(cleo.get("passed").asBoolean()).isFalse();
        assertThat(cleo.get("score").asInt()).isZero();
        assertThat(cleo.get("maxScore").asInt()).as("the grader's 5 points and crasher's 3 question points").isEqualTo(8);
        assertThat(cleo.get("firstPassedAt").isNull()).isTrue();
    }

    @Test
    void csvCarriesTheSameRowsQuotedAndNeutralised() {
        String csv = given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/class/gradebook.csv")
                .then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"gradebook.csv\"")
                .extract().asString();
        assertThat(csv).endsWith("\r\n");
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("learner,scenario,passed,score,max_score,attempts,first_passed_at,hints_used");
        List<String> scenarios = catalog.all().stream().map(Scenario::id).toList();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertThat(f).hasSize(8);
            String learner = f[0].startsWith("'") ? f[0].substring(1) : f[0];
            keys.add(learner + "/" + f[1]);
            assertMatchesCluster(learner, f[1], Boolean.parseBoolean(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), f[6].isEmpty() ? null : f[6], Integer.parseInt(f[7]));
        }
        assertThat(keys).containsExactlyElementsOf(expectedKeys(List.of("@bo", "ana", "cleo"), scenarios));
        // a learner id a spreadsheet would run as a formula is text in the export
        assertThat(lines[1]).startsWith("'@bo,");
        assertThat(csv).doesNotContain("\n@bo").doesNotContain(LearnerId.SCRATCH_PREFIX);
    }

    @Test
    void resultsJsonFollowsGradescopesShapeAndTheRecordedGrades() throws Exception {
        JsonNode results = json.readTree(given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/learners/ana/results.json")
                .then().statusCode(200).contentType("application/json").extract().asString());
        assertThat(GradescopeShape.problems(results)).isEmpty();
        assertThat(results.get("tests")).hasSize(catalog.all().size());
        JsonNode typo = null;
        for (JsonNode t : results.get("tests")) {
            if (t.get("tags").get(0).asText().equals("nginx-typo")) {
                typo = t;
            } else {
                assertThat(t.get("status").asText()).isEqualTo("failed");
                assertThat(t.get("score").asDouble()).isZero();
            }
        }
        assertThat(typo).isNotNull();
        assertThat(typo.get("status").asText()).isEqualTo("passed");
        assertThat(typo.get("score").asDouble()).isEqualTo(5.0);
        assertThat(typo.get("max_score").asDouble()).isEqualTo(5.0);
        assertThat(typo.get("name").asText()).isEqualTo(catalog.get("nginx-typo").title());
        assertThat(typo.get("output").asText()).contains("graded 2 times").contains("2 hints");
        assertThat(results.get("score").asDouble()).isEqualTo(5.0);

        JsonNode bo = json.readTree(given().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .when().get("/api/learners/{l}/results.json", "@bo")
                .then().statusCode(200).extract().asString());
        assertThat(GradescopeShape.problems(bo)).isEmpty();
        JsonNode home = json.readTree(given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/learners/cleo/results.json").then().statusCode(200).extract().asString());
        assertThat(GradescopeShape.problems(home)).isEmpty();
        assertThat(home.get("score").asDouble()).isZero();
    }

    @Test
    void unknownLearnersAreNotFoundAndBadIdsAreRefused() {
        given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/learners/nobody/results.json")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/learners/{l}/results.json", LearnerId.SCRATCH_PREFIX + "abc-1")
                .then().statusCode(404);
        given().header("Authorization", MockClusterProfile.GRADER)
                .when().get("/api/learners/{l}/results.json", "a<b>")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyGradersAndInstructorsGetGrades() {
        String learnerCookie = sessions.sign("ana", Instant.now().plusSeconds(600));
        for (String path : List.of("/api/class/gradebook.csv", "/api/class/gradebook.json", "/api/learners/ana/results.json")) {
            given().when().get(path).then().statusCode(401);
            given().cookie(LearnerSessions.COOKIE, learnerCookie).when().get(path).then().statusCode(403);
            given().header("Authorization", "Bearer wrong").when().get(path).then().statusCode(401);
        }
        // the learner API still answers that cookie: it is valid, just not a grader's
        given().header("Authorization", MockClusterProfile.GRADER).when().get("/api/labs").then().statusCode(200);
    }

    // ---- helpers ----

    /** Never graded: the grader's checks plus the scenario's debugging questions, from the catalog. */
    private int maxOf(String scenario) {
        return 5 + catalog.get(scenario).questions().stream().mapToInt(dev.breakfix.catalog.Question::points).sum();
    }

    private void assertMatchesCluster(String learnerId, String scenario, boolean passed, int score, int maxScore,
            int attempts, String firstPassedAt, int hintsUsed) {
        LearnerId learner = LearnerId.of(learnerId);
        Namespace ns = client.namespaces().withName(LabKey.namespaceOf(learner.name(), scenario)).get();
        String at = learnerId + "/" + scenario;
        if (ns == null) {
            assertThat(List.of(passed, score, maxScore, attempts, hintsUsed)).as(at).containsExactly(false, 0, maxOf(scenario), 0, 0);
            assertThat(firstPassedAt).as(at).isNull();
            return;
        }
        Map<String, String> a = ns.getMetadata().getAnnotations();
        assertThat(attempts).as(at + " attempts").isEqualTo(Integer.parseInt(a.getOrDefault(BreakfixLabels.ATTEMPTS, "0")));
        assertThat(firstPassedAt == null ? null : Instant.parse(firstPassedAt)).as(at + " first pass")
                .isEqualTo(a.get(BreakfixLabels.PASSED_AT) == null ? null : Instant.parse(a.get(BreakfixLabels.PASSED_AT)));
        assertThat(hintsUsed).as(at + " hints")
                .isEqualTo(Integer.parseInt(a.getOrDefault(BreakfixLabels.HINTS_USED, "0")));
        String last = a.get(BreakfixLabels.LAST_GRADE);
        if (last == null) {
            assertThat(List.of(passed, score, maxScore)).as(at).containsExactly(false, 0, maxOf(scenario));
        } else {
            Progress.LastGrade g = Progress.fromAnnotations(a).lastGrade().orElseThrow();
            assertThat(last).startsWith(g.passed() + " " + g.score() + "/" + g.maxScore() + " ");
            assertThat(List.of(passed, score, maxScore)).as(at).containsExactly(g.passed(), g.score(), g.maxScore());
        }
    }

    private static List<String> expectedKeys(List<String> learners, List<String> scenarios) {
        List<String> keys = new ArrayList<>();
        for (String l : learners) {
            for (String s : scenarios) {
                keys.add(l + "/" + s);
            }
        }
        return keys;
    }

    private static JsonNode find(List<JsonNode> rows, String learner, String scenario) {
        return rows.stream().filter(r -> r.get("learner").asText().equals(learner) && r.get("scenario").asText().equals(scenario))
                .findFirst().orElseThrow();
    }
}
