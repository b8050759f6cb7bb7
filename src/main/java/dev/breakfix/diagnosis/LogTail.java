package dev.breakfix.diagnosis;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.breakfix.cluster.ContainerLogs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The last lines a stopped container printed, as evidence for its diagnosis ({@code kubectl logs --previous
 * --tail}). Logs are not in the informers' cache; the log of a container that has exited never changes, so it
 * is read from the API server once per exited container run (pod, container, restart count) and kept in a small
 * cache of its own: grading the same crash again costs no request. Reads run on two threads of their own; a lab
 * page that is open asks for the log as soon as a container stops ({@link #addIfRead}), so a check finds it read. Anything but a log (none kept by the kubelet,
 * an error) gives no lines, and is kept too: asking again for every grade of a class would cost one request per
 * grade; the container's next run is read anew.
 */
@ApplicationScoped
public class LogTail {

    /** Lines shown as evidence. */
    static final int LINES = 5;
    /** Lines read from the end of the log, to find the line that names the error. */
    static final int READ = 40;
    private static final java.util.regex.Pattern ERROR = java.util.regex.Pattern.compile(
            "(?i)\\b(error|fatal|panic|exception|denied|not found|no such|missing|failed)\\b");
    private static final Logger LOG = Logger.getLogger(LogTail.class);

    /** Exited runs remembered; a class of 500 learners has at most a few hundred crashing at once. */
    static final int CACHED_RUNS = 2048;

    private final KubernetesClient client;
    private final java.util.Map<String, List<String>> runs = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, List<String>> eldest) {
                    return size() > CACHED_RUNS;
                }
            });
    /** Reads under way, by run: a grade that needs a log being read waits for that read instead of sending another. */
    private final java.util.Map<String, java.util.concurrent.CompletableFuture<List<String>>> reading =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "breakfix-log-tail");
        t.setDaemon(true);
        return t;
    });

    public LogTail(KubernetesClient client) {
        this.client = client;
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        readers.shutdownNow();
    }

    /** One exited run of a container: where its log is and the key it is remembered by. */
    private record Run(String key, String namespace, String pod, String container, boolean previous) {

        static Optional<Run> of(String namespace, PodDiagnosis d) {
            if (!d.exited()) {
                return Optional.empty();
            }
            return d.containers().stream().filter(x -> x.lastExitCode() != null && !x.ready()).findFirst().map(c -> {
                boolean previous = d.state() == PodState.CrashLoopBackOff;
                return new Run(namespace + '/' + d.pod() + '/' + c.name() + '/' + c.restartCount() + '/' + c.lastExitCode()
                        + '/' + previous, namespace, d.pod(), c.name(), previous);
            });
        }
    }

    /**
     * The diagnosis with the last lines of the exited container's log in its evidence, when there are any. Reads the
     * log (once per run) if no one has yet: a grade waits for it.
     */
    public PodDiagnosis add(String namespace, PodDiagnosis d) {
        Optional<Run> run = Run.of(namespace, d);
        if (run.isEmpty()) {
            return d;
        }
        List<String> lines = runs.get(run.get().key());
        if (lines == null) {
            lines = fetch(run.get()).join();
        }
        return d.withLogTail(run.get().container(), run.get().previous(), lines);
    }

    /**
     * The diagnosis with the log's last lines if they are known, else as it is, and the log is read in the
     * background: the live page of a learner calls this when a container stops, so that the learner's next check
     * finds the evidence ready (and the page shows it on its next render). No request when no page is open.
     */
    public PodDiagnosis addIfRead(String namespace, PodDiagnosis d) {
        Optional<Run> run = Run.of(namespace, d);
        if (run.isEmpty()) {
            return d;
        }
        List<String> lines = runs.get(run.get().key());
        if (lines == null) {
            fetch(run.get());
            return d;
        }
        return d.withLogTail(run.get().container(), run.get().previous(), lines);
    }

    /** The run's lines, read by one of the readers unless a read of it is already under way. */
    private java.util.concurrent.CompletableFuture<List<String>> fetch(Run run) {
        java.util.concurrent.CompletableFuture<List<String>> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<List<String>> current = reading.putIfAbsent(run.key(), mine);
        if (current != null) {
            return current;
        }
        try {
            readers.execute(() -> {
                try {
                    List<String> lines = runs.get(run.key());
                    if (lines == null) {
                        lines = read(run.namespace(), run.pod(), run.container(), run.previous());
                        runs.put(run.key(), lines);
                    }
                    mine.complete(lines);
                } catch (RuntimeException e) {
                    mine.complete(List.of());
                } finally {
                    reading.remove(run.key(), mine);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down
            reading.remove(run.key(), mine);
            mine.complete(List.of());
        }
        return mine;
    }

    List<String> read(String namespace, String pod, String container, boolean previous) {
        try {
            String text = ContainerLogs.tail(client, namespace, pod, container, previous, READ);
            return lines(text);
        } catch (KubernetesClientException e) {
            LOG.debugf("No log of %s/%s %s: %s", namespace, pod, container, e.getMessage());
            return List.of();
        }
    }

    /**
     * Up to {@link #LINES} non-blank lines of the end of a log: the first line that names an error (where the
     * program said why it stopped) and the lines after it; none for "unable to retrieve container logs".
     */
    static List<String> lines(String text) {
        if (text == null || text.isBlank() || text.startsWith("unable to retrieve container logs")) {
            return List.of();
        }
        List<String> all = text.lines().filter(l -> !l.isBlank()).map(String::stripTrailing).toList();
        int from = Math.max(0, all.size() - LINES);
        for (int i = 0; i < all.size(); i++) {
            if (ERROR.matcher(all.get(i)).find()) {
                from = Math.min(i, from);
                break;
            }
        }
        return all.subList(from, Math.min(all.size(), from + LINES));
    }
}
