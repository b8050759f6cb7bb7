package dev.breakfix.testing;

import java.time.Duration;
import java.time.Instant;

import dev.breakfix.testing.ContainerProgram.Outcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;

/** Builds containerStatuses[] entries shaped like the captured ones. Pure. */
final class ContainerStatuses {

    private ContainerStatuses() {
    }

    /**
     * A new instance of the container, started at {@code now}: running, or already exited. It counts
     * as a restart when an earlier instance ran ({@code lastRun}), whose end becomes its lastState.
     */
    static ContainerStatus instance(Container c, ContainerStatus previous, ContainerStateTerminated lastRun,
            Outcome outcome, boolean ready, String containerId, Instant now) {
        int restarts = previous == null ? 0 : nz(previous.getRestartCount()) + (lastRun != null ? 1 : 0);
        String time = KubeTime.time(now);
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(FakeRegistry.statusImage(c.getImage()))
                .withImageID(FakeRegistry.imageId(c.getImage()))
                .withContainerID(containerId)
                .withRestartCount(restarts)
                .withLastState(lastRun == null ? new ContainerState()
                        : new ContainerStateBuilder().withTerminated(lastRun).build());
        if (outcome instanceof Outcome.Exits exits) {
            return status.withReady(false)
                    .withStarted(false)
                    .withNewState()
                        .withNewTerminated()
                            .withContainerID(containerId)
                            .withExitCode(exits.code())
                            .withReason(exits.reason())
                            .withStartedAt(time)
                            .withFinishedAt(time)
                        .endTerminated()
                    .endState()
                    .build();
        }
        return status.withReady(ready)
                .withStarted(true)
                .withNewState().withNewRunning().withStartedAt(time).endRunning().endState()
                .build();
    }

    /**
     * A container that is not running (ContainerCreating, ErrImagePull, ImagePullBackOff,
     * CreateContainerConfigError ...): the spec's image, no imageID, and the last instance's end if any.
     */
    static ContainerStatus waiting(Container c, ContainerStatus previous, ContainerStateTerminated lastRun, String reason,
            String message) {
        ContainerState last = lastRun != null ? new ContainerStateBuilder().withTerminated(lastRun).build()
                : previous != null && previous.getLastState() != null ? previous.getLastState() : new ContainerState();
        return new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(c.getImage())
                .withImageID("")
                .withContainerID(last.getTerminated() == null ? null : last.getTerminated().getContainerID())
                .withReady(false)
                .withStarted(false)
                .withRestartCount(previous == null ? 0 : nz(previous.getRestartCount()))
                .withLastState(last)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .build();
    }

    /** The exited container waiting out its back-off, with the kubelet's message. */
    static ContainerStatus crashLoopBackOff(ContainerStatus exited, Duration delay, Pod pod) {
        String message = "back-off " + KubeTime.goDuration(delay) + " restarting failed container=" + exited.getName()
                + " pod=" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                + pod.getMetadata().getUid() + ")";
        return new ContainerStatusBuilder(exited)
                .withReady(false)
                .withStarted(false)
                .withLastState(new ContainerStateBuilder().withTerminated(exited.getState().getTerminated()).build())
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage(message).endWaiting().endState()
                .build();
    }

    /** A running container that has just ended. */
    static ContainerStatus exited(ContainerStatus running, ContainerStateTerminated end) {
        return new ContainerStatusBuilder(running)
                .withReady(false)
                .withStarted(false)
                .withState(new ContainerStateBuilder().withTerminated(end).build())
                .build();
    }

    static ContainerStateTerminated terminated(String containerId, int exitCode, String startedAt, Instant now) {
        return new ContainerStateTerminatedBuilder()
                .withContainerID(containerId)
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withStartedAt(startedAt)
                .withFinishedAt(KubeTime.time(now))
                .build();
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
