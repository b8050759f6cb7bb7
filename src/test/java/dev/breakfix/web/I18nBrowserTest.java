package dev.breakfix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.web.i18n.Languages;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A learner whose browser asks for English switches the pages to Chinese and back: the choice survives a join
 * and every page after it, the live panel pushed over SSE, the script's own texts and the fragments are Chinese
 * too. The Chinese lab page is saved as {@code <build directory>/screenshots/lab-zh.png}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class I18nBrowserTest extends MockClusterPageTest {

    private static final Duration FIRST_PAGE = Duration.ofSeconds(170);
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Pattern BROKEN = Pattern.compile("ErrImagePull|ImagePullBackOff");
    private static final String LEARNER = "Li Hua";

    @TestHTTPResource("/")
    URL base;

    @Inject
    KubernetesClient client;

    @Inject
    dev.breakfix.web.asciidoc.LabTexts texts;

    @BeforeEach
    void fixture() {
        assumeTrue(Browser.available(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
        I18nPagesTest.awaitLabTexts(texts);
    }

    @Test
    void aLearnerSwitchesToChineseAndBack() {
        try (Browser browser = new Browser(1440, 1000)) {
            var driver = browser.driver;

            // the browser asks for English; the switch on the join page turns it Chinese
            driver.get(url("/"));
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
            assertThat(driver.findElement(By.cssSelector("#lang-switch .lang-name")).getText()).isEqualTo("中文");
            driver.findElement(By.id("lang-switch")).click();
            browser.waiting(LIVE).until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
            assertThat(driver.findElement(By.cssSelector(".join-card h2")).getText()).isEqualTo("加入你的课堂");
            assertThat(driver.manage().getCookieNamed(Languages.COOKIE).getValue()).isEqualTo("zh");

            // the choice outlives the join and the parameter
            driver.findElement(By.id("name")).sendKeys(LEARNER);
            driver.findElement(By.id("code")).sendKeys(WebTestProfile.JOIN_CODE);
            driver.findElement(By.cssSelector("form[action='/join'] button[type=submit]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/labs$"));
            assertThat(driver.findElement(By.cssSelector(".hero h1")).getText()).isEqualTo("我的实验");
            assertThat(driver.findElement(By.cssSelector("#lab-nginx-typo .lab-title")).getText()).isEqualTo("拉取镜像：镜像名里有个错字");

            // the lab page, started: the live panel arrives over SSE in Chinese
            driver.findElement(By.cssSelector("#lab-nginx-typo .lab-title a")).click();
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".lab-text h2")));
            assertThat(driver.findElement(By.cssSelector(".lab-text h2")).getText()).isEqualTo("你将学到");
            assertThat(driver.findElement(By.cssSelector(".lab-text")).getText())
                    .contains("kubectl -n " + lab().namespace() + " set image pod nginx nginx=nginx");
            driver.findElement(By.id("start-lab")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[sse-connect]")));
            browser.waiting(LIVE).until(d -> {
                String s = statusOf(d);
                return s != null && BROKEN.matcher(s).matches();
            });
            addEvent(lab(), "pushed after the page loaded");
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-panel"),
                    "pushed after the page loaded"));
            assertThat(driver.findElement(By.id("log-nginx-nginx")).getText()).isEqualTo("日志");
            assertThat(driver.findElement(By.id("delete-nginx")).getText()).isEqualTo("删除 Pod");
            assertThat(driver.findElement(By.id("live-summary")).getDomProperty("textContent")).startsWith("Pod nginx 的状态：");

            // the script's texts: copy buttons on the lab text's commands
            assertThat(driver.findElement(By.cssSelector(".lab-text .copy-btn .copy-label")).getText()).isEqualTo("复制");
            assertThat(driver.findElement(By.cssSelector(".lab-text .copy-btn")).getDomAttribute("aria-label"))
                    .isIn("复制命令", "复制");

            // a hint and a check, swapped in by htmx
            driver.findElement(By.id("reveal-hint")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("hint-1")));
            assertThat(driver.findElement(By.cssSelector("#hint-1 .hint-label")).getText()).isEqualTo("提示 1");
            driver.findElement(By.id("check-fix")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("grade-result")));
            assertThat(driver.findElement(By.cssSelector("#grade-result h3")).getText()).isEqualTo("还没有修好");

            // a refusal of the learner API, titled by the script in Chinese
            driver.findElement(By.id("si-image")).sendKeys("nginx bad");
            driver.findElement(By.id("set-image")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#action-result .action-card")));
            String refusal = browser.waiting(LIVE).until(d -> {
                String title = (String) ((JavascriptExecutor) d).executeScript(
                        "var e = document.querySelector('#action-result .action-head strong'); return e ? e.textContent : null;");
                return title == null || title.isEmpty() ? null : title;
            });
            assertThat(refusal).isEqualTo("请检查你的输入");
            // the refusal's own words, from the server, in Chinese too
            assertThat(driver.findElement(By.cssSelector("#action-result .action-message")).getText())
                    .isEqualTo("“nginx bad”不是一个镜像引用。");
            assertThat(driver.findElement(By.cssSelector("#action-result .action-explanation")).getText())
                    .startsWith("镜像引用是像 nginx、nginx:1.25").doesNotContain("An image reference");
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    driver.findElement(By.id("action-result")));
            browser.screenshot("action-refused-zh");
            // the grade's checks in Chinese
            assertThat(driver.findElement(By.id("grade")).getText()).contains("Pod nginx 存在。").contains("不是 Running")
                    .doesNotContain("Not checked").doesNotContain("not Running");

            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            browser.screenshot("lab-zh");
            browser.fullPage("lab-zh-full");

            // and back to English
            driver.findElement(By.id("lang-switch")).click();
            browser.waiting(LIVE).until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
            assertThat(driver.findElement(By.cssSelector(".lab-text h2")).getText()).isEqualTo("What you will learn");
            assertThat(driver.findElement(By.id("check-fix")).getText()).isEqualTo("Check my fix");
            driver.get(url("/labs"));
            assertThat(driver.findElement(By.cssSelector(".hero h1")).getText()).isEqualTo("Your labs");
        }
    }

    /** A crash loop on a Chinese page: the timeline's tooltips, the grade and the explanation in Chinese. */
    @Test
    void aCrashLoopsTimelineAndGradeAreChineseOnAChinesePage() {
        try (Browser browser = new Browser(1440, 1100)) {
            var driver = browser.driver;
            driver.get(url("/?lang=zh"));
            driver.findElement(By.id("name")).sendKeys("Wu Gang");
            driver.findElement(By.id("code")).sendKeys(WebTestProfile.JOIN_CODE);
            driver.findElement(By.cssSelector("form[action='/join'] button[type=submit]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/labs$"));
            driver.get(url("/labs/crasher"));
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("start-lab")));
            driver.findElement(By.id("start-lab")).click();

            // the chart arrives over the live stream, its tooltips in Chinese
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline .tl-mark[data-kind='start'][data-number='2']")));
            String tooltip = (String) ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelector(\"#timeline .tl-mark[data-number='1'] title\").textContent");
            assertThat(tooltip).startsWith("第 1 次启动，时间 ").contains("Pod 创建后").doesNotContain("after the Pod was created");

            driver.findElement(By.id("check-fix")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("grade-result")));
            assertThat(driver.findElement(By.id("grade")).getText()).contains("不是 Running").contains("未检查")
                    .doesNotContain("Not checked").doesNotContain("not Running");

            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("timeline")));
            browser.screenshot("crasher-timeline-zh");
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("grade")));
            browser.screenshot("crasher-grade-zh");
            browser.fullPage("crasher-zh-full");
        }
    }

    private static String statusOf(WebDriver d) {
        Object text = ((JavascriptExecutor) d).executeScript(
                "var e = document.querySelector('#pods-table tr[data-pod=nginx] .st'); return e ? e.textContent.trim() : null;");
        return (String) text;
    }

    private LabKey lab() {
        return new LabKey(LearnerId.of(LEARNER), "nginx-typo");
    }

    private String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    private void addEvent(LabKey lab, String message) {
        Pod pod = cluster.pod(lab.namespace(), "nginx").orElseThrow();
        String now = Instant.now().toString();
        client.v1().events().inNamespace(lab.namespace()).resource(new EventBuilder()
                .withNewMetadata().withName("nginx.i18n").withNamespace(lab.namespace()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("nginx").withNamespace(lab.namespace())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Normal").withReason("Marker").withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("kubelet").endSource()
                .build()).create();
    }
}
