package dev.breakfix.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.breakfix.bench.ApiRequests.Source;

/** The benchmark's handle on the cluster process ({@link MockClusterMain}), over its control port. */
final class MockCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final PrintWriter commands;
    private final BufferedReader answers;

    MockCluster(int controlPort) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        commands = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the fixture with {@code nodes} nodes and waits (bounded) until it has nothing left to do. */
    void startFixture(int nodes) {
        call("fixture-start " + nodes);
    }

    /** Waits (bounded) until the fixture has answered every change; false when it had not by then. */
    boolean awaitFixtureIdle(Duration max) {
        return Boolean.parseBoolean(call("fixture-idle " + max.toSeconds()));
    }

    void closeFixture() {
        call("fixture-close");
    }

    /** Forgets every object of the cluster at once (no watch events: watchers must list again). */
    void clear() {
        call("clear");
    }

    /** The cluster process's heap after full GC (the mock API server with every object, the fixture's informers). */
    long heapAfterGc() {
        return Long.parseLong(call("heap"));
    }

    /** Requests received so far, by sender (every request sent before this call is counted). */
    Map<Source, Long> snapshot() {
        JsonNode sources = counts().get("sources");
        Map<Source, Long> snapshot = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            snapshot.put(s, sources.path(s.name()).asLong());
        }
        return snapshot;
    }

    /** Requests so far by method and resource: the app's as they are, the bench's own prefixed with their source. */
    Map<String, Long> appByKindSnapshot() {
        return longs(counts().get("kinds"));
    }

    Map<String, Long> agents() {
        return longs(counts().get("agents"));
    }

    private JsonNode counts() {
        try {
            return JSON.readTree(call("counts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    private synchronized String call(String command) {
        commands.println(command);
        try {
            for (String line; (line = answers.readLine()) != null;) {
                if (line.startsWith(MockClusterMain.REPLY + "ok ")) {
                    return line.substring(MockClusterMain.REPLY.length() + 3);
                }
                if (line.startsWith(MockClusterMain.REPLY + "error ")) {
                    throw new IllegalStateException("mock cluster process, " + command + ": "
                            + line.substring(MockClusterMain.REPLY.length()) + " (see target/bench/mock-cluster.log)");
                }
            }
            throw new IllegalStateException("the mock cluster process went away (see target/bench/mock-cluster.log)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
