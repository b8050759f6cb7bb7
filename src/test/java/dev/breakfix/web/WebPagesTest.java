package dev.breakfix.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.diagnosis.Diagnoser;
import dev.breakfix.diagnosis.Events;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.cluster.ClusterHealthCheck;
import dev.breakfix.grading.GradeReport;
import dev.breakfix.web.pages.Frame;
import dev.breakfix.web.pages.GradeView;
import dev.breakfix.web.pages.JoinPage;
import dev.breakfix.web.pages.LabPages;
import dev.breakfix.web.pages.LogView;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;

/**
 * The learner's pages over HTTP: joining, sessions (forged, expired, a second device), every page and
 * fragment answering for the session's learner only, and escaping of learner and cluster text.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class WebPagesTest extends MockClusterPageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Inject
    KubernetesClient client;

    @Inject
    Catalog catalog;

    @Inject
    LearnerSessions sessions;

    // ---- joining and sessions -------------------------------------------------------------------

    @Test
    void theHomePageIsTheJoinForm() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        assertThat(html).contains("Join your class").contains("name=\"code\"").doesNotContain("Joining is closed");
    }

    @Test
    void joiningSetsASignedHttpOnlyLaxCookieAndListsTheLabsInTheChaptersOrder() {
        Response r = given().redirects().follow(false).formParam("name", "Ada Lovelace").formParam("code", "letmein")
                .when().post("/join");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/labs");
        String setCookie = r.header("Set-Cookie");
        assertThat(setCookie).contains(LearnerSessions.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/").containsIgnoringCase("Max-Age=43200");

        String html = page(r.cookie(LearnerSessions.COOKIE), "/labs");
        assertThat(html).contains("Ada Lovelace");
        List<String> titles = catalog.all().stream().map(Scenario::title).map(t -> t.replace("'", "&#39;")).toList();
        int last = -1;
        for (String title : titles) {
            int at = html.indexOf(title);
            assertThat(at).as("%s after the previous lab", title).isGreaterThan(last);
            last = at;
        }
        assertThat(html).contains("Not started");
        // the home page sends a learner with a session on to the labs
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, r.cookie(LearnerSessions.COOKIE))
                .when().get("/").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/labs"));
    }

    @Test
    void aWrongCodeShowsTheFormAgainWithAnErrorAndNoSession() {
        Response r = given().redirects().follow(false).formParam("name", "Mallory").formParam("code", "guess")
                .when().post("/join");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.body().asString()).contains("join code is not right").contains("value=\"Mallory\"");
    }

    @Test
    void withoutASessionPagesRedirectToTheJoinPageAndApisAnswer401() {
        for (String path : List.of("/labs", "/labs/nginx-typo", "/labs/nginx-typo/panel", "/labs/nginx-typo/logs?pod=nginx&container=nginx")) {
            given().redirects().follow(false).when().get(path)
                    .then().statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/"));
        }
        given().redirects().follow(false).when().post("/labs/nginx-typo/check")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/"));
        given().redirects().follow(false).header("HX-Request", "true").when().post("/labs/nginx-typo/check")
                .then().statusCode(401).header("HX-Redirect", "/");
        given().redirects().follow(false).when().get("/learn/api/labs/nginx-typo/manifest/pod/nginx")
                .then().statusCode(401);
    }

    @Test
    void aForgedCookieIsRefused() {
        String valid = WebFixture.join("victor");
        String[] parts = valid.split("\\.");
        String otherId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes());
        List<String> forged = List.of(
                parts[0] + "." + otherId + "." + parts[2] + "." + parts[3],          // another learner, same signature
                parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86400) + "." + parts[3], // longer life
                valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA"), // bad signature
                "v1.bWFsbG9yeQ.9999999999.", "garbage", "");
        for (String cookie : forged) {
            given().redirects().follow(false).cookie(LearnerSessions.COOKIE, cookie).when().get("/labs")
                    .then().statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/"));
        }
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, valid).when().get("/labs").then().statusCode(200);
    }

    @Test
    void anExpiredCookieIsRefused() {
        String expired = sessions.sign("ernest", Instant.now().minusSeconds(1));
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, expired).when().get("/labs")
                .then().statusCode(302);
        String fresh = sessions.sign("ernest", Instant.now().plusSeconds(60));
        given().redirects().follow(false).cookie(LearnerSessions.COOKIE, fresh).when().get("/labs")
                .then().statusCode(200);
    }

    @Test
    void aSecondDeviceWithTheSameNameContinuesTheSameLearner() {
        String laptop = WebFixture.join("Dana Scully");
        String tablet = WebFixture.join("Dana Scully");
        LabKey lab = WebFixture.start(laptop, "Dana Scully", "nginx-typo", cluster);
        assertThat(page(tablet, "/labs/nginx-typo")).contains(lab.namespace()).contains("data-status=\"BROKEN\"");
    }

    // ---- the lab page -------------------------------------------------------------------------

    @Test
    void theLabPageFillsInTheLearnersOwnValues() {
        String cookie = WebFixture.join("linus");
        String html = page(cookie, "/labs/nginx-selector");
        assertThat(html).contains("kubectl -n bf-linus-nginx-selector get pods -o wide")
                .contains("breakfix.dev/purpose-linus=special")
                .doesNotContain("BFXATTR")
                .contains("class=\"listingblock\"");
        String sleep = page(cookie, "/labs/sleep-multiple");
        assertThat(sleep).doesNotContain("{cpu-request}").containsPattern("request, <code>\\d+</code>");
    }

    @Test
    void hintsAreRevealedOneAtATimeAndRemembered() {
        String cookie = WebFixture.join("hinty");
        LabKey lab = WebFixture.start(cookie, "hinty", "nginx-typo", cluster);
        List<String> hints = catalog.get("nginx-typo").hints();

        String first = fragment(cookie, "/labs/nginx-typo/hints?reveal=1");
        assertThat(first).contains("Hint 1").doesNotContain("Hint 2").contains("Reveal hint 2 of " + hints.size());
        // asking for hint 4 when one is shown reveals the next one only
        String second = fragment(cookie, "/labs/nginx-typo/hints?reveal=2");
        assertThat(second).contains("Hint 2").doesNotContain("Hint 3");
        cluster.await(lab.namespace(), () -> "2".equals(annotation(lab, BreakfixLabels.HINTS_USED)), WAIT);
        assertThat(page(cookie, "/labs/nginx-typo")).contains("Hint 2").contains("Reveal hint 3 of");
    }

    @Test
    void theSolutionIsHiddenUntilAPass() {
        String cookie = WebFixture.join("sol");
        String html = page(cookie, "/labs/nginx-typo");
        assertThat(html).contains("Opens once your fix passes").doesNotContain("class=\"solution-steps\"");
    }

    @Test
    void checkingALabThatIsNotStartedSaysSo() {
        String cookie = WebFixture.join("nostart");
        assertThat(fragment(cookie, "/labs/crasher/check")).contains("This lab is not started");
    }

    @Test
    void anUnknownLabIsANotFoundPage() {
        String cookie = WebFixture.join("lost");
        given().cookie(LearnerSessions.COOKIE, cookie).when().get("/labs/no-such-lab")
                .then().statusCode(404).body(org.hamcrest.Matchers.containsString("There is no lab by that name"));
    }

    // ---- isolation: the learner comes from the session only ---------------------------------

    @Test
    void aLearnerCannotOpenChangeOrGradeAnotherLearnersLab() {
        String bob = WebFixture.join("bob");
        LabKey bobs = WebFixture.start(bob, "bob", "nginx-typo", cluster);
        awaitWorkload(bobs, Set.of("ImagePullBackOff", "ErrImagePull"));
        String alice = WebFixture.join("alice");

        // every page and fragment shows alice's own (not started) lab, whatever the URL says
        String page = page(alice, "/labs/nginx-typo?learner=bob&namespace=" + bobs.namespace());
        assertThat(page).contains("bf-alice-nginx-typo").doesNotContain(bobs.namespace()).contains("data-status=\"NOT_STARTED\"");
        assertThat(fragment(alice, "/labs/nginx-typo/panel", "GET")).doesNotContain("nginz").doesNotContain(bobs.namespace());
        assertThat(fragment(alice, "/labs/nginx-typo/logs?pod=nginx&container=nginx", "GET")).contains("No such Pod");
        given().cookie(LearnerSessions.COOKIE, alice).when().get("/labs/bob/nginx-typo").then().statusCode(404);
        given().cookie(LearnerSessions.COOKIE, alice).when().get("/labs/" + bobs.namespace()).then().statusCode(404);

        // grading, hints and reset act on alice's lab, which is not started
        assertThat(fragment(alice, "/labs/nginx-typo/check")).contains("not started");
        assertThat(fragment(alice, "/labs/nginx-typo/reset")).contains("not started");
        fragment(alice, "/labs/nginx-typo/hints?reveal=3");
        assertThat(annotation(bobs, BreakfixLabels.ATTEMPTS)).isNull();
        assertThat(annotation(bobs, BreakfixLabels.HINTS_USED)).isNull();

        // the instructors' API is not open to learners
        given().cookie(LearnerSessions.COOKIE, alice).when().get("/api/labs/bob/nginx-typo").then().statusCode(403);
        given().cookie(LearnerSessions.COOKIE, alice).when().post("/api/labs/bob/nginx-typo/grade").then().statusCode(403);
        given().cookie(LearnerSessions.COOKIE, alice).when().post("/api/labs/bob/nginx-typo/reset").then().statusCode(403);

        // the learner actions resolve to alice's lab too
        int deleted = given().cookie(LearnerSessions.COOKIE, alice).when().delete("/learn/api/labs/nginx-typo/pods/nginx")
                .then().extract().statusCode();
        assertThat(deleted).isGreaterThanOrEqualTo(400);
        assertThat(cluster.pod(bobs.namespace(), "nginx")).isPresent();
        assertThat(client.pods().inNamespace(bobs.namespace()).withName("nginx").get().getMetadata().getDeletionTimestamp()).isNull();
    }

    // ---- escaping -----------------------------------------------------------------------------

    @Test
    void aLearnerNameWithMarkupIsShownAsText() {
        Response r = given().redirects().follow(false).formParam("name", SCRIPT).formParam("code", "letmein").when().post("/join");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.body().asString()).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"").doesNotContain(SCRIPT);

        String cookie = WebFixture.join("Zoë O'Brien".replace("'", ""));
        assertThat(page(cookie, "/labs")).contains("Zoë OBrien");
    }

    @Test
    void anEventMessageWithMarkupIsShownAsText() {
        String cookie = WebFixture.join("xss-events");
        LabKey lab = WebFixture.start(cookie, "xss-events", "nginx-typo", cluster);
        Pod pod = awaitPod(lab, "nginx");
        client.v1().events().inNamespace(lab.namespace()).resource(new EventBuilder()
                .withNewMetadata().withName("nginx.xss").withNamespace(lab.namespace()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("nginx").withNamespace(lab.namespace())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("Evil").withMessage(SCRIPT)
                .withFirstTimestamp(Instant.now().toString()).withLastTimestamp(Instant.now().toString()).withCount(1)
                .withNewSource().withComponent("kubelet").endSource()
                .build()).create();
        cluster.await(lab.namespace(), () -> cluster.events(lab.namespace()).stream()
                .anyMatch(e -> "Evil".equals(e.getReason())), WAIT);

        String panel = fragment(cookie, "/labs/nginx-typo/panel", "GET");
        assertThat(panel).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
        assertThat(page(cookie, "/labs/nginx-typo")).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
    }

    @Test
    void aLogLineWithMarkupIsShownAsText() {
        String html = LabPages.Templates.lab$logs(new LogView("nginx", "nginx", false, "GET / " + SCRIPT + "\n", null),
                "bf-x-nginx-typo").render();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
    }

    @Test
    void aPodLogIsReadFromTheLearnersOwnPodAndShownAsText() {
        String cookie = WebFixture.join("logger");
        LabKey lab = WebFixture.start(cookie, "logger", "nginx-typo", cluster);
        awaitPod(lab, "nginx");
        String base = "/api/v1/namespaces/" + lab.namespace() + "/pods/nginx/log?container=nginx";
        server.expect().get().withPath(base + "&tailLines=200").andReturn(200, "GET /" + SCRIPT + " 404\n").always();
        server.expect().get().withPath(base + "&previous=true&tailLines=200").andReturn(400, new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withStatus("Failure").withCode(400).withReason("BadRequest")
                .withMessage("previous terminated container \"nginx\" in pod \"nginx\" not found").build()).always();

        String log = fragment(cookie, "/labs/nginx-typo/logs?pod=nginx&container=nginx", "GET");
        assertThat(log).contains("kubectl -n " + lab.namespace() + " logs nginx -c nginx")
                .contains("GET /&lt;script&gt;alert(1)&lt;/script&gt; 404").doesNotContain(SCRIPT);
        assertThat(fragment(cookie, "/labs/nginx-typo/logs?pod=nginx&container=nginx&previous=true", "GET"))
                .contains("No log yet").contains("no previous run");
        assertThat(fragment(cookie, "/labs/nginx-typo/logs?pod=nginx&container=evil", "GET")).contains("No such container");
    }

    // ---- rendering of states the mock cluster does not reach on its own -------------------------

    @Test
    void aFixInItsStabilityWindowShowsACountdownAndReGradesWithAWait() {
        GradeReport report = new GradeReport("amy", "nginx-typo", "bf-amy-nginx-typo", false, 4, 5,
                "nginx has run for 0 s of 2 s.", List.of(), List.of(), 1, Instant.now(), null, 6L);
        String html = LabPages.Templates.lab$grade(new GradeView("nginx-typo", report, null, null)).render();
        assertThat(html).contains("data-result=\"settling\"").contains("Stable for 6 more seconds…")
                .contains("hx-post=\"/labs/nginx-typo/check?wait=8\"").contains("hx-trigger=\"load\"")
                .doesNotContain("Fixed!");
    }

    @Test
    void everyPageSaysSoWhenTheClusterCannotBeReached() {
        Frame frame = new Frame("amy", "No Kubernetes cluster reachable at https://10.0.0.1:6443/: Connection refused",
                ClusterHealthCheck.WHAT_TO_DO);
        String html = LabPages.Templates.labs(frame, List.of(), 0).render();
        assertThat(html).contains("role=\"alert\"").contains("The Kubernetes cluster cannot be reached")
                .contains("Connection refused").contains("KUBECONFIG");
        assertThat(JoinPage.Templates.join(frame, true, null, null).render()).contains("The Kubernetes cluster cannot be reached");
        assertThat(page(WebFixture.join("healthy"), "/labs")).doesNotContain("cannot be reached");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String page(String cookie, String path) {
        return given().cookie(LearnerSessions.COOKIE, cookie).when().get(path)
                .then().statusCode(200).extract().asString();
    }

    private static String fragment(String cookie, String path) {
        return fragment(cookie, path, "POST");
    }

    private static String fragment(String cookie, String path, String method) {
        var request = given().cookie(LearnerSessions.COOKIE, cookie).header("HX-Request", "true");
        Response r = method.equals("GET") ? request.when().get(path) : request.when().post(path);
        assertThat(r.statusCode()).as("%s %s", method, path).isEqualTo(200);
        return r.body().asString();
    }

    private String annotation(LabKey lab, String key) {
        return cluster.labNamespace(lab.namespace()).map(ns -> ns.getMetadata().getAnnotations())
                .map(a -> a.get(key)).orElse(null);
    }

    private Pod awaitPod(LabKey lab, String name) {
        assertThat(cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), name).isPresent(), WAIT)).isTrue();
        return cluster.pod(lab.namespace(), name).orElseThrow();
    }

    private void awaitWorkload(LabKey lab, Set<String> states) {
        boolean reached = cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), "nginx")
                .map(p -> states.contains(Diagnoser.diagnose(p, Events.forPod(cluster.events(lab.namespace()), p), Instant.now())
                        .state().name()))
                .orElse(false), WAIT);
        assertThat(reached).as("%s reached %s", lab.namespace(), states).isTrue();
    }
}
