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

    static final int LINES = 5;
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
            String text = previous ? logs.terminated().tailingLines(LINES).getLog() : logs.tailingLines(LINES).getLog();
            return lines(text);
        } catch (KubernetesClientException e) {
            LOG.debugf("No log of %s/%s %s: %s", namespace, pod, container, e.getMessage());
            return List.of();
        }
    }

    /** The last non-blank lines of a log, none for the API server's "unable to retrieve container logs". */
    static List<String> lines(String text) {
        if (text == null || text.isBlank() || text.startsWith("unable to retrieve container logs")) {
            return List.of();
        }
        List<String> all = text.lines().filter(l -> !l.isBlank()).map(String::stripTrailing).toList();
        return all.subList(Math.max(0, all.size() - LINES), all.size());
    }
}
