package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;

import java.time.Instant;

/**
 * One container as the kubelet reports it.
 *
 * @param image        the image the spec asks for (what the learner wrote, e.g. {@code nginz})
 * @param state        {@link #RUNNING}, {@link #WAITING} or {@link #TERMINATED}; a container without a
 *                     status yet (Pod not scheduled or just scheduled) is waiting
 * @param reason       the waiting or terminated reason ({@code CrashLoopBackOff}, {@code OOMKilled}, ...),
 *                     null while running
 * @param message      the waiting or terminated message, null if none
 * @param lastExitCode the exit code of the latest termination: the current one if the container is
 *                     terminated, else the previous one ({@code lastState.terminated}); null if it never ended
 * @param lastSignal   the signal behind {@code lastExitCode} ({@code SIGSEGV} for 139 = 128 + 11,
 *                     {@code SIGKILL} for 137), null for an ordinary exit
 * @param startedAt    when the current run started, null if it has not
 */
public record ContainerDiagnosis(String name, String image, boolean ready, int restartCount, String state,
                                 String reason, String message, Integer lastExitCode, String lastSignal,
                                 Instant startedAt) {

    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String TERMINATED = "terminated";

    /**
     * The container from its spec and its status; either may be null, not both: a status is missing until the
     * kubelet reports one, a spec when only the status is at hand.
     */
    public static ContainerDiagnosis of(Container spec, ContainerStatus status) {
        String image = spec != null && spec.getImage() != null ? spec.getImage() : status == null ? null : status.getImage();
        String name = spec != null ? spec.getName() : status.getName();
        if (status == null) {
            return new ContainerDiagnosis(name, image, false, 0, WAITING, null, null, null, null, null);
        }
        ContainerState state = Pods.state(status);
        ContainerStateTerminated ended = state.getTerminated() != null ? state.getTerminated() : Pods.lastTerminated(status);
        Integer exitCode = ended == null ? null : Pods.exitCode(ended);
        String signal = ended == null ? null : Signals.of(exitCode, ended.getSignal());
        boolean ready = Boolean.TRUE.equals(status.getReady());
        int restarts = Pods.restartCount(status);
        if (state.getRunning() != null) {
            return new ContainerDiagnosis(name, image, ready, restarts, RUNNING, null, null, exitCode, signal,
                    Timestamps.parse(state.getRunning().getStartedAt()));
        }
        if (state.getTerminated() != null) {
            return new ContainerDiagnosis(name, image, ready, restarts, TERMINATED, blankToNull(ended.getReason()),
                    blankToNull(ended.getMessage()), exitCode, signal, Timestamps.parse(ended.getStartedAt()));
        }
        String reason = state.getWaiting() == null ? null : blankToNull(state.getWaiting().getReason());
        String message = state.getWaiting() == null ? null : blankToNull(state.getWaiting().getMessage());
        return new ContainerDiagnosis(name, image, ready, restarts, WAITING, reason, message, exitCode, signal, null);
    }

    private static String blankToNull(String s) {
        return Pods.isBlank(s) ? null : s;
    }
}
