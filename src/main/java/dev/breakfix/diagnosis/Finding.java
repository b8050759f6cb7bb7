package dev.breakfix.diagnosis;

import java.util.List;

/**
 * A classification before it becomes a {@link PodDiagnosis}: the state, its reason and message, the
 * evidence, and the container it is about (null for Pod-level findings) with the JSON path of that
 * container's status ({@code .status.containerStatuses[0]}), null if it has none.
 */
record Finding(PodState state, String reason, String message, List<Msg> evidence, ContainerDiagnosis culprit,
               String statusPath) {

    static Finding ofPod(PodState state, String reason, String message, List<Msg> evidence) {
        return new Finding(state, reason, message, evidence, null, null);
    }
}
