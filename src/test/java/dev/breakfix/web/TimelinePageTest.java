package dev.breakfix.web;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.breakfix.lab.LabKey;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;

/** The back-off timeline on the lab page, in its live stream, and in the lab's JSON. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class TimelinePageTest extends MockClusterPageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    private LabKey crashLooping(String learner) {
        String cookie = WebFixture.join(learner);
        LabKey lab = WebFixture.start(cookie, learner, "postgres-misconfig", cluster);
        boolean looping = cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), "postgres")
                .filter(p -> p.getStatus() != null).map(p -> p.getStatus().getContainerStatuses())
                .filter(s -> s != null && !s.isEmpty()).map(s -> s.get(0))
                .filter(s -> s.getRestartCount() != null && s.getRestartCount() >= 1)
                .map(ContainerStatus::getState)
                .map(st -> st.getWaiting() != null && "CrashLoopBackOff".equals(st.getWaiting().getReason()))
                .orElse(false), WAIT);
        assertThat(looping).as("postgres reaches CrashLoopBackOff").isTrue();
        cookies.put(learner, cookie);
        return lab;
    }

    private static final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void theLabPageDrawsTheStartsAndTheNextOnePredicted() {
        crashLooping("Tim Line");
        String html = given().cookie(LearnerSessions.COOKIE, cookies.get("Tim Line")).when().get("/labs/postgres-misconfig")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("Attempts over time").contains("<svg class=\"timeline-svg\"")
                .contains("data-container=\"postgres\"")
                .contains("data-kind=\"start\" data-number=\"1\"").contains("data-kind=\"start\" data-number=\"2\"")
                .containsPattern("class=\"tl-next[^\"]*\" data-kind=\"start\"")
                .contains("/assets/timeline.css")
                .containsPattern(">now \\d+:\\d\\d</text>").containsPattern(">next (~\\d+:\\d\\d|: due now)</text>");
        String zh = given().cookie(LearnerSessions.COOKIE, cookies.get("Tim Line")).queryParam("lang", "zh")
                .when().get("/labs/postgres-misconfig").then().statusCode(200).extract().asString();
        assertThat(zh).as("the chart's labels in the page's language")
                .containsPattern(">现在 \\d+:\\d\\d</text>").containsPattern(">下一次(：马上就到| ~\\d+:\\d\\d)</text>");
        given().when().get("/assets/timeline.css").then().statusCode(200);
    }

    @Test
    void theLabsJsonCarriesTheTimeline() {
        LabKey lab = crashLooping("Json Timeline");
        JsonPath json = given().header("Authorization", "Bearer test-grader")
                .when().get("/api/labs/{l}/{s}", lab.learner().name(), "postgres-misconfig")
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("timelines[0].pod")).isEqualTo("postgres");
        List<Map<String, Object>> attempts = json.getList("timelines[0].containers[0].attempts");
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attempts).allSatisfy(a -> assertThat(a.get("kind")).isEqualTo("START"));
        assertThat(attempts.get(0).get("inferred")).isEqualTo(false);
        assertThat(json.getString("timelines[0].containers[0].next.kind")).isEqualTo("START");
        assertThat(json.getInt("timelines[0].containers[0].next.delaySeconds")).isEqualTo(10);
        assertThat(json.getString("timelines[0].containers[0].next.at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void theLiveStreamSendsTheTimeline() throws Exception {
        crashLooping("Live Line");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString() + "labs/postgres-misconfig/live"))
                .header("Cookie", LearnerSessions.COOKIE + "=" + cookies.get("Live Line"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> timeline = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                boolean inTimeline = false;
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("event:")) {
                        inTimeline = line.substring(6).trim().equals("timeline");
                    } else if (inTimeline && line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (inTimeline && line.isEmpty() && data.length() > 0) {
                        return data.toString();
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String html = timeline.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(html).contains("timeline-svg").contains("data-kind=\"start\"");
        } finally {
            response.body().close();
        }
    }
}
