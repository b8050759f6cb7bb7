package dev.breakfix.web.live;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.breakfix.cluster.ContainerLogs;
import dev.breakfix.web.pages.LogView;
import dev.breakfix.web.i18n.Messages;
import dev.breakfix.web.i18n.Msg;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A container's log, current or previous, as {@code kubectl logs --tail=200} shows it. Logs are not in
 * the cache: this is the one read the pages make from the API server, on the learner's request only.
 * The caller checks that the Pod and container are in the learner's own lab.
 */
@ApplicationScoped
public class PodLogs {

    static final int TAIL_LINES = 200;

    private final KubernetesClient client;

    public PodLogs(KubernetesClient client) {
        this.client = client;
    }

    public LogView read(String namespace, String pod, String container, boolean previous) {
        return read(namespace, pod, container, previous, Messages.of(null));
    }

    /** The log, or a note in the language of {@code msg} on why there is none. */
    public LogView read(String namespace, String pod, String container, boolean previous, Msg msg) {
        try {
            String text = ContainerLogs.tail(client, namespace, pod, container, previous, TAIL_LINES);
            if (text == null || text.isEmpty()) {
                return new LogView(pod, container, previous, "", previous
                        ? msg.logPreviousEmpty(container)
                        : msg.logEmpty(container));
            }
            if (text.startsWith("unable to retrieve container logs")) {
                return noLogYet(pod, container, previous, text.strip(), msg);
            }
            return new LogView(pod, container, previous, text, null);
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            if (e.getCode() == 400 || e.getCode() == 404) {
                return noLogYet(pod, container, previous, message, msg);
            }
            if (e.getCode() == 0) {
                return new LogView(pod, container, previous, "", msg.logClusterDown(message));
            }
            return new LogView(pod, container, previous, "", msg.apiAnswered(e.getCode(), message));
        }
    }

    private static LogView noLogYet(String pod, String container, boolean previous, String message, Msg msg) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        String note;
        if (previous && m.contains("previous terminated container")) {
            note = msg.logNoPrevious(container);
        } else if (m.contains("waiting to start") || m.contains("is waiting")) {
            note = msg.logNotStarted(container, message);
        } else {
            note = msg.logNone(message);
        }
        return new LogView(pod, container, previous, "", note);
    }
}
