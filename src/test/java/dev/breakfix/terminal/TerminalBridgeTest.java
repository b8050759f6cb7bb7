package dev.breakfix.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakfix.access.AccessTestProfile;
import dev.breakfix.support.MockClusterProfile;
import dev.breakfix.web.session.LearnerSessions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.kubernetes.client.utils.URLUtils;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.websockets.next.OpenConnections;

/**
 * The browser terminal end to end on the fabric8 mock API server, whose exec endpoint plays the shell: keystrokes
 * in, output out, resize to the exec's resize channel, either side closing the other, refusals, the idle toolbox
 * removed and made again, and no threads or connections left behind after 100 terminals.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(AccessTestProfile.class)
class TerminalBridgeTest {

    private static final Logger LOG = Logger.getLogger(TerminalBridgeTest.class);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LEARNER = "tess";
    private static final String SCENARIO = "crasher";
    private static final String LAB_NS = "bf-tess-crasher";
    private static final String HOME = "bfh-tess";
    private static final String PROMPT = "learner:" + LAB_NS + "$ ";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    LearnerSessions sessions;

    @Inject
    Terminals terminals;

    @Inject
    Toolboxes toolboxes;

    @Inject
    OpenConnections connections;

    @TestHTTPResource("/")
    URI base;

    static SharedIndexInformer<Pod> kubelet;
    static boolean shellExpected;

    /** Plays kubelet for toolbox Pods: each one runs and is ready as soon as it is created. */
    @BeforeEach
    void toolboxesStartAtOnce() {
        if (kubelet == null) {
            kubelet = client.pods().inAnyNamespace().withLabel(ToolboxPods.COMPONENT, ToolboxPods.COMPONENT_VALUE)
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Pod pod) {
                            if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
                                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                                        .editStatus(p -> {
                                            p.setStatus(new PodStatusBuilder().withPhase("Running")
                                                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                                                    .build());
                                            return p;
                                        });
                            }
                        }

                        @Override
                        public void onUpdate(Pod oldPod, Pod newPod) {
                        }

                        @Override
                        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                        }
                    });
        }
        if (!shellExpected) {
            expectShell(HOME, LAB_NS);
            shellExpected = true;
        }
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
        shellExpected = false;
    }

    /**
     * The exec of a terminal on the mock server: it prints a prompt; {@code ls} lists a file; a resize to 100x30 is
     * acknowledged in the output (80x24, the size before the browser tells its own, silently); {@code exit} ends the
     * shell with exit code 0. Any other message makes the mock close the exec (1002).
     */
    private void expectShell(String home, String labNamespace) {
        server.expect().get().withPath(execPath(home, labNamespace))
                .andUpgradeToWebSocket()
                .open(new OutputStreamMessage(PROMPT))
                .expect(stdin("ls\r")).andEmit(everyTime(new OutputStreamMessage("ls\r\nnotes.txt\r\n" + PROMPT))).always()
                .expect(resize(80, 24, true)).andEmit(everyTime(new OutputStreamMessage(""))).always()
                .expect(resize(80, 24, false)).andEmit(everyTime(new OutputStreamMessage(""))).always()
                .expect(resize(100, 30, true)).andEmit(everyTime(new OutputStreamMessage("[resized to 100x30]"))).always()
                .expect(resize(100, 30, false)).andEmit(everyTime(new OutputStreamMessage("[resized to 100x30]"))).always()
                .expect(stdin("exit\r")).andEmit(everyTime(new StatusStreamMessage(0))).always()
                .done()
                .always();
    }

    /** The same message, not removed from the mock's script once sent (the stream messages are, by default). */
    private static WebSocketMessage everyTime(WebSocketMessage message) {
        return new WebSocketMessage(0L, message.getBytes(), false, message.isBinary());
    }

    /** The exec URL fabric8 asks for: the terminal's command, then container, tty, stdin, stdout. */
    static String execPath(String home, String labNamespace) {
        URLUtils.URLBuilder url = new URLUtils.URLBuilder("http://mock/api/v1/namespaces/" + home + "/pods/"
                + ToolboxPods.POD + "/exec");
        for (String arg : ToolboxPods.terminalCommand(labNamespace)) {
            url.addQueryParameter("command", arg);
        }
        url.addQueryParameter("container", ToolboxPods.CONTAINER).addQueryParameter("tty", "true")
                .addQueryParameter("stdin", "true").addQueryParameter("stdout", "true");
        return url.build().getFile();
    }

    /** Channel 0: stdin, as the exec receives it. */
    private static String stdin(String keys) {
        return "\u0000" + keys;
    }

    /** Channel 4: the resize message of ExecWatch.resize, {"Width": cols, "Height": rows} (in either order). */
    private static String resize(int cols, int rows, boolean widthFirst) {
        String w = "\"Width\":" + cols;
        String h = "\"Height\":" + rows;
        return "\u0004{" + (widthFirst ? w + "," + h : h + "," + w) + "}";
    }

    private String session() {
        return sessions.sign(LEARNER, Instant.now().plusSeconds(600));
    }

    private TerminalClient openTerminal() throws Exception {
        return TerminalClient.open(HTTP, base, SCENARIO, session(), null);
    }

    // ---- the bridge ----

    @Test
    void keystrokesGoInOutputComesOutAndResizeReachesTheExec() throws Exception {
        try (TerminalClient term = openTerminal()) {
            assertThat(term.awaitMessage("ready", WAIT)).as("ready; got %s", term.texts()).contains(LAB_NS);
            assertThat(term.awaitOutput(PROMPT, WAIT)).as("the prompt; output %s", term.output()).isTrue();
            assertThat(term.texts().get(0)).contains("\"type\":\"status\"").contains("Starting your terminal");

            term.type("ls\r");
            assertThat(term.awaitOutput("notes.txt", WAIT)).as("ls output; got %s", term.output()).isTrue();

            term.resize(100, 30);
            assertThat(term.awaitOutput("[resized to 100x30]", WAIT)).as("resize acknowledged; got %s", term.output()).isTrue();
            // sizes out of range never reach the exec
            term.resize(0, 30);
            term.resize(100000, 30);

            assertThat(terminals.sessions()).isEqualTo(1);
            assertThat(terminals.openExecs()).isEqualTo(1);
            assertThat(term.closeAndWait(WAIT)).isEqualTo(1000);
        }
        assertThat(terminals.awaitQuiet(WAIT)).as("the exec is closed after the browser closed").isTrue();
        assertThat(client.pods().inNamespace(HOME).withName(ToolboxPods.POD).get()).as("the toolbox stays for the next terminal")
                .isNotNull();
    }

    @Test
    void theShellEndingClosesTheBrowsersTerminal() throws Exception {
        try (TerminalClient term = openTerminal()) {
            assertThat(term.awaitOutput(PROMPT, WAIT)).isTrue();
            term.type("exit\r");
            assertThat(term.closed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(term.awaitMessage("exit", Duration.ZERO)).contains("The shell ended");
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
    }

    @Test
    void keysTypedWhileTheTerminalStartsAreNotLost() throws Exception {
        client.pods().inNamespace(HOME).withName(ToolboxPods.POD).withGracePeriod(0).delete();
        client.pods().inNamespace(HOME).withName(ToolboxPods.POD).waitUntilCondition(p -> p == null, 10, java.util.concurrent.TimeUnit.SECONDS);
        try (TerminalClient term = openTerminal()) {
            term.type("ls\r");
            assertThat(term.awaitOutput("notes.txt", WAIT)).as("got %s / %s", term.output(), term.texts()).isTrue();
            assertThat(term.texts()).anySatisfy(t -> assertThat(t).contains("Creating your toolbox Pod"));
            term.closeAndWait(WAIT);
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
    }

    // ---- who may open a terminal ----

    @Test
    void onlyTheSessionsLearnerGetsATerminal() throws Exception {
        assertRefused(null, null, 401);
        assertRefused("v1.bWFsbG9yeQ.9999999999.forged", null, 401);
        assertRefused(sessions.sign(LEARNER, Instant.now().minusSeconds(1)), null, 401);
        // another site's page cannot open the learner's terminal with the learner's cookie
        assertRefused(session(), "http://evil.example", 403);
        // an instructor's or grader's token is not a learner
        var handshake = HTTP.newWebSocketBuilder().header("Authorization", MockClusterProfile.INSTRUCTOR)
                .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/learn/terminal/" + SCENARIO),
                        new TerminalClient());
        assertThatThrownBy(handshake::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));

        // the same origin is fine, and an unknown lab is closed with a message
        try (TerminalClient term = TerminalClient.open(HTTP, base, "no-such-lab", session(),
                "http://" + base.getHost() + ":" + base.getPort())) {
            assertThat(term.closed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4404);
            assertThat(term.texts()).anySatisfy(t -> assertThat(t).contains("no lab by that name"));
        }
        // in the learner's language, from the handshake as for a page
        try (TerminalClient term = TerminalClient.open(HTTP, base, "no-such-lab?lang=zh", session(),
                "http://" + base.getHost() + ":" + base.getPort())) {
            assertThat(term.closed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4404);
            assertThat(term.texts()).anySatisfy(t -> assertThat(t).contains("没有这个名字的实验"))
                    .noneSatisfy(t -> assertThat(t).contains("no lab by that name"));
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
        assertThat(client.namespaces().withName("bfh-mallory").get()).isNull();
    }

    private void assertRefused(String cookie, String origin, int status) {
        assertThatThrownBy(() -> TerminalClient.open(HTTP, base, SCENARIO, cookie, origin))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .as("handshake status with cookie %s, origin %s", cookie, origin).isEqualTo(status));
    }

    // ---- the toolbox's life ----

    @Test
    void anIdleToolboxIsRemovedAndMadeAgainOnDemandButNotWhileInUse() throws Exception {
        try (TerminalClient term = openTerminal()) {
            assertThat(term.awaitOutput(PROMPT, WAIT)).isTrue();
            // in use: never removed, however long ago it started
            assertThat(toolboxes.reapIdle(Instant.now().plus(Duration.ofDays(1)))).isZero();
            term.closeAndWait(WAIT);
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
        // just used: kept
        assertThat(toolboxes.reapIdle(Instant.now().plus(Duration.ofMinutes(5)))).isZero();
        // idle for longer than breakfix.access.toolbox-idle (10m): removed
        assertThat(toolboxes.reapIdle(Instant.now().plus(Duration.ofMinutes(11)))).isEqualTo(1);
        client.pods().inNamespace(HOME).withName(ToolboxPods.POD).waitUntilCondition(p -> p == null, 10,
                java.util.concurrent.TimeUnit.SECONDS);

        try (TerminalClient term = openTerminal()) {
            assertThat(term.awaitMessage("ready", WAIT)).isNotNull();
            assertThat(term.texts()).anySatisfy(t -> assertThat(t).contains("Creating your toolbox Pod"));
            term.type("ls\r");
            assertThat(term.awaitOutput("notes.txt", WAIT)).isTrue();
            term.closeAndWait(WAIT);
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
    }

    // ---- no leaks ----

    @Test
    void aHundredTerminalsLeaveNoThreadAndNoConnectionBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            cycle(i);
        }
        assertThat(terminals.awaitQuiet(WAIT)).isTrue();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Map<String, Long> byNameBefore = countByName(before);

        for (int i = 0; i < 100; i++) {
            cycle(i);
        }

        assertThat(terminals.awaitQuiet(WAIT)).as("sessions %s, execs %s", terminals.sessions(), terminals.openExecs()).isTrue();
        assertThat(terminals.openExecs()).isZero();
        assertThat(toolboxes.users()).isZero();
        assertThat(connections.findByEndpointId(TerminalSocket.ENDPOINT_ID)).isEmpty();

        // threads started during the 100 terminals that are still alive, once each had time to end
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Thread> added = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).toList();
        for (Thread t : added) {
            if (!pooled(t)) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        List<Thread> alive = added.stream().filter(Thread::isAlive).toList();
        Map<String, Long> grown = countByName(alive);
        LOG.infof("Threads before %s; still alive after 100 terminals: %s", byNameBefore, grown);
        assertThat(alive.stream().filter(t -> !pooled(t)).map(Thread::getName).toList())
                .as("threads left by 100 terminals (pools excluded)").hasSizeLessThanOrEqualTo(4);
        assertThat(grown.values()).as("no kind of thread grows with the number of terminals: %s", grown)
                .allSatisfy(n -> assertThat(n).isLessThan(10));
    }

    private void cycle(int i) throws Exception {
        try (TerminalClient term = openTerminal()) {
            assertThat(term.awaitOutput(PROMPT, WAIT)).as("cycle %s: prompt; got %s / %s", i, term.output(), term.texts()).isTrue();
            term.type("ls\r");
            assertThat(term.awaitOutput("notes.txt", WAIT)).as("cycle %s: output", i).isTrue();
            assertThat(term.closeAndWait(WAIT)).isEqualTo(1000);
        }
    }

    /** Threads of bounded pools that stay for reuse (Quarkus workers, Vert.x event loops, fabric8's client pool). */
    private static boolean pooled(Thread t) {
        String n = t.getName();
        return n.startsWith("executor-thread-") || n.startsWith("vert.x-") || n.startsWith("HttpClient-");
    }

    private static Map<String, Long> countByName(java.util.Collection<Thread> threads) {
        return threads.stream().collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new,
                Collectors.counting()));
    }
}
