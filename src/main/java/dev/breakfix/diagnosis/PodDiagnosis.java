package dev.breakfix.diagnosis;

import java.util.List;

/**
 * What is the matter with one Pod, in the chapter's terms.
 *
 * @param pod           the Pod's name
 * @param state         the diagnosis; {@link PodState#Running} only when every container runs and is ready
 *                      and the Pod's Ready condition is true
 * @param kubectlStatus the STATUS column of {@code kubectl get pods} ({@code NotFound} for a missing Pod)
 * @param reason        short: the scheduler's reason ({@code Insufficient cpu}), the waiting reason
 *                      ({@code ImagePullBackOff}), the terminated reason ({@code OOMKilled}), ...
 * @param message       what the cluster says in full: the scheduler's message, the kubelet's waiting message,
 *                      the pull error of the latest {@code Failed} event, ...
 * @param node          the node the Pod is bound to, null if none
 * @param restarts      the restart count {@code kubectl get pods} shows
 * @param containers    the Pod's containers in spec order (init containers not included)
 * @param evidence      the events, states and exit codes that show it, one line each
 * @param advice        one or two plain sentences: what is wrong and which command shows more
 */
public record PodDiagnosis(String pod, PodState state, String kubectlStatus, String reason, String message,
                           String node, int restarts, List<ContainerDiagnosis> containers, List<String> evidence,
                           String advice) {

    public PodDiagnosis {
        containers = List.copyOf(containers);
        evidence = List.copyOf(evidence);
    }

    /** {@code pod: reason: message}, for logs and reports. */
    public String summary() {
        return pod + ": " + reason + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
