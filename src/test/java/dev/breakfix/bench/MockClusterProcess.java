package dev.breakfix.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link MockClusterMain} (mock API server + fixture + request counter) in a JVM of its own before the
 * server under test boots, and points the server's Kubernetes client at it; the benchmark drives it with
 * {@link MockCluster} on the control port given as {@value #CONTROL_PORT}. The child's JVM options come from
 * {@code -Dbench.clusterJvmArgs} (default {@code -Xmx2g}); its log goes to {@code target/bench/mock-cluster.log}.
 */
public class MockClusterProcess implements QuarkusTestResourceLifecycleManager {

    static final String CONTROL_PORT = "bench.cluster.control-port";

    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            Path log = Path.of(System.getProperty("bench.output", "target/bench/class-benchmark.md")).toAbsolutePath()
                    .getParent().resolve("mock-cluster.log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String arg : System.getProperty("bench.clusterJvmArgs", "-Xmx2g").split(" ")) {
                if (!arg.isBlank()) {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MockClusterMain.class.getName()));
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith(MockClusterMain.REPLY + "ok ")) {
                    String[] announced = line.substring(MockClusterMain.REPLY.length() + 3).split(" ");
                    return Map.of(
                            "quarkus.kubernetes-client.api-server-url", announced[0],
                            "quarkus.kubernetes-client.trust-certs", "true",
                            "quarkus.kubernetes-client.devservices.enabled", "false",
                            CONTROL_PORT, announced[1]);
                }
            }
            throw new IllegalStateException("the mock cluster process ended before it started; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mock cluster process", e);
        }
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close(); // the child ends when its stdin closes
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
