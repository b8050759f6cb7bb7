package dev.breakfix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * A learner in headless Chromium: join, open nginx-typo, start it, watch ImagePullBackOff arrive live, fix
 * the image from the page, see the grade pass after the stability window, reset and see it broken again.
 * Screenshots of the lab page go to {@code <build directory>/screenshots/}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WebTestProfile.class)
class LabBrowserTest extends MockClusterPageTest {

    /** The first lab page may wait for Asciidoctor's warm-up (JRuby boots in seconds, slowly on a busy machine). */
    private static final Duration FIRST_PAGE = Duration.ofSeconds(150);
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Pattern BROKEN = Pattern.compile("ErrImagePull|ImagePullBackOff");
    private static final String LEARNER = "Grace Hopper";
    private static final String NGINX_LOG = """
            /docker-entrypoint.sh: Configuration complete; ready for start up
            2026/11/28 03:33:41 [notice] 1#1: nginx/1.27.3
            2026/11/28 03:33:41 [notice] 1#1: start worker processes
            10.85.0.1 - - [28/Nov/2026:03:34:02 +0000] "GET /<script>window.__xss=3</script> HTTP/1.1" 404 153 "-" "curl/8.5.0"
            """;

    @TestHTTPResource("/")
    URL base;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void fixture() {
        assumeTrue(Browser.available(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
    }

    @Test
    void aLearnerBreaksFixesAndResetsNginxTypoInTheBrowser() {
        try (Browser browser = new Browser(1440, 1000)) {
            var driver = browser.driver;

            // join
            driver.get(url("/"));
            browser.screenshot("join");
            driver.findElement(By.id("name")).sendKeys(LEARNER);
            driver.findElement(By.id("code")).sendKeys(WebTestProfile.JOIN_CODE);
            driver.findElement(By.cssSelector("form[action='/join'] button[type=submit]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/labs$"));
            assertThat(driver.findElement(By.cssSelector(".learner-name")).getText()).isEqualTo(LEARNER);
            assertThat(driver.findElements(By.cssSelector(".lab-item"))).hasSize(5);
            browser.screenshot("labs-not-started");

            // open nginx-typo and start it
            driver.findElement(By.cssSelector("#lab-nginx-typo .lab-title a")).click();
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".lab-text h2")));
            assertThat(driver.findElement(By.cssSelector(".lab-text")).getText())
                    .contains("kubectl -n " + lab().namespace() + " set image pod nginx nginx=nginx");
            browser.screenshot("lab-not-started");
            driver.findElement(By.id("start-lab")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[sse-connect]")));

            // the broken state arrives live, without a reload
            String status = browser.waiting(LIVE).until(d -> {
                String text = statusOf(d);
                return text != null && BROKEN.matcher(text).matches() ? text : null;
            });
            assertThat(status).matches(BROKEN);
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-panel"), "nginz"));
            assertThat(driver.findElement(By.id("diagnosis")).getText()).contains("cannot pull the image");

            // an event message with markup shows as text, and runs nothing
            addEvent(lab(), "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>");
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-panel"), "<script>window.__xss=2</script>"));
            assertThat(browser.alertShown()).isFalse();
            assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);

            // hints, one at a time
            driver.findElement(By.id("reveal-hint")).click();
            browser.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("hint-1")));
            assertThat(driver.findElements(By.cssSelector(".hint"))).hasSize(1);

            // logs on demand: the container has not started, so there is no log yet
            String logPath = "/api/v1/namespaces/" + lab().namespace() + "/pods/nginx/log?container=nginx&tailLines=200";
            server.expect().get().withPath(logPath).andReturn(400, new StatusBuilder().withStatus("Failure").withCode(400)
                    .withReason("BadRequest").withMessage("container \"nginx\" in pod \"nginx\" is waiting to start: "
                            + "trying and failing to pull image").build()).once();
            click(browser, By.id("log-nginx-nginx"));
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "No log yet"));
            scrollTo(browser, "#grade");
            browser.screenshot("lab-broken");

            // the YAML editor: the live manifest, and the API server's refusal explained
            driver.findElement(By.cssSelector("#yaml-tool > summary")).click();
            browser.waiting(LIVE).until(d -> ((String) d.findElement(By.id("yaml")).getDomProperty("value")).contains("image: nginz"));
            driver.executeScript("var a = document.getElementById('yaml');"
                    + "a.value = a.value.replace(/^(\\s*)(- )?image: nginz$/m, function (m, i, dash) {"
                    + "  return m + '\\n' + i + (dash ? '  ' : '') + 'workingDir: /tmp'; });");
            assertThat((String) driver.findElement(By.id("yaml")).getDomProperty("value")).contains("workingDir: /tmp");
            driver.findElement(By.id("apply-yaml")).click();
            WebElement refusal = browser.waiting(LIVE).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#action-result .action-error")));
            assertThat(refusal.getDomProperty("textContent")).contains("Forbidden").contains("pod updates may not change fields");
            assertThat(driver.findElements(By.cssSelector("#action-result .action-explanation"))).hasSize(1);
            scrollTo(browser, "#tools-title");
            browser.screenshot("lab-apply-refused");

            // fix it from the page: set image
            new Select(driver.findElement(By.id("si-container"))).selectByValue("nginx");
            driver.findElement(By.id("si-image")).sendKeys("nginx");
            driver.findElement(By.id("set-image")).click();
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "image updated"));
            browser.waiting(LIVE).until(d -> "Running".equals(statusOf(d)));

            // its log, with a line of markup that must stay text
            server.expect().get().withPath(logPath).andReturn(200, NGINX_LOG).always();
            click(browser, By.id("log-nginx-nginx"));
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "start worker processes"));
            assertThat(driver.findElement(By.cssSelector("#logs .log-text")).getText()).contains("<script>window.__xss=3</script>");
            assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);

            // check: the stability window runs, then the page re-grades on its own and passes
            driver.findElement(By.id("check-fix")).click();
            String first = browser.waiting(LIVE).until(d -> (String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "var r = document.getElementById('grade-result'); return r ? r.dataset.result : null;"));
            assertThat(first).as("a fix that has just started runs out the stability window first, or passes")
                    .isIn("settling", "passed");
            if (first.equals("settling")) {
                assertThat(driver.findElement(By.id("grade")).getText()).containsPattern("Stable for \\d+ more seconds?…|Checking again");
                scrollTo(browser, "#grade");
                browser.screenshot("lab-settling");
            }
            WebElement result = browser.waiting(LIVE).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grade-result[data-result=passed]")));
            assertThat(result.getText()).contains("Fixed!");
            assertThat(driver.findElement(By.id("next-lab")).getText()).contains("Next lab");
            assertThat(driver.findElements(By.cssSelector("#solution .solution-steps"))).hasSize(1);
            browser.waiting(LIVE).until(ExpectedConditions.textToBe(By.id("lab-status"), "Fixed"));
            scrollTo(browser, "#grade");
            browser.screenshot("lab-fixed");
            scrollTo(browser, "#logs");
            browser.screenshot("lab-fixed-logs");
            browser.fullPage("lab-fixed-full");

            // reset (confirmed in a dialog): the broken state comes back live
            driver.findElement(By.id("reset-open")).click();
            browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-dialog")));
            browser.screenshot("lab-reset-dialog");
            driver.findElement(By.id("reset-confirm")).click();
            browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("grade"), "Lab reset"));
            browser.waiting(LIVE).until(d -> {
                String text = statusOf(d);
                return text != null && BROKEN.matcher(text).matches();
            });
            assertThat(driver.findElement(By.id("live-panel")).getText()).doesNotContain("window.__xss");
            assertThat(browser.alertShown()).isFalse();

            // the list shows the pass
            driver.get(url("/labs"));
            assertThat(driver.findElement(By.cssSelector("#lab-nginx-typo .pill")).getText()).isEqualTo("Fixed");
            browser.screenshot("labs-progress");
        }
    }

    @Test
    void theLabPageStacksOnATablet() {
        try (Browser browser = new Browser(820, 1180)) {
            var driver = browser.driver;
            driver.get(url("/"));
            driver.findElement(By.id("name")).sendKeys("tablet user");
            driver.findElement(By.id("code")).sendKeys(WebTestProfile.JOIN_CODE);
            driver.findElement(By.cssSelector("form[action='/join'] button[type=submit]")).click();
            browser.waiting(LIVE).until(ExpectedConditions.urlMatches(".*/labs$"));
            driver.get(url("/labs/nginx-selector"));
            browser.waiting(FIRST_PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".lab-text h2")));
            WebElement main = driver.findElement(By.cssSelector(".lab-main"));
            WebElement side = driver.findElement(By.cssSelector(".lab-side"));
            assertThat(side.getLocation().getY()).as("the side panel is below the instructions").isGreaterThan(main.getLocation().getY());
            assertThat(side.getSize().getWidth()).isGreaterThan(700);
            browser.screenshot("lab-tablet");
        }
    }

    /** The STATUS column of the nginx row, read in one script (the live panel may be swapped at any moment). */
    private static String statusOf(org.openqa.selenium.WebDriver d) {
        Object text = ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
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
                .withNewMetadata().withName("nginx.markup").withNamespace(lab.namespace()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("nginx").withNamespace(lab.namespace())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("Markup").withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("kubelet").endSource()
                .build()).create();
    }

    /** Clicks an element of the live panel, which the server may swap between finding and clicking it. */
    private static void click(Browser browser, By by) {
        browser.waiting(LIVE).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Shows the page from its top, with the side panel scrolled (inside itself) to {@code selector}. */
    private static void scrollTo(Browser browser, String selector) {
        browser.driver.executeScript("window.scrollTo(0, 0);"
                + "var side = document.querySelector('.lab-side'), e = document.querySelector(arguments[0]);"
                + "if (side && e) side.scrollTop = Math.max(0, e.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop - 120);",
                selector);
    }

    static Path screenshots() {
        return Browser.buildDirectory().resolve("screenshots");
    }
}
