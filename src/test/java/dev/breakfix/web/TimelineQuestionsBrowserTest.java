package dev.breakfix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The back-off chart and the question form in a real browser: the chart arrives live, the form says right or wrong. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class TimelineQuestionsBrowserTest extends MockClusterPageTest {

    private static final Duration FIRST_PAGE = Duration.ofSeconds(150);
    private static final Duration LIVE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixture() {
        assumeTrue(Browser.available(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
    }

    @Test
    void theChartFollowsTheCrashLoopAndTheFormGradesAnswers() {
        try (Browser browser = new Browser(1440, 1100)) {
            var driver = browser.driver;
            driver.get(url("/"));
            driver.findElement(By.id("name")).sendKeys("Ada Timeline");
            driver.findElement(By.id("code")).sendKeys(WebTestProfile.JOIN_CODE);
            driver.findElement(By.cssSelector("form[action='/join'] button[type=submit]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/labs$"));

            driver.get(url("/labs/postgres-misconfig"));
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("start-lab")));
            driver.findElement(By.id("start-lab")).click();

            // the chart arrives over the live stream, and grows to the second start without a reload
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline .tl-mark[data-kind='start'][data-number='2']")));
            assertThat(driver.findElements(By.cssSelector("#timeline .tl-next"))).hasSize(1);
            WebElement question = driver.findElement(By.id("question-missing-variable"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
                    driver.findElement(By.id("timeline")));
            browser.screenshot("timeline-crashloop");

            // a wrong answer, then an oddly written right one
            WebElement input = driver.findElement(By.id("answer-missing-variable"));
            input.sendKeys("PASSWORD");
            driver.findElement(By.id("answer-submit-missing-variable")).click();
            browser.waiting(LIVE).until(d -> "wrong".equals(question.findElement(By.cssSelector(".question-status")).getDomAttribute("data-state")));
            assertThat(question.findElement(By.cssSelector(".question-status")).getText()).contains("Not right yet").contains("1 attempt");
            input.clear();
            input.sendKeys("  postgres_password ");
            driver.findElement(By.id("answer-submit-missing-variable")).click();
            browser.waiting(LIVE).until(d -> "right".equals(question.findElement(By.cssSelector(".question-status")).getDomAttribute("data-state")));
            assertThat(question.findElement(By.cssSelector(".question-status")).getText()).contains("Right").contains("2 attempts")
                    .contains("1/1 point");
            assertThat(driver.findElement(By.id("answer-submit-missing-variable")).isEnabled()).isFalse();
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", question);
            browser.screenshot("questions-answered");
        }
    }

    private String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }
}
