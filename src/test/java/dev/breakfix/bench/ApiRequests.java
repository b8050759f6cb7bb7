package dev.breakfix.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Counts the requests the mock API server receives, by who sent them. The bench's own clients (fixture,
 * driver, baseline) send a User-Agent of their own; everything else is the app's client. The mock keeps
 * every request it receives in a queue (with its body): this drains it, so that neither memory nor the
 * heap figure grows with it.
 */
final class ApiRequests implements AutoCloseable {

    enum Source {
        /** The server under test (Breakfix's own client). */
        APP("fabric8"),
        /** The verify-script baseline ({@link PollingGrader}, polling pages). */
        BASELINE("breakfix-bench-baseline"),
        /** The test fixture playing scheduler, kubelet and controllers. */
        FIXTURE("breakfix-bench-fixture"),
        /** The benchmark's own writes (Pod statuses, clean-up). */
        DRIVER("breakfix-bench-driver");

        final String agent;

        Source(String agent) {
            this.agent = agent;
        }
    }

    private final KubernetesMockServer server;
    private final Map<Source, LongAdder> counts = new EnumMap<>(Source.class);
    private final Map<String, LongAdder> appByKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> agents = new ConcurrentHashMap<>();
    private final Thread drainer;
    private volatile boolean running = true;

    ApiRequests(KubernetesMockServer server) {
        this.server = server;
        for (Source s : Source.values()) {
            counts.put(s, new LongAdder());
        }
        drainer = new Thread(this::drain, "bench-request-counter");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** A client of the mock server that identifies itself as {@code source}. */
    static KubernetesClient client(String apiServerUrl, Source source) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(apiServerUrl)
                .withTrustCerts(true)
                .withUserAgent(source.agent)
                .withRequestTimeout(60_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private void drain() {
        while (running) {
            try {
                RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS);
                if (r != null) {
                    count(r);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // keep counting
            }
        }
    }

    private void count(RecordedRequest r) {
        String agent = r.getHeader("User-Agent");
        agents.computeIfAbsent(agent == null ? "(none)" : agent, k -> new LongAdder()).increment();
        Source source = Source.APP;
        if (agent != null) {
            for (Source s : Source.values()) {
                if (s != Source.APP && agent.startsWith(s.agent)) {
                    source = s;
                }
            }
        }
        counts.get(source).increment();
        if (source == Source.APP) {
            appByKind.computeIfAbsent(kind(r), k -> new LongAdder()).increment();
        } else {
            appByKind.computeIfAbsent(source + " " + kind(r), k -> new LongAdder()).increment();
        }
    }

    /** {@code GET pods}, {@code POST namespaces}, {@code WATCH events}: method and resource, no names. */
    private static String kind(RecordedRequest r) {
        String path = r.getPath() == null ? "" : r.getPath();
        boolean watch = path.contains("watch=true");
        int q = path.indexOf('?');
        String[] parts = (q < 0 ? path : path.substring(0, q)).split("/");
        String resource = "?";
        // /api/v1/namespaces/{ns}/pods/{name}/status, /apis/apps/v1/namespaces/{ns}/deployments
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.equals("api") || p.equals("apis") || p.startsWith("v1") || p.equals("apps")
                    || p.equals("rbac.authorization.k8s.io") || p.equals("events.k8s.io")) {
                continue;
            }
            if (p.equals("namespaces") && i + 2 < parts.length) {
                i++; // skip the namespace's name
                continue;
            }
            resource = p;
            if (i + 2 < parts.length) {
                resource = p + "/" + parts[i + 2]; // subresource, e.g. pods/status
            }
            break;
        }
        return (watch ? "WATCH" : r.getMethod()) + " " + resource;
    }

    long count(Source source) {
        return counts.get(source).sum();
    }

    /** Waits until the mock's queue has been drained (every request so far is counted). */
    void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long total;
        do {
            total = counts.values().stream().mapToLong(LongAdder::sum).sum();
            if (total >= server.getRequestCount()) {
                return;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
    }

    Map<String, Long> appByKindSnapshot() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        appByKind.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    Map<String, Long> agents() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        agents.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    /** A snapshot of every count, to subtract later. */
    Map<Source, Long> snapshot() {
        settle();
        Map<Source, Long> snapshot = new EnumMap<>(Source.class);
        counts.forEach((s, n) -> snapshot.put(s, n.sum()));
        return snapshot;
    }

    static long since(Map<Source, Long> before, Map<Source, Long> after, Source s) {
        return after.get(s) - before.get(s);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        drainer.interrupt();
    }
}
