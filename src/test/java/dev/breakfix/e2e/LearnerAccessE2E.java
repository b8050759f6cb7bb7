package dev.breakfix.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.breakfix.access.LearnerHome;
import dev.breakfix.lab.LearnerId;
import dev.breakfix.terminal.TerminalClient;
import dev.breakfix.terminal.Terminals;
import dev.breakfix.terminal.ToolboxPods;
import dev.breakfix.terminal.Toolboxes;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The learner's own kubectl on a real cluster: the downloaded kubeconfig does what the chapter does in the
 * learner's lab (list, describe, edit, logs, exec, port-forward, read nodes) and gets 403 for everything else; the
 * browser terminal runs kubectl as the learner in a toolbox Pod of the learner's own, which goes away when idle.
 */
@QuarkusTest
@TestProfile(LearnerAccessProfile.class)
@RealCluster
class LearnerAccessE2E extends RealClusterTestBase {

    private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(120);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Inject
    LearnerSessions sessions;
    @Inject
    Toolboxes toolboxes;
    @Inject
    Terminals terminals;

    @TestHTTPResource("/")
    URI base;

    private final String other = newLearnerId();
    private final List<KubernetesClient> clients = new ArrayList<>();

    @AfterAll
    void deleteHomes() {
        clients.forEach(KubernetesClient::close);
        for (String id : List.of(learner, other)) {
            admin.namespaces().withName(LearnerHome.namespace(LearnerId.of(id))).delete();
        }
    }

    @Test
    void theKubeconfigDoesWhatTheChapterDoesInTheLearnersLabsAndNothingElse() {
        dumpingOnFailure(this::kubeconfig);
    }

    @Test
    void theTerminalRunsKubectlAsTheLearner() {
        dumpingOnFailure(this::terminal);
    }

    @Test
    void theTerminalPageWorksInABrowser() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER);
        dumpingOnFailure(this::browser);
    }

    /**
     * Headless Chromium on the terminal page: xterm.js connects, keys typed into it reach the shell, kubectl's
     * answer shows on the screen, and making the window smaller resizes the TTY.
     */
    private void browser() throws Exception {
        Lab own = new Lab(learner, "crasher");
        startLab(own);
        Path profile = Files.createTempDirectory("breakfix-terminal-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--user-data-dir=" + profile, "--window-size=1200,800");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(CHROMEDRIVER)).usingAnyFreePort().build(), options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
            WebDriverWait wait = new WebDriverWait(driver, TERMINAL_TIMEOUT);
            wait.pollingEvery(Duration.ofMillis(100));
            wait.withMessage(() -> "the terminal's screen:\n" + screen(driver) + "\nwindow and terminal: " + js(driver,
                    "return innerWidth + 'x' + innerHeight + ', ' + breakfixTerminal.cols + 'x' + breakfixTerminal.rows"));
            String origin = "http://" + base.getHost() + ":" + base.getPort();
            driver.get(origin + "/terminal/terminal.css");
            driver.manage().addCookie(new Cookie(LearnerSessions.COOKIE, session(learner), "/"));
            driver.get(origin + "/learn/labs/crasher/terminal");
            wait.until(d -> "ready".equals(d.findElement(By.id("term-status")).getAttribute("data-state")));

            WebElement keys = driver.findElement(By.cssSelector(".xterm-helper-textarea"));
            keys.sendKeys("kubectl get pods" + Keys.ENTER);
            wait.until(d -> screen(d).contains("crasher-"));

            keys.sendKeys("stty size" + Keys.ENTER);
            wait.until(d -> lastSize(screen(d)) != null);
            String before = lastSize(screen(driver));
            Object colsBefore = js(driver, "return window.breakfixTerminal.cols");
            driver.manage().window().setSize(new Dimension(700, 500));
            // the page fits the terminal to the window and sends the new size, ahead of the next keys
            wait.until(d -> !colsBefore.equals(js(d, "return window.breakfixTerminal.cols")));
            keys.sendKeys("clear; stty size" + Keys.ENTER);
            wait.until(d -> {
                String now = lastSize(screen(d));
                return now != null && !now.equals(before);
            });
            assertThat(lastSize(screen(driver))).isEqualTo(js(driver, "return window.breakfixTerminal.rows") + " "
                    + js(driver, "return window.breakfixTerminal.cols"));
            LOG.infof("TTY size in the browser: %s, after making the window smaller: %s", before, lastSize(screen(driver)));
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        assertThat(terminals.awaitQuiet(Duration.ofSeconds(30))).isTrue();
    }

    /** The text on xterm.js's screen (its buffer: the canvas renderer has no text in the DOM). */
    private static String screen(WebDriver driver) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "var b = window.breakfixTerminal.buffer.active, lines = [];"
                        + "for (var i = 0; i < b.length; i++) { lines.push(b.getLine(i).translateToString(true)); }"
                        + "return lines.join('\\n');");
    }

    private static Object js(WebDriver driver, String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    /** The last "ROWS COLS" line stty printed on the screen. */
    private static String lastSize(String screen) {
        String last = null;
        for (String line : screen.split("\n")) {
            if (line.strip().matches("\\d+ \\d+")) {
                last = line.strip();
            }
        }
        return last;
    }

    private String session(String id) {
        return sessions.sign(id, Instant.now().plusSeconds(3600));
    }

    private KubernetesClient downloadedClient(String id, String scenario, String expectedNamespace) {
        given().redirects().follow(false).when().get("/learn/labs/{s}/kubeconfig", scenario).then().statusCode(401);
        given().redirects().follow(false).auth().oauth2(RealClusterProfile.INSTRUCTOR_TOKEN)
                .when().get("/learn/labs/{s}/kubeconfig", scenario).then().statusCode(403);
        Response r = given().cookie(LearnerSessions.COOKIE, session(id)).when().get("/learn/labs/{s}/kubeconfig", scenario);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=breakfix-" + scenario + ".kubeconfig");
        Config config = Config.fromKubeconfig(r.asString());
        assertThat(config.getNamespace()).isEqualTo(expectedNamespace);
        assertThat(trim(config.getMasterUrl())).isEqualTo(trim(admin.getConfiguration().getMasterUrl()));
        assertThat(config.getCaCertData()).as("the CA of the app's own client configuration").isNotBlank();
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getClientCertData()).isNull();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    private void kubeconfig() throws Exception {
        Lab own = new Lab(learner, "nginx-typo");
        Lab others = new Lab(other, "nginx-selector");
        startLab(own);
        startLab(others);
        KubernetesClient k = downloadedClient(learner, "nginx-typo", own.namespace());
        String ns = own.namespace();
        String node = schedulableNode(admin.nodes().list().getItems());

        // kubectl get pods / describe pod nginx: the lab's namespace is the default
        assertThat(k.pods().list().getItems()).extracting(p -> p.getMetadata().getName()).contains("nginx");
        assertThat(k.pods().withName("nginx").get().getSpec().getContainers().get(0).getImage()).isEqualTo("nginz");
        k.v1().events().inNamespace(ns).list();
        // kubectl get nodes / describe node
        assertThat(k.nodes().list().getItems()).isNotEmpty();
        assertThat(k.nodes().withName(node).get()).isNotNull();

        // kubectl edit (the image is the one field a Pod lets change)
        // the kubelet writes the Pod's status meanwhile: like kubectl, edit the latest version again on a conflict
        for (int attempt = 1;; attempt++) {
            try {
                k.pods().withName("nginx").edit(p -> new PodBuilder(p).editSpec().editFirstContainer().withImage("nginx")
                        .endContainer().endSpec().build());
                break;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
        awaitPod(own, "nginx Running after the learner's edit", p -> "nginx".equals(p.pod()),
                p -> "Running".equals(p.kubectlStatus()), RUNNING_TIMEOUT);

        // kubectl logs nginx
        assertThat(k.pods().withName("nginx").getLog()).isNotNull();

        // kubectl exec nginx -- /bin/sh -c 'echo ok'
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch exec = k.pods().withName("nginx").writingOutput(out).exec("/bin/sh", "-c", "echo ok")) {
            assertThat(exec.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ok\n");

        // kubectl port-forward pods/nginx <port>:80, then an HTTP GET through it
        try (LocalPortForward forward = k.pods().withName("nginx").portForward(80)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/"))
                            .timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Welcome to nginx!");
        }

        // nothing else
        assertForbidden("list Pods in another learner's lab", () -> k.pods().inNamespace(others.namespace()).list());
        assertForbidden("exec into another learner's Pod", () -> k.pods().inNamespace(others.namespace()).withName("nginx")
                .writingOutput(new ByteArrayOutputStream()).exec("true").exitCode().get(30, TimeUnit.SECONDS));
        assertForbidden("list Secrets in every namespace", () -> k.secrets().inAnyNamespace().list());
        assertForbidden("list Secrets in the own lab", () -> k.secrets().inNamespace(ns).list());
        assertForbidden("list Pods in kube-system", () -> k.pods().inNamespace("kube-system").list());
        assertForbidden("list Pods in the learner's own home (the toolbox)",
                () -> k.pods().inNamespace(LearnerHome.namespace(LearnerId.of(learner))).list());
        assertForbidden("list Pods in another learner's home",
                () -> k.pods().inNamespace(LearnerHome.namespace(LearnerId.of(other))).list());
        assertForbidden("label a node", () -> k.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + LearnerId.of(learner).nodeLabelKey() + "\":\"special\"}}}"));
        assertForbidden("create a ClusterRoleBinding to cluster-admin", () -> k.rbac().clusterRoleBindings()
                .resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata().withName(learner + "-escalate").endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                        .addNewSubject().withKind("ServiceAccount").withName("learner")
                        .withNamespace(LearnerHome.namespace(LearnerId.of(learner))).endSubject()
                        .build())
                .create());
        assertForbidden("create a Role in the own lab", () -> k.rbac().roles().inNamespace(ns)
                .resource(new RoleBuilder().withNewMetadata().withName("more").endMetadata().build()).create());
        assertForbidden("delete the own lab's namespace", () -> k.namespaces().withName(ns).delete());
        assertThat(admin.rbac().clusterRoleBindings().withName(learner + "-escalate").get()).isNull();

        // the other learner's kubeconfig reaches the other lab, not this one
        KubernetesClient theirs = downloadedClient(other, "nginx-selector", others.namespace());
        assertThat(theirs.pods().list().getItems()).extracting(p -> p.getMetadata().getName()).contains("nginx");
        assertForbidden("the other learner lists Pods in this learner's lab", () -> theirs.pods().inNamespace(ns).list());
    }

    private void terminal() throws Exception {
        Lab own = new Lab(learner, "postgres-misconfig");
        startLab(own);
        String home = LearnerHome.namespace(LearnerId.of(learner));
        HttpClient http = HttpClient.newHttpClient();
        try (TerminalClient term = TerminalClient.open(http, base, own.scenario(), session(learner), null)) {
            assertThat(term.awaitMessage("ready", TERMINAL_TIMEOUT)).as("the terminal starts; got %s", term.texts()).isNotNull();
            assertThat(term.texts().get(0)).contains("Starting your terminal");
            term.resize(120, 40);
            term.type("kubectl get pods\r");
            assertThat(term.awaitOutput("postgres", Duration.ofSeconds(60)))
                    .as("kubectl get pods in the terminal; output:%n%s", term.output()).isTrue();
            term.type("stty size; kubectl get secrets\r");
            assertThat(term.awaitOutput("40 120", Duration.ofSeconds(30))).as("the TTY has the browser's size; output:%n%s",
                    term.output()).isTrue();
            assertThat(term.awaitOutput("Forbidden", Duration.ofSeconds(60))).as("the learner's rights only; output:%n%s",
                    term.output()).isTrue();

            // a TTY: TERM for colours, Ctrl-C interrupts, and full-screen programs (kubectl edit opens vi) work
            term.type("echo term=$TERM\r");
            assertThat(term.awaitOutput("term=xterm-256color", Duration.ofSeconds(30))).as("output:%n%s", term.output()).isTrue();
            // once "started-2" shows, the job is the terminal's foreground process group; the TTY echoes ^C when it
            // signals it (and drops what was typed ahead), so the next command goes only after that
            term.type("sh -c 'echo started-$((1+1)); exec sleep 300'\r");
            assertThat(term.awaitOutput("started-2", Duration.ofSeconds(30))).as("output:%n%s", term.output()).isTrue();
            term.type("\u0003");
            assertThat(term.awaitOutput("^C", Duration.ofSeconds(30))).as("output:%n%s", term.output()).isTrue();
            term.type("echo int-$((6*7))-ok\r");
            assertThat(term.awaitOutput("int-42-ok", Duration.ofSeconds(30))).as("Ctrl-C ends sleep; output:%n%s", term.output())
                    .isTrue();
            term.type("kubectl edit pod postgres\r");
            assertThat(term.awaitOutput("\u001b[?1049h", Duration.ofSeconds(60))).as("vi takes the screen; output:%n%s",
                    term.output()).isTrue();
            assertThat(term.awaitOutput("restartPolicy", Duration.ofSeconds(30))).as("vi shows the Pod; output:%n%s", term.output())
                    .isTrue();
            term.type(":q!\r");
            assertThat(term.awaitOutput("Edit cancelled, no changes made.", Duration.ofSeconds(30)))
                    .as("quitting vi leaves the Pod as it was; output:%n%s", term.output()).isTrue();

            Pod toolbox = admin.pods().inNamespace(home).withName(ToolboxPods.POD).get();
            assertThat(toolbox.getSpec().getServiceAccountName()).isEqualTo("learner");
            KubernetesClient k = downloadedClient(learner, own.scenario(), own.namespace());
            assertForbidden("the learner execs into their own toolbox directly", () -> k.pods().inNamespace(home)
                    .withName(ToolboxPods.POD).writingOutput(new ByteArrayOutputStream()).exec("true").exitCode()
                    .get(30, TimeUnit.SECONDS));

            // another learner's session opens a terminal of their own, never this one
            try (TerminalClient theirs = TerminalClient.open(http, base, own.scenario(), session(other), null)) {
                assertThat(theirs.awaitMessage("ready", TERMINAL_TIMEOUT)).as("got %s", theirs.texts()).isNotNull();
                theirs.type("kubectl get pods -n " + own.namespace() + "\r");
                assertThat(theirs.awaitOutput("Forbidden", Duration.ofSeconds(60))).as("output:%n%s", theirs.output()).isTrue();
                theirs.closeAndWait(Duration.ofSeconds(30));
            }

            term.type("exit 0\r");
            assertThat(term.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(term.awaitMessage("exit", Duration.ZERO)).contains("exit code 0");
        }
        assertThat(terminals.awaitQuiet(Duration.ofSeconds(30))).isTrue();

        // idle toolboxes go; the next terminal makes one again
        assertThat(toolboxes.reapIdle(Instant.now().plus(Duration.ofHours(1)))).isGreaterThanOrEqualTo(1);
        admin.pods().inNamespace(home).withName(ToolboxPods.POD).waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
        try (TerminalClient again = TerminalClient.open(http, base, own.scenario(), session(learner), null)) {
            assertThat(again.awaitMessage("ready", TERMINAL_TIMEOUT)).as("got %s", again.texts()).isNotNull();
            assertThat(again.texts()).anySatisfy(t -> assertThat(t).contains("Creating your toolbox Pod"));
            again.closeAndWait(Duration.ofSeconds(30));
        }
        assertThat(terminals.awaitQuiet(Duration.ofSeconds(30))).isTrue();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
