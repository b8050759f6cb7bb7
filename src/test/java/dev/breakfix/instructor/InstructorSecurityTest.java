package dev.breakfix.instructor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.breakfix.web.WebTestProfile;
import dev.breakfix.web.session.LearnerSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may use the instructor's cockpit: the sign-in (good and bad, cookie flags), and every instructor page
 * and endpoint refused to anonymous callers, learners and graders, with CSRF protection for the session.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class InstructorSecurityTest {

    static final String NAME = "trainer";
    static final String PASSWORD = "trainer-secret";

    /** Every instructor page (GET). */
    static final List<String> PAGES = List.of("/instructor", "/instructor/preflight", "/instructor/labs/ana/nginx-typo",
            "/instructor/labs/ana/nginx-typo/live");

    /** Every instructor endpoint under /api/class, with its method (contract of issue 5). */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] { "GET", "/api/class/matrix" },
            new String[] { "GET", "/api/class/matrix/live" },
            new String[] { "POST", "/api/class/operations" },
            new String[] { "GET", "/api/class/operations" },
            new String[] { "GET", "/api/class/operations/unknown" },
            new String[] { "POST", "/api/class/end" },
            new String[] { "POST", "/api/class/preflight" },
            new String[] { "GET", "/api/class/preflight" },
            new String[] { "POST", "/api/class/preflight/prepull" });

    @Inject
    LearnerSessions learnerSessions;

    @Inject
    InstructorSessions sessions;

    static String signIn(String name, String password) {
        Response r = given().redirects().follow(false).formParam("name", name).formParam("password", password)
                .when().post("/instructor/login");
        assertThat(r.statusCode()).as("sign in as %s: %s", name, r.body().asString()).isEqualTo(303);
        return r.cookie(InstructorSessions.COOKIE);
    }

    private String learnerCookie() {
        return learnerSessions.sign("Ada Lovelace", Instant.now().plusSeconds(600));
    }

    private static Response call(RequestSpecification spec, String method, String path) {
        spec = spec.redirects().follow(false);
        return method.equals("GET") ? spec.get(path) : spec.contentType("application/json").body("{}").post(path);
    }

    @Test
    void signingInWithAnAccountSetsAStrictHttpOnlySignedCookieAndOpensTheMatrix() {
        Response r = given().redirects().follow(false).formParam("name", NAME).formParam("password", PASSWORD)
                .formParam("next", "/instructor/preflight").when().post("/instructor/login");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/instructor/preflight");
        String setCookie = r.header("Set-Cookie");
        assertThat(setCookie).contains(InstructorSessions.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/").containsIgnoringCase("Max-Age=43200");
        String cookie = r.cookie(InstructorSessions.COOKIE);
        String html = given().cookie(InstructorSessions.COOKIE, cookie).when().get("/instructor")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"matrix\"").contains("id=\"instructor-name\">trainer<")
                .contains("name=\"breakfix-csrf\" content=\"" + sessions.csrfToken(cookie) + "\"");
    }

    @Test
    void anInstructorTokenWorksAsThePasswordButAGraderTokenDoesNot() {
        assertThat(signIn("Grace", "test-instructor")).isNotBlank();
        Response grader = given().redirects().follow(false).formParam("name", "Grace").formParam("password", "test-grader")
                .when().post("/instructor/login");
        assertThat(grader.statusCode()).isEqualTo(401);
        assertThat(grader.header("Set-Cookie")).isNull();
    }

    @Test
    void aFailedSignInSaysSoWithoutTellingWhichPartWasWrong() {
        Response wrongPassword = given().redirects().follow(false).formParam("name", NAME).formParam("password", "nope")
                .when().post("/instructor/login");
        Response wrongName = given().redirects().follow(false).formParam("name", "nobody").formParam("password", PASSWORD)
                .when().post("/instructor/login");
        for (Response r : List.of(wrongPassword, wrongName)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.header("Set-Cookie")).isNull();
            assertThat(r.body().asString()).contains("Sign-in failed: that name and password do not match an instructor account.");
        }
        assertThat(wrongPassword.body().asString().replace("nobody", NAME))
                .isEqualTo(wrongName.body().asString().replace("nobody", NAME));
        // markup typed as a name comes back as text
        Response xss = given().formParam("name", "<script>x()</script>").formParam("password", "x").when().post("/instructor/login");
        assertThat(xss.body().asString()).doesNotContain("<script>x()").contains("&lt;script&gt;x()&lt;/script&gt;");
    }

    @Test
    void withoutASessionPagesGoToTheSignInAndEndpointsAnswer401() {
        for (String page : PAGES) {
            given().redirects().follow(false).when().get(page).then().statusCode(302)
                    .header("Location", org.hamcrest.Matchers.startsWith("/instructor/login?next="));
        }
        for (String[] e : ENDPOINTS) {
            assertThat(call(given(), e[0], e[1]).statusCode()).as("%s %s", e[0], e[1]).isEqualTo(401);
        }
        // a forged or expired session is no session
        String expired = sessions.issue(NAME, Instant.now().minusSeconds(5));
        String learnerValue = learnerCookie();
        for (String cookie : List.of(expired, learnerValue, "v1.dHJhaW5lcg.9999999999.AAAA")) {
            given().redirects().follow(false).cookie(InstructorSessions.COOKIE, cookie).when().get("/instructor")
                    .then().statusCode(302);
            assertThat(call(given().cookie(InstructorSessions.COOKIE, cookie), "GET", "/api/class/matrix").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void learnersAndGradersAreRefusedEverywhere() {
        String learner = learnerCookie();
        for (String page : PAGES) {
            Response r = given().redirects().follow(false).cookie(LearnerSessions.COOKIE, learner).when().get(page);
            assertThat(r.statusCode()).as("learner on %s", page).isEqualTo(403);
            Response g = given().redirects().follow(false).header("Authorization", "Bearer test-grader").when().get(page);
            assertThat(g.statusCode()).as("grader on %s", page).isEqualTo(403);
        }
        String html = given().cookie(LearnerSessions.COOKIE, learner).when().get("/instructor").then().statusCode(403)
                .extract().asString();
        assertThat(html).contains("Instructors only").contains("/instructor/login");
        for (String[] e : ENDPOINTS) {
            assertThat(call(given().cookie(LearnerSessions.COOKIE, learner), e[0], e[1]).statusCode())
                    .as("learner: %s %s", e[0], e[1]).isEqualTo(403);
            assertThat(call(given().header("Authorization", "Bearer test-grader"), e[0], e[1]).statusCode())
                    .as("grader: %s %s", e[0], e[1]).isEqualTo(403);
        }
    }

    @Test
    void theSessionOpensEveryPageAndTheMatrixEndpoint() {
        String cookie = signIn(NAME, PASSWORD);
        for (String page : PAGES.subList(0, 2)) {
            given().cookie(InstructorSessions.COOKIE, cookie).when().get(page).then().statusCode(200);
        }
        // a lab page may wait for the lab texts' first rendering (Asciidoctor boots slowly on a busy machine)
        given().config(io.restassured.config.RestAssuredConfig.config().httpClient(io.restassured.config.HttpClientConfig
                .httpClientConfig().setParam("http.socket.timeout", 180_000)))
                .cookie(InstructorSessions.COOKIE, cookie).when().get(PAGES.get(2)).then().statusCode(200);
        given().cookie(InstructorSessions.COOKIE, cookie).when().get("/api/class/matrix").then().statusCode(200)
                .body("scenarios.id", org.hamcrest.Matchers.hasItems("nginx-typo", "crasher"));
        given().header("Authorization", "Bearer test-instructor").when().get("/api/class/matrix").then().statusCode(200);
        // the learner's own pages are not the instructor's
        given().redirects().follow(false).cookie(InstructorSessions.COOKIE, cookie).when().get("/labs").then().statusCode(302);
    }

    @Test
    void stateChangingRequestsWithTheCookieNeedTheCsrfTokenAndTheSameOrigin() {
        String cookie = signIn(NAME, PASSWORD);
        String token = sessions.csrfToken(cookie);
        Response missing = given().cookie(InstructorSessions.COOKIE, cookie).contentType("application/json").body("{}")
                .when().post("/api/class/matrix");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().asString()).contains("CSRF");
        given().cookie(InstructorSessions.COOKIE, cookie).header(InstructorSessions.CSRF_HEADER, token + "x")
                .contentType("application/json").body("{}").when().post("/api/class/matrix").then().statusCode(403);
        given().cookie(InstructorSessions.COOKIE, cookie).header(InstructorSessions.CSRF_HEADER, token)
                .header("Origin", "https://evil.example").contentType("application/json").body("{}")
                .when().post("/api/class/matrix").then().statusCode(403);
        // with the token the request gets through (and meets the method's real answer)
        int through = given().cookie(InstructorSessions.COOKIE, cookie).header(InstructorSessions.CSRF_HEADER, token)
                .contentType("application/json").body("{}").when().post("/api/class/matrix").statusCode();
        assertThat(through).isEqualTo(405);
        // a token belongs to its session
        String other = signIn(NAME, PASSWORD + "");
        if (!other.equals(cookie)) {
            given().cookie(InstructorSessions.COOKIE, other).header(InstructorSessions.CSRF_HEADER, token)
                    .contentType("application/json").body("{}").when().post("/api/class/matrix").then().statusCode(403);
        }
    }

    @Test
    void signingOutClearsTheCookie() {
        Response r = given().redirects().follow(false).when().post("/instructor/logout");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/instructor/login");
        assertThat(r.header("Set-Cookie")).contains(InstructorSessions.COOKIE + "=").containsIgnoringCase("Max-Age=0");
        given().redirects().follow(false).header("Origin", "https://evil.example").when().post("/instructor/logout")
                .then().statusCode(403);
    }

    @Test
    void theSignInOnlyRedirectsToInstructorPages() {
        assertThat(InstructorLogin.safeNext("https://evil.example/")).isEqualTo("/instructor");
        assertThat(InstructorLogin.safeNext("//evil.example/instructor")).isEqualTo("/instructor");
        assertThat(InstructorLogin.safeNext("/instructor//evil.example")).isEqualTo("/instructor");
        assertThat(InstructorLogin.safeNext("/instructor/labs/ana/crasher")).isEqualTo("/instructor/labs/ana/crasher");
    }
}
