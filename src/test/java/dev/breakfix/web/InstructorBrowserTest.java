package dev.breakfix.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The instructor's matrix in headless Chromium: sign in, watch a class, see a learner's fix turn their cell
 * to passed without a reload, open the lab read-only. Screenshots go to {@code <build directory>/screenshots/}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class InstructorBrowserTest extends MockClusterPageTest {

    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Duration FIRST_PAGE = Duration.ofSeconds(150);
    private static final String INSTRUCTOR = "Bearer test-instructor";

    @TestHTTPResource("/")
    URL base;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void fixture() {
        assumeTrue(Browser.available(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
    }

    private static void start(String learner, String scenario) {
        given().header("Authorization", INSTRUCTOR).when().put("/api/labs/{l}/{s}", learner, scenario)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void theMatrixFollowsALearnersFixLiveAndOpensTheLabReadOnly() {
        String linus = "Linus Tørvalds";
        String linusName = LearnerId.of(linus).name();
        start(linus, "nginx-typo");
        start(linus, "nginx-selector");
        start("margaret", "nginx-typo");
        start("margaret", "crasher");
        start("Zoë Ōta", "postgres-misconfig");
        start("ken", "sleep-multiple");

        try (Browser browser = new Browser(1440, 900)) {
            WebDriver driver = browser.driver;
            driver.get(url("/instructor"));
            browser.waiting(LIVE).until(ExpectedConditions.urlContains("/instructor/login"));
            driver.findElement(By.id("name")).sendKeys("trainer");
            driver.findElement(By.id("password")).sendKeys("wrong");
            driver.findElement(By.id("sign-in")).click();
            assertThat(browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText())
                    .contains("Sign-in failed");
            browser.screenshot("instructor-login-failed");
            driver.findElement(By.id("password")).sendKeys("trainer-secret");
            driver.findElement(By.id("sign-in")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/instructor$"));
            browser.waiting(LIVE).until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-state", "live"));

            String cell = "#cell-" + linusName + "-nginx-typo";
            browser.waiting(LIVE).until(d -> "broken".equals(state(d, cell)));
            browser.waiting(LIVE).until(d -> "broken".equals(state(d, "#cell-ken-sleep-multiple")));
            assertThat(driver.findElement(By.cssSelector(cell)).getText()).containsPattern("ErrImagePull|ImagePullBackOff");
            assertThat(driver.findElement(By.id("matrix-body")).getText()).contains("Zoë Ōta");
            ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");

            // the learner fixes the image; the cell turns passed on its own, through the stability window
            LabKey lab = new LabKey(LearnerId.of(linus), "nginx-typo");
            client.pods().inNamespace(lab.namespace()).withName("nginx").edit(p -> {
                p.getSpec().getContainers().get(0).setImage("nginx");
                return p;
            });
            browser.waiting(LIVE).until(d -> "passed".equals(state(d, cell)));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.__sameDocument === true")).isEqualTo(true);
            assertThat(driver.findElement(By.cssSelector(cell)).getText()).contains("Passed");
            assertThat(driver.findElement(By.id("stat-passed")).getText()).isNotEqualTo("0");
            browser.waiting(LIVE).until(d -> "broken".equals(state(d, "#cell-margaret-crasher")));
            browser.screenshot("instructor-matrix");

            // filter by state and name
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-state"))).selectByValue("passed");
            assertThat(driver.findElements(By.cssSelector("#matrix-body tr[id^=row-]"))).hasSize(1);
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-state"))).selectByValue("");
            driver.findElement(By.id("filter-name")).sendKeys("marg");
            assertThat(driver.findElements(By.cssSelector("#matrix-body tr[id^=row-]"))).hasSize(1);
            driver.findElement(By.id("filter-name")).clear();
            driver.findElement(By.id("filter-name")).sendKeys(" ");

            // the cell opens the learner's lab, read-only, with the grade report
            driver.findElement(By.cssSelector(cell + " a.cell")).click();
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("readonly-banner")));
            assertThat(driver.findElement(By.id("readonly-learner")).getText()).isEqualTo(linus);
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grade-result[data-result=passed]")));
            assertThat(driver.findElements(By.id("check-fix"))).isEmpty();
            assertThat(driver.findElements(By.id("set-image"))).isEmpty();
            assertThat(driver.findElements(By.id("reset-open"))).isEmpty();
            assertThat(driver.findElements(By.id("next-lab"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("[id^=delete-]"))).isEmpty();
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-panel"), "Running"));
            browser.screenshot("instructor-lab-readonly");

            // back on the matrix: reset that lab from its cell's menu, confirmed, with the operation's progress
            driver.findElement(By.id("readonly-banner")).findElement(By.cssSelector("a.readonly-back")).click();
            browser.waiting(LIVE).until(d -> "passed".equals(state(d, cell)));
            org.openqa.selenium.WebElement td = driver.findElement(By.cssSelector(cell));
            new org.openqa.selenium.interactions.Actions(driver).moveToElement(td).perform();
            td.findElement(By.cssSelector("summary.kebab")).click();
            td.findElement(By.cssSelector("button[data-bulk=reset]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertThat(driver.findElement(By.id("confirm-title")).getText()).contains("Reset").contains(linus);
            assertThat(driver.findElement(By.id("confirm-ok")).getText()).isEqualTo("Reset lab");
            browser.screenshot("instructor-confirm");
            driver.findElement(By.id("confirm-ok")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#operations .op[data-state=done]")));
            assertThat(driver.findElement(By.cssSelector("#operations .op-status")).getText()).contains("Done: 1 of 1 labs");
            browser.waiting(LIVE).until(d -> "broken".equals(state(d, cell)));

            // start a class from a roster: one lab for two new learners
            driver.findElement(By.id("open-start")).click();
            browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("start-dialog")));
            driver.findElement(By.id("roster")).sendKeys("Grace Hopper\nAlan Turing\n");
            for (org.openqa.selenium.WebElement box : driver.findElements(By.cssSelector("#start-dialog input[name=scenario]"))) {
                if (!"nginx-typo".equals(box.getDomAttribute("value"))) {
                    box.click();
                }
            }
            driver.findElement(By.id("start-ok")).click();
            String alan = "#cell-" + LearnerId.of("Alan Turing").name() + "-nginx-typo";
            browser.waiting(LIVE).until(d -> "broken".equals(state(d, alan)));
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#operations .op[data-state=done]:first-child")));
            assertThat(state(driver, "#cell-" + LearnerId.of("Alan Turing").name() + "-crasher")).isEqualTo("not-started");
            browser.screenshot("instructor-roster-started");

            // end the class: typed confirmation, then what was removed
            driver.findElement(By.cssSelector("#class-menu > summary")).click();
            driver.findElement(By.id("open-end")).click();
            browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("end-dialog")));
            assertThat(driver.findElement(By.id("end-ok")).isEnabled()).isFalse();
            driver.findElement(By.id("end-confirm")).sendKeys("end class");
            driver.findElement(By.id("end-ok")).click();
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("end-result"), "Class ended"));
            assertThat(driver.findElement(By.id("end-result")).getText()).containsPattern("Deleted \\d+ lab namespaces");
            browser.screenshot("instructor-class-ended");
            driver.findElement(By.id("end-cancel")).click();
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("matrix-body"), "No learners yet"));
        }
    }

    @Test
    void preflightRunsFromThePageAndShowsItsChecklist() {
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver driver = browser.driver;
            driver.get(url("/instructor/preflight"));
            browser.waiting(LIVE).until(ExpectedConditions.urlContains("/instructor/login"));
            driver.findElement(By.id("name")).sendKeys("trainer");
            driver.findElement(By.id("password")).sendKeys("trainer-secret");
            driver.findElement(By.id("sign-in")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/instructor/preflight$"));
            driver.findElement(By.id("run-preflight")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#checks .pf-check")));
            String finalState = browser.waiting(Duration.ofSeconds(240)).until(d -> {
                String st = d.findElement(By.id("preflight-state")).getDomAttribute("data-state");
                return "passed".equals(st) || "failed".equals(st) ? st : null;
            });
            assertThat(finalState).isIn("passed", "failed");
            assertThat(driver.findElements(By.cssSelector("#checks .pf-check"))).hasSizeGreaterThan(2);
            assertThat(driver.findElements(By.cssSelector("#checks .pf-running, #checks .pf-pending"))).isEmpty();
            assertThat(driver.findElement(By.id("run-preflight")).isEnabled()).isTrue();
            browser.fullPage("instructor-preflight");
        }
    }

    private static String state(WebDriver d, String cellSelector) {
        return (String) ((JavascriptExecutor) d).executeScript(
                "var a = document.querySelector(arguments[0] + ' a.cell'); return a ? a.getAttribute('data-state') : null;",
                cellSelector);
    }

    private String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }
}
