package dev.breakfix.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.web.i18n.Languages;
import dev.breakfix.web.i18n.Msg;
import dev.breakfix.web.session.LearnerSessions;
import io.quarkus.qute.i18n.Message;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The learner's pages in English and Chinese over HTTP, with the session cookie: every lab's page in both
 * languages, the fragments the page swaps in, the language switch and its cookie, and no English page text left
 * on a Chinese page.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class I18nPagesTest extends MockClusterPageTest {

    private static final String ZH = "zh-CN,zh;q=0.9,en;q=0.5";
    private static final String EN = "en-US,en;q=0.9";
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}[\\p{IsHan}，、：]{3,}");

    @Inject
    dev.breakfix.web.asciidoc.LabTexts texts;

    @Inject
    Catalog catalog;

    @BeforeEach
    void fixture() {
        awaitLabTexts(texts);
    }

    /**
     * Waits (bounded, on the renderer's own futures) until every lab text is rendered in both languages:
     * Asciidoctor boots JRuby, which takes far longer than an HTTP test request may on a busy machine.
     */
    static void awaitLabTexts(dev.breakfix.web.asciidoc.LabTexts texts) {
        for (Scenario s : io.quarkus.arc.Arc.container().instance(Catalog.class).get().all()) {
            for (String language : dev.breakfix.catalog.LabLanguages.ALL) {
                assertThat(texts.html(s.id(), language, java.util.Map.of()))
                        .as("lab text of %s in %s", s.id(), language).isPresent();
            }
        }
    }

    @Test
    void everyLabPageRendersInEnglishAndInChineseWithNoEnglishPageTextLeft() {
        String cookie = WebFixture.join("Lin Wei");
        List<String> englishTexts = englishPageTexts();
        for (Scenario s : catalog.all()) {
            Scenario zh = s.in("zh");
            // before the start, and once the lab runs (live panel, tools, hints)
            for (boolean started : List.of(false, true)) {
                if (started) {
                    WebFixture.start(cookie, "Lin Wei", s.id(), cluster);
                }
                String chinese = page(cookie, "/labs/" + s.id(), ZH);
                assertThat(chinese).as("%s in Chinese", s.id()).contains("<html lang=\"zh-CN\">")
                        .contains(escape(zh.title())).contains(escape(zh.summary()))
                        .contains("你将学到").contains("<h2 id=\"hints-title\">提示</h2>").contains("检查修复")
                        .contains("href=\"?lang=en\"").doesNotContain("What you will learn");
                for (String english : englishTexts) {
                    assertThat(chinese).as("%s in Chinese (started: %s) shows no English page text", s.id(), started)
                            .doesNotContain(english);
                }
                String english = page(cookie, "/labs/" + s.id(), EN);
                assertThat(english).as("%s in English", s.id()).contains("<html lang=\"en\">")
                        .contains(escape(s.title())).contains("What you will learn").contains("Check my fix")
                        .contains("href=\"?lang=zh\"").doesNotContain("你将学到");
                assertThat(given().cookie(LearnerSessions.COOKIE, cookie).when().get("/labs/" + s.id())
                        .then().statusCode(200).extract().asString()).as("%s with no language asked for", s.id())
                        .contains("<html lang=\"en\">");
            }

            // the first hint, in the page's language
            String hint = fragment(cookie, "/labs/" + s.id() + "/hints?reveal=1", ZH);
            assertThat(hint).contains("提示 1").contains(longestHan(zh.hints().get(0)));
            assertThat(hint).doesNotContain("Reveal hint");
            assertThat(fragment(cookie, "/labs/" + s.id() + "/hints?reveal=1", EN)).contains("Hint 1");
            // the learner's labelled values reach the Chinese text, as in English
            assertThat(page(cookie, "/labs/" + s.id(), ZH)).contains("kubectl -n " + new dev.breakfix.lab.LabKey(
                    dev.breakfix.lab.LearnerId.of("Lin Wei"), s.id()).namespace());
        }
    }

    @Test
    void theJoinPageAndTheLabListFollowTheBrowser() {
        assertThat(page(null, "/", ZH)).contains("加入你的课堂").contains("加入码").doesNotContain("Join your class");
        assertThat(page(null, "/", EN)).contains("Join your class").doesNotContain("加入你的课堂");

        Response wrong = request(null, ZH).redirects().follow(false).formParam("name", "Zhang San")
                .formParam("code", "guess").when().post("/join");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body().asString()).contains("加入码不正确").contains("value=\"Zhang San\"");

        String cookie = WebFixture.join("Zhang San");
        String labs = page(cookie, "/labs", ZH);
        assertThat(labs).contains("我的实验").contains("未开始");
        for (Scenario s : catalog.all()) {
            assertThat(labs).contains(escape(s.in("zh").title())).doesNotContain(escape(s.title()));
        }
        Response missing = request(cookie, ZH).when().get("/labs/no-such-lab");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body().asString()).contains("没有这个名字的实验");
    }

    @Test
    void theSwitchIsKeptInACookieThatBeatsTheBrowsersLanguage() {
        String cookie = WebFixture.join("Wang Fang");
        Response switched = request(cookie, EN).when().get("/labs?lang=zh");
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(switched.body().asString()).contains("我的实验");
        assertThat(switched.header("Set-Cookie")).contains(Languages.COOKIE + "=zh").containsIgnoringCase("Path=/")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(switched.cookie(Languages.COOKIE)).isEqualTo("zh");

        // the next page, without the parameter, stays Chinese although the browser prefers English
        assertThat(request(cookie, EN).cookie(Languages.COOKIE, "zh").when().get("/labs/nginx-typo")
                .then().statusCode(200).extract().asString()).contains("你将学到").contains("href=\"?lang=en\"");
        // and the switch back
        Response back = request(cookie, ZH).cookie(Languages.COOKIE, "zh").when().get("/labs/nginx-typo?lang=en");
        assertThat(back.body().asString()).contains("What you will learn").doesNotContain("你将学到");
        assertThat(back.cookie(Languages.COOKIE)).isEqualTo("en");
        // an unknown language changes nothing and sets no cookie
        Response unknown = request(cookie, ZH).when().get("/labs?lang=xx");
        assertThat(unknown.body().asString()).contains("我的实验");
        assertThat(unknown.cookie(Languages.COOKIE)).isNull();
        // the switch on a page that answered a form goes back to its page
        given().redirects().follow(false).when().get("/join?lang=zh").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/"));
    }

    @Test
    void theFragmentsTheLabPageSwapsInAreInItsLanguage() {
        String cookie = WebFixture.join("Chen Jing");
        String notStarted = fragment(cookie, "/labs/postgres-misconfig/reset", ZH);
        assertThat(notStarted).contains("实验还没有开始");
        WebFixture.start(cookie, "Chen Jing", "postgres-misconfig", cluster);

        String grade = fragment(cookie, "/labs/postgres-misconfig/check", ZH);
        assertThat(grade).contains("得分").contains("1 次检查").doesNotContain("Score ").doesNotContain("Not fixed yet");
        assertThat(fragment(cookie, "/labs/postgres-misconfig/check", EN)).contains("Score ").contains("2 checks");

        assertThat(fragment(cookie, "/labs/postgres-misconfig/reset", ZH)).contains("实验已重置");
        assertThat(fragment(cookie, "/labs/postgres-misconfig/logs?pod=nobody&container=x", "GET", ZH))
                .contains("没有这个 Pod");
        String panel = fragment(cookie, "/labs/postgres-misconfig/panel", "GET", ZH);
        assertThat(panel).contains("kubectl -n ");
        String terminal = page(cookie, "/learn/labs/postgres-misconfig/terminal", ZH);
        assertThat(terminal).contains("<html lang=\"zh-CN\">").contains("返回实验").contains("data-starting=\"正在启动你的终端…\"")
                .contains(escape(catalog.get("postgres-misconfig").in("zh").title()));
    }

    /** The English texts of the page bundle that are whole phrases (several words, no parameters). */
    static List<String> englishPageTexts() {
        List<String> texts = new ArrayList<>();
        for (Method m : Msg.class.getDeclaredMethods()) {
            Message message = m.getAnnotation(Message.class);
            if (message != null && m.getParameterCount() == 0 && !message.value().contains("{")
                    && message.value().trim().split("\\s+").length >= 3 && !m.getName().startsWith("otherLang")) {
                texts.add(escape(message.value()));
            }
        }
        assertThat(texts).hasSizeGreaterThan(60);
        return texts;
    }

    private static String longestHan(String text) {
        Matcher m = HAN.matcher(text);
        String best = "";
        while (m.find()) {
            if (m.group().length() > best.length()) {
                best = m.group();
            }
        }
        assertThat(best).as("Chinese in %s", text).isNotEmpty();
        return best;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static RequestSpecification request(String cookie, String acceptLanguage) {
        RequestSpecification r = given().header("Accept-Language", acceptLanguage);
        return cookie == null ? r : r.cookie(LearnerSessions.COOKIE, cookie);
    }

    private static String page(String cookie, String path, String acceptLanguage) {
        return request(cookie, acceptLanguage).when().get(path).then().statusCode(200).extract().asString();
    }

    private static String fragment(String cookie, String path, String acceptLanguage) {
        return fragment(cookie, path, "POST", acceptLanguage);
    }

    private static String fragment(String cookie, String path, String method, String acceptLanguage) {
        var request = request(cookie, acceptLanguage).header("HX-Request", "true");
        Response r = method.equals("GET") ? request.when().get(path) : request.when().post(path);
        assertThat(r.statusCode()).as("%s %s", method, path).isEqualTo(200);
        return r.body().asString();
    }
}
