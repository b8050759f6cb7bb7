package dev.breakfix.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.breakfix.lab.LabKey;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The texts Java builds (the grader's check messages and summary, the back-off timeline's tooltips, notes and
 * bases, the learner actions' results and refusals) follow the page's or the request's language: Chinese pages
 * and a zh grade report show none of the English sentences, and English stays as it was.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class I18nJavaTextsTest extends MockClusterPageTest {

    private static final String ZH = "zh-CN,zh;q=0.9,en;q=0.5";
    private static final String EN = "en-US,en;q=0.9";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** English sentences of the grader that a Chinese page or report must not show. */
    private static final List<String> ENGLISH_GRADE = List.of("not Running:", "Not checked:", " exists.",
            "was given another program", "is up for", "Not fixed yet.", "Fixed: the workload");

    @Test
    void theGradeOfABrokenLabIsInThePagesLanguageOnThePageAndInTheReport() {
        String cookie = WebFixture.join("Zhou Ping");
        LabKey lab = WebFixture.start(cookie, "Zhou Ping", "nginx-typo", cluster);
        awaitWaiting(lab, "nginx", "ErrImagePull", "ImagePullBackOff");

        String zh = fragment(cookie, "/labs/nginx-typo/check", ZH);
        assertThat(zh).contains("Pod nginx 存在。").contains("没有哪个被换成别的程序。")
                .containsPattern("nginx 的状态是 (ErrImagePull|ImagePullBackOff)（READY 0/1），不是 Running：")
                .contains("未检查：这个 Pod 还没有运行并就绪。");
        ENGLISH_GRADE.forEach(english -> assertThat(zh).as("Chinese grade without '%s'", english).doesNotContain(english));

        String en = fragment(cookie, "/labs/nginx-typo/check", EN);
        assertThat(en).contains("Pod nginx exists.").contains("none of them was given another program.")
                .containsPattern("nginx is (ErrImagePull|ImagePullBackOff) \\(READY 0/1\\), not Running: ")
                .contains("Not checked: the Pod is not running and ready yet.").doesNotContain("未检查");

        // the JSON report: human text in the asked language, machine fields as they are
        JsonPath report = grade(lab, "zh");
        assertThat(report.getList("checks.name")).containsExactly("present", "identity", "running", "stable");
        assertThat(report.getList("checks.points", Integer.class)).containsExactly(1, 1, 0, 0);
        assertThat(report.getList("checks.title")).containsExactly("工作负载存在",
                "仍是同一个工作负载：名字、容器和程序都没变", "每个容器都在运行并已就绪", "在稳定期内一直运行，没有重启");
        assertThat(report.getString("checks[2].message")).containsPattern("不是 Running：");
        // the lab's own wrong image is not a replacement of the program: the first failed check is that it does not run
        assertThat(report.getString("checks[1].message")).isEqualTo("Pod nginx 的容器是 [nginx]，没有哪个被换成别的程序。");
        assertThat(report.getString("summary")).isEqualTo(report.getString("checks[2].message"));
        assertThat(report.getBoolean("passed")).isFalse();
        String json = report.prettify();
        ENGLISH_GRADE.forEach(english -> assertThat(json).as("zh report without '%s'", english).doesNotContain(english));

        JsonPath english = grade(lab, null);
        assertThat(english.getList("checks.title")).containsExactly("The workload exists",
                "It is the same workload: name, containers and program", "Every container is running and ready",
                "It stays up without a restart for the stability window");
        assertThat(english.getBoolean("checks[1].passed")).isTrue();
        assertThat(english.getString("summary")).isEqualTo(english.getString("checks[2].message"))
                .doesNotContain("'nginx'"); // the broken state does not give the fix away
        assertThat(english.getString("checks[2].message")).containsPattern("^nginx is (ErrImagePull|ImagePullBackOff) \\(READY 0/1\\), not Running: ");
        assertThat(english.getString("checks[0].message")).isEqualTo("Pod nginx exists.");
    }

    @Test
    void theCrashLoopsTimelineAndGradeAreInChineseOnAChinesePage() {
        String cookie = WebFixture.join("Qian Hui");
        LabKey lab = WebFixture.start(cookie, "Qian Hui", "crasher", cluster);
        boolean looping = cluster.await(lab.namespace(), () -> cluster.pods(lab.namespace()).stream()
                .map(p -> firstStatus(p)).anyMatch(s -> s != null && s.getRestartCount() != null && s.getRestartCount() >= 1
                        && s.getState() != null && s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason())), WAIT);
        assertThat(looping).as("crasher reaches CrashLoopBackOff after a restart").isTrue();

        String zh = page(cookie, "/labs/crasher", ZH);
        assertThat(zh).contains("<title>第 1 次启动，时间 ").containsPattern("（Pod 创建后 \\d+:\\d\\d）：").contains("<title>第 2 次启动，时间 ")
                .containsPattern("<title>预计第 3 次启动在 \\d\\d:\\d\\d:\\d\\d UTC 左右：(kubelet 的消息|退避规则)")
                .contains("，从上一次运行结束时算起（lastState.terminated.finishedAt）")
                .containsPattern("<li data-kind=\"START\" data-inferred=\"false\">第 1 次启动：[0-9T:.-]+Z，观察到（[^<]+）</li>");
        assertThat(zh).as("the timeline's tooltips and list in Chinese").doesNotContain("after the Pod was created")
                .doesNotContain("expected at about").doesNotContain("observed, ").doesNotContain("inferred from the")
                .doesNotContain("back-off rule").doesNotContain("after the last run ended").doesNotContain("Started event,")
                .doesNotContain("cap)");

        String en = page(cookie, "/labs/crasher", EN);
        assertThat(en).contains("<title>Start 1 at ").containsPattern(" \\(\\d+:\\d\\d after the Pod was created\\): ")
                .containsPattern("<title>Start 3 expected at about \\d\\d:\\d\\d:\\d\\d UTC: ")
                .contains("after the last run ended (lastState.terminated.finishedAt)").doesNotContain("第 1 次启动")
                .containsPattern("<li data-kind=\"START\" data-inferred=\"false\">Start 1: [0-9T:.-]+Z, observed \\([^<]+\\)</li>");

        String grade = fragment(cookie, "/labs/crasher/check", ZH);
        assertThat(grade).containsPattern("Pod crasher-[a-z0-9-]+ 存在。")
                .containsPattern("的状态是 (CrashLoopBackOff|Error)（READY 0/1），不是 Running：");
        ENGLISH_GRADE.forEach(english -> assertThat(grade).as("Chinese grade without '%s'", english).doesNotContain(english));
    }

    @Test
    void actionResultsAndRefusalsAreInThePagesLanguage() {
        String cookie = WebFixture.join("Sun Li");
        LabKey lab = WebFixture.start(cookie, "Sun Li", "nginx-typo", cluster);
        awaitWaiting(lab, "nginx", "ErrImagePull", "ImagePullBackOff");

        Response refusedZh = setImage(cookie, "ngin x", ZH);
        assertThat(refusedZh.statusCode()).isEqualTo(400);
        assertThat(refusedZh.jsonPath().getString("type")).isEqualTo("urn:breakfix:action:invalid-request");
        assertThat(refusedZh.jsonPath().getString("detail")).isEqualTo("“ngin x”不是一个镜像引用。");
        assertThat(refusedZh.jsonPath().getString("explanation")).startsWith("镜像引用是像 nginx、nginx:1.25")
                .doesNotContain("An image reference is");
        Response refusedEn = setImage(cookie, "ngin x", EN);
        assertThat(refusedEn.jsonPath().getString("detail")).isEqualTo("'ngin x' is not an image reference.");
        assertThat(refusedEn.jsonPath().getString("explanation")).startsWith("An image reference is a name such as nginx");
        // an API client that asks for no language gets English
        assertThat(given().cookie(LearnerSessions.COOKIE, cookie).contentType("application/json")
                .body(Map.of("kind", "pod", "name", "nginx", "container", "nginx", "image", "ngin x"))
                .when().post("/learn/api/labs/nginx-typo/set-image").jsonPath().getString("detail"))
                .isEqualTo("'ngin x' is not an image reference.");

        Response missing = given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", ZH)
                .when().delete("/learn/api/labs/nginx-typo/pods/nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("detail")).isEqualTo("你的实验里没有名为“nobody”的 Pod；实验中的 Pod 有：nginx。");

        Response fixed = setImage(cookie, "nginx:1.25", ZH);
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.jsonPath().getBoolean("ok")).isTrue();
        assertThat(fixed.jsonPath().getString("message")).as("kubectl's own line").isEqualTo("pod/nginx image updated");
        assertThat(fixed.jsonPath().getString("explanation")).startsWith("镜像是运行中的 Pod 少数可以修改的字段之一")
                .doesNotContain("The image is one of");
        Response again = setImage(cookie, "nginx:1.25", ZH);
        assertThat(again.jsonPath().getString("message")).startsWith("pod/nginx 的镜像没有变化：容器 nginx 运行的已经是 ");
        assertThat(setImage(cookie, "nginx:1.25", EN).jsonPath().getString("message"))
                .startsWith("pod/nginx image unchanged: container nginx already runs ");

        Response manifest = given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", ZH)
                .contentType("application/yaml")
                .body("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mine\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/learn/api/labs/nginx-typo/apply");
        assertThat(manifest.statusCode()).isEqualTo(400);
        assertThat(manifest.jsonPath().getString("detail")).isEqualTo("第 1 个文档（Namespace）：Namespace 是集群范围的对象；"
                + "这个实验只允许你修改自己命名空间里的对象。");
        assertThat(manifest.jsonPath().getString("explanation")).contains("集群范围的对象会影响集群上的每一位学习者");
    }

    private void awaitWaiting(LabKey lab, String pod, String... reasons) {
        List<String> wanted = List.of(reasons);
        boolean waiting = cluster.await(lab.namespace(), () -> cluster.pod(lab.namespace(), pod).map(I18nJavaTextsTest::firstStatus)
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> wanted.contains(s.getState().getWaiting().getReason())).orElse(false), WAIT);
        assertThat(waiting).as("%s waits with %s", pod, wanted).isTrue();
    }

    private static ContainerStatus firstStatus(Pod p) {
        return p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                || p.getStatus().getContainerStatuses().isEmpty() ? null : p.getStatus().getContainerStatuses().get(0);
    }

    private static JsonPath grade(LabKey lab, String language) {
        var request = given().header("Authorization", "Bearer test-grader");
        if (language != null) {
            request = request.header("Accept-Language", language);
        }
        return request.when().post("/api/labs/{l}/{s}/grade?record=false", lab.learner().name(), lab.scenario())
                .then().statusCode(200).extract().jsonPath();
    }

    private static Response setImage(String cookie, String image, String acceptLanguage) {
        return given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", acceptLanguage)
                .contentType("application/json")
                .body(Map.of("kind", "pod", "name", "nginx", "container", "nginx", "image", image))
                .when().post("/learn/api/labs/nginx-typo/set-image");
    }

    private static String page(String cookie, String path, String acceptLanguage) {
        return given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", acceptLanguage)
                .when().get(path).then().statusCode(200).extract().asString();
    }

    private static String fragment(String cookie, String path, String acceptLanguage) {
        Response r = given().cookie(LearnerSessions.COOKIE, cookie).header("Accept-Language", acceptLanguage)
                .header("HX-Request", "true").when().post(path);
        assertThat(r.statusCode()).as("POST %s", path).isEqualTo(200);
        return r.body().asString();
    }
}
