package dev.breakfix.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.bench.ApiRequests.Source;
import dev.breakfix.testing.FakeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * The benchmark's cluster in a process of its own: the mock API server (CRUD, indexed), the fixture playing
 * scheduler, kubelet and controllers, and the request counter. The server under test then runs alone in its
 * JVM, as it would in a class, and its heap, GC pauses and latencies are its own.
 *
 * <p>Started by {@link MockClusterProcess}: announces the API server's URL and a control port on stdout, then
 * lives until its stdin closes. {@link MockCluster} drives it over the control port, one command per line, one
 * answer per line starting with {@value #REPLY} ({@code ok ...} or {@code error ...}).
 */
public final class MockClusterMain {

    static final String REPLY = "@@ ";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The mock logs every request it answers; held here so that the level set on it stays. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient mock;
    private final ApiRequests requests;
    private FakeCluster fixture;

    private MockClusterMain() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        IndexedMock.install(server);
        mock = server.createClient();
        requests = new ApiRequests(server);
    }

    public static void main(String[] args) throws Exception {
        PrintStream announce = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // library output must not mix with the announcement
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        MockClusterMain cluster = new MockClusterMain();
        ServerSocket control = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> cluster.serve(control), "control");
        accept.setDaemon(true);
        accept.start();
        announce.println(REPLY + "ok " + cluster.mock.getConfiguration().getMasterUrl() + " " + control.getLocalPort());
        // the parent holds stdin open for as long as it needs this process
        while (System.in.read() >= 0) {
            // nothing is expected on stdin
        }
        cluster.close();
        System.exit(0);
    }

    private void serve(ServerSocket control) {
        while (true) {
            try {
                Socket connection = control.accept();
                Thread t = new Thread(() -> answer(connection), "control-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One command per line, one answer per line. */
    private void answer(Socket connection) {
        try (connection;
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                PrintStream out = new PrintStream(connection.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null;) {
                String reply;
                try {
                    synchronized (this) {
                        reply = "ok " + handle(line.strip().split(" "));
                    }
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    reply = "error " + e.toString().replace('\n', ' ');
                }
                out.println(REPLY + reply);
            }
        } catch (IOException e) {
            // the benchmark went away
        }
    }

    private String handle(String[] words) throws Exception {
        switch (words[0]) {
            case "fixture-start" -> {
                fixture = new FakeCluster(ApiRequests.client(mock.getConfiguration().getMasterUrl(), Source.FIXTURE),
                        Clock.systemUTC());
                int nodes = Integer.parseInt(words[1]);
                fixture.withNode("vm", "2", "8Gi");
                for (int i = 1; i < nodes; i++) {
                    fixture.withNode("vm" + (i + 1), "2", "8Gi");
                }
                fixture.start();
                return Boolean.toString(fixture.awaitIdle(Duration.ofMinutes(2)));
            }
            case "fixture-idle" -> {
                return Boolean.toString(fixture.awaitIdle(Duration.ofSeconds(Long.parseLong(words[1]))));
            }
            case "fixture-close" -> {
                if (fixture != null) {
                    fixture.close();
                    fixture = null;
                }
                return "closed";
            }
            case "clear" -> {
                IndexedMock.installed().orElseThrow(() -> new IllegalStateException("the stock dispatcher cannot be cleared"))
                        .clearAll();
                return "cleared";
            }
            case "counts" -> {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("sources", requests.snapshot());
                counts.put("kinds", requests.appByKindSnapshot());
                counts.put("agents", requests.agents());
                return JSON.writeValueAsString(counts);
            }
            case "heap" -> {
                requests.snapshot(); // the mock's recorded requests hold their bodies until counted
                return Long.toString(ClassRun.heapAfterGc());
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        }
    }

    private void close() {
        if (fixture != null) {
            fixture.close();
        }
        requests.close();
        mock.close();
        server.destroy();
    }
}
