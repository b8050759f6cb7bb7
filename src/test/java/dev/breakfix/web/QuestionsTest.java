package dev.breakfix.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.questions.Answers;
import dev.breakfix.web.session.LearnerSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Debugging questions: the learner answers, the grade counts the points, a reset forgets, bad input is refused. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class QuestionsTest extends MockClusterPageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INSTRUCTOR = "Bearer test-instructor";

    private static Response answer(String cookie, String scenario, String question, String body) {
        return given().cookie(LearnerSessions.COOKIE, cookie).contentType("application/json").body(body)
                .when().post("/learn/api/labs/{s}/questions/{q}", scenario, question);
    }

    private static JsonPath answerOk(String cookie, String scenario, String question, String answer) {
        return answer(cookie, scenario, question, json(answer)).then().statusCode(200).extract().jsonPath();
    }

    private static String json(String answer) {
        return "{\"answer\": \"" + answer.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"}";
    }

    private JsonPath grade(LabKey lab) {
        return given().header("Authorization", INSTRUCTOR).when()
                .post("/api/labs/{l}/{s}/grade", lab.learner().name(), lab.scenario())
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void rightWrongAndOddlyFormattedAnswersAreCountedAndNeverRevealed() {
        String cookie = WebFixture.join("Quinn Answer");
        WebFixture.start(cookie, "Quinn Answer", "crasher", cluster);

        JsonPath wrong = answerOk(cookie, "crasher", "exit-code", "1");
        assertThat(wrong.getBoolean("correct")).isFalse();
        assertThat(wrong.getInt("attempts")).isEqualTo(1);
        assertThat(wrong.getInt("points")).isZero();
        assertThat(wrong.getString("answer")).isEqualTo("1");

        JsonPath right = answerOk(cookie, "crasher", "exit-code", " 139 ");
        assertThat(right.getBoolean("correct")).isTrue();
        assertThat(right.getInt("attempts")).isEqualTo(2);
        assertThat(right.getInt("points")).isEqualTo(1);

        JsonPath after = answerOk(cookie, "crasher", "exit-code", "42");
        assertThat(after.getBoolean("correct")).as("a right answer stays right").isTrue();
        assertThat(after.getInt("attempts")).as("and counts no more").isEqualTo(2);

        JsonPath line = answerOk(cookie, "crasher", "crash-line", "crasher.c : 3");
        assertThat(line.getBoolean("correct")).isTrue();
        assertThat(line.getInt("attempts")).isEqualTo(1);

        String list = given().cookie(LearnerSessions.COOKIE, cookie).queryParam("lang", "zh")
                .when().get("/learn/api/labs/crasher/questions").then().statusCode(200).extract().asString();
        assertThat(list).contains("退出码").contains("\"attempts\":2").doesNotContain("\"answers\"")
                .doesNotContain("crasher.c:3\"");
    }

    @Test
    void postgresTakesTheVariableInAnyCase() {
        String cookie = WebFixture.join("Pat Gres");
        WebFixture.start(cookie, "Pat Gres", "postgres-misconfig", cluster);
        JsonPath r = answerOk(cookie, "postgres-misconfig", "missing-variable", "postgres_password");
        assertThat(r.getBoolean("correct")).isTrue();
    }

    @Test
    void questionPointsCountInTheGradeAndTheRecordedLastGradeAndAResetClearsThem() {
        String cookie = WebFixture.join("Sam Score");
        LabKey lab = WebFixture.start(cookie, "Sam Score", "crasher", cluster);

        JsonPath before = grade(lab);
        int checksMax = before.getList("checks.maxPoints", Integer.class).stream().mapToInt(Integer::intValue).sum();
        int checksScore = before.getList("checks.points", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertThat(before.getInt("maxScore")).isEqualTo(checksMax + 3);
        assertThat(before.getInt("score")).isEqualTo(checksScore);
        assertThat(before.getList("questions.id")).containsExactly("exit-code", "crash-line");
        assertThat(before.getList("questions.answered", Boolean.class)).containsOnly(false);

        answerOk(cookie, "crasher", "crash-line", "CRASHER.C:3");
        // the recorded last grade gains the points at once
        awaitAnnotation(lab, BreakfixLabels.LAST_GRADE, v -> v != null && v.contains(" " + (checksScore + 2) + "/" + (checksMax + 3) + " "));
        answerOk(cookie, "crasher", "exit-code", "138");

        JsonPath after = grade(lab);
        int checksNow = after.getList("checks.points", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertThat(after.getInt("score")).isEqualTo(checksNow + 2);
        assertThat(after.getInt("maxScore")).isEqualTo(checksMax + 3);
        List<Map<String, Object>> questions = after.getList("questions");
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0)).containsEntry("id", "exit-code").containsEntry("correct", false)
                .containsEntry("attempts", 1).containsEntry("answer", "138").containsEntry("points", 0);
        assertThat(questions.get(1)).containsEntry("id", "crash-line").containsEntry("correct", true)
                .containsEntry("points", 2).containsEntry("maxPoints", 2);
        assertThat(after.prettify()).doesNotContain("\"answers\"");
        awaitAnnotation(lab, BreakfixLabels.LAST_GRADE, v -> v != null && v.contains(" " + (checksNow + 2) + "/" + (checksMax + 3) + " "));

        given().header("Authorization", INSTRUCTOR).when().post("/api/labs/{l}/{s}/reset", lab.learner().name(), "crasher")
                .then().statusCode(200);
        awaitAnnotation(lab, Answers.ANNOTATION, v -> v == null);
        JsonPath cleared = given().cookie(LearnerSessions.COOKIE, cookie).when().get("/learn/api/labs/crasher/questions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(cleared.getList("attempts", Integer.class)).containsOnly(0);
        // one report: the new Pod moves on between two grades, so score and checks are compared within a single one
        JsonPath afterReset = grade(lab);
        assertThat(afterReset.getInt("score")).isEqualTo(afterReset.getList("checks.points", Integer.class).stream()
                .mapToInt(Integer::intValue).sum());
    }

    @Test
    void badAnswersAreRefusedWithAProblemAndCountNothing() {
        String cookie = WebFixture.join("Bad Input");
        LabKey lab = WebFixture.start(cookie, "Bad Input", "crasher", cluster);
        for (String body : List.of("{\"answer\": \"   \"}", "{}", "{\"answer\": null}",
                "{\"answer\": \"" + "9".repeat(201) + "\"}")) {
            answer(cookie, "crasher", "exit-code", body).then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("status", equalTo(400));
        }
        answer(cookie, "crasher", "exit-code", "{not json").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        answer(cookie, "crasher", "exit-code", "[\"139\"]").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        answer(cookie, "crasher", "no-such-question", json("139")).then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("detail", containsString("no-such-question"));
        answer(cookie, "nginx-typo", "exit-code", json("139")).then().statusCode(404);
        answer(cookie, "no-such-lab", "exit-code", json("139")).then().statusCode(404);
        given().cookie(LearnerSessions.COOKIE, cookie).contentType("text/plain").body("139")
                .when().post("/learn/api/labs/crasher/questions/exit-code").then().statusCode(415);
        assertThat(cluster.labNamespace(lab.namespace()).orElseThrow().getMetadata().getAnnotations())
                .doesNotContainKey(Answers.ANNOTATION);
    }

    @Test
    void aLabNotStartedHasNothingToAnswerAndOnlyLearnersMayAnswer() {
        String cookie = WebFixture.join("Not Started");
        answer(cookie, "crasher", "exit-code", json("139")).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", "Bearer test-grader").contentType("application/json").body(json("139"))
                .when().post("/learn/api/labs/crasher/questions/exit-code").then().statusCode(403);
        given().contentType("application/json").body(json("139"))
                .when().post("/learn/api/labs/crasher/questions/exit-code").then().statusCode(org.hamcrest.Matchers.oneOf(401, 302));
    }

    @Test
    void theLabPageShowsTheFormWithRightOrWrongAndAttemptsInTheLearnersLanguage() {
        String cookie = WebFixture.join("Page Form");
        WebFixture.start(cookie, "Page Form", "crasher", cluster);
        String html = given().cookie(LearnerSessions.COOKIE, cookie).when().get("/labs/crasher").then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("id=\"question-exit-code\"").contains("data-url=\"/learn/api/labs/crasher/questions/exit-code\"")
                .contains("What exit code").contains("/assets/questions.js");
        assertThat(section(html, "question-exit-code")).as("the answer is not in the form").doesNotContain("139");

        answerOk(cookie, "crasher", "exit-code", "11");
        answerOk(cookie, "crasher", "crash-line", "crasher.c:3");
        String zh = given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", "zh-CN,zh;q=0.9")
                .when().get("/labs/crasher").then().statusCode(200).extract().asString();
        assertThat(zh).contains("退出码");
        String en = given().cookie(LearnerSessions.COOKIE, cookie).when().get("/labs/crasher").then().statusCode(200)
                .extract().asString();
        assertThat(section(en, "question-exit-code")).contains("data-state=\"wrong\"").contains("1 attempt<")
                .doesNotContain("readonly");
        assertThat(section(en, "question-crash-line")).contains("data-state=\"right\"").contains("readonly")
                .contains("2/2 points");
        given().when().get("/assets/questions.js").then().statusCode(200);
    }

    private static String section(String html, String id) {
        int from = html.indexOf("id=\"" + id + "\"");
        assertThat(from).as(id).isPositive();
        return html.substring(from, html.indexOf("</form>", from));
    }

    private void awaitAnnotation(LabKey lab, String key, java.util.function.Predicate<String> ok) {
        boolean seen = cluster.await(lab.namespace(), () -> cluster.labNamespace(lab.namespace())
                .map(ns -> ns.getMetadata().getAnnotations() == null ? null : ns.getMetadata().getAnnotations().get(key))
                .map(ok::test).orElseGet(() -> ok.test(null)), WAIT);
        assertThat(seen).as("annotation %s of %s: %s", key, lab.namespace(),
                cluster.labNamespace(lab.namespace()).map(ns -> ns.getMetadata().getAnnotations()).orElse(null)).isTrue();
    }
}
