package dev.breakfix.diagnosis;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The last lines a stopped container printed, as evidence for its diagnosis ({@code kubectl logs --previous
 * --tail}). Logs are not in the cache: this is read from the API server once per grade report, and only for a
 * workload whose container has exited. Anything but a log (no log yet, an error) gives no lines.
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

    private final KubernetesClient client;

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
        List<String> lines = read(namespace, d.pod(), c.get().name(), previous);
        return d.withLogTail(c.get().name(), previous, lines);
    }

    List<String> read(String namespace, String pod, String container, boolean previous) {
        try {
            var logs = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
            String text = previous ? logs.terminated().tailingLines(READ).getLog() : logs.tailingLines(READ).getLog();
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
