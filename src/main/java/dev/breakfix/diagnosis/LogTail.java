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
 * cache of its own: grading the same crash again costs no request. Anything but a log (none kept by the kubelet,
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

    public LogTail(KubernetesClient client) {
        this.client = client;
    }

    /** The diagnosis with the last lines of the exited container's log in its evidence, when there are any. */
    public PodDiagnosis add(String namespace, PodDiagnosis d) {
        if (!d.exited()) {
            return d;
        }
        Optional<ContainerDiagnosis> c = d.containers().stream()
                .filter(x -> x.lastExitCode() != null && !x.ready()).findFirst();
        if (c.isEmpty()) {
            return d;
        }
        boolean previous = d.state() == PodState.CrashLoopBackOff;
        String run = namespace + '/' + d.pod() + '/' + c.get().name() + '/' + c.get().restartCount() + '/'
                + c.get().lastExitCode() + '/' + previous;
        List<String> lines = runs.get(run);
        if (lines == null) { // read outside the map's lock: one slow log must not hold up the other labs' grades
            lines = read(namespace, d.pod(), c.get().name(), previous);
            runs.put(run, lines);
        }
        return d.withLogTail(c.get().name(), previous, lines);
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
