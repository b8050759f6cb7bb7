package dev.breakfix.diagnosis;

/** What is the matter with a Pod, in the terms the chapter uses. */
public enum PodState {
    /** The workload's Pod does not exist. */
    Missing,
    /** Not scheduled: no node fits (node selector, insufficient CPU, ...). */
    Unschedulable,
    /** Scheduled, waiting for the sandbox or for the image to be pulled. */
    ContainerCreating,
    /** The last image pull failed. */
    ErrImagePull,
    /** Image pulls fail and the kubelet waits before the next one. */
    ImagePullBackOff,
    /** The container exits and the kubelet waits before restarting it. */
    CrashLoopBackOff,
    /** The container has just exited with an error; CrashLoopBackOff follows. */
    Error,
    /** The container was killed for exceeding its memory limit. */
    OOMKilled,
    /** The container cannot be created from its configuration (missing ConfigMap/Secret key, ...). */
    CreateContainerConfigError,
    /** Every container runs, but not all are ready. */
    RunningNotReady,
    /** Every container runs and is ready. */
    Running,
    /** The containers ran to completion (exit code 0). */
    Completed,
    /** The Pod is being deleted. */
    Terminating,
    /** None of the above; the message says what the cluster says. */
    Unknown
}
