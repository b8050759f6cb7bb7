package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * One or two plain sentences per finding: what is wrong, and which of the chapter's commands shows more.
 * Advice points at the evidence; it does not give the fix away.
 */
final class Advice {

    private Advice() {
    }

    static String missing(String pod) {
        return "There is no Pod named " + pod + ". `kubectl get pods` lists the Pods in the namespace.";
    }

    static String of(Pod pod, Finding finding) {
        String name = Pods.name(pod);
        ContainerDiagnosis c = finding.culprit();
        return switch (finding.state()) {
            case Unschedulable -> unschedulable(name, finding.reason());
            case ErrImagePull, ImagePullBackOff -> "The kubelet cannot pull the image \"" + c.image()
                    + "\" of container " + c.name() + ", and waits longer after each failure (up to five minutes). "
                    + "The Failed event in `kubectl describe pod " + name + "` shows what the registry answered.";
            case CrashLoopBackOff -> "Container " + c.name() + " keeps exiting" + withExit(c)
                    + ", and the kubelet waits longer before each restart. " + whyItExited(pod, c, finding, true);
            case Error -> "Container " + c.name() + " has just exited" + withExit(c)
                    + "; the kubelet restarts it after a back-off. " + whyItExited(pod, c, finding, false);
            case OOMKilled -> "Container " + c.name() + " was killed for using more memory than its limit"
                    + withExit(c) + ". `kubectl describe pod " + name + "` shows its limits and its Last State.";
            case CreateContainerConfigError -> "The kubelet cannot create container " + c.name()
                    + " from its configuration: " + finding.message() + ". `kubectl describe pod " + name
                    + "` shows the ConfigMaps and Secrets its Environment and Mounts refer to.";
            case ContainerCreating -> "Pod " + name + " is on node " + Pods.spec(pod).getNodeName()
                    + " and its containers are being created (images pulled, volumes mounted). "
                    + "The events at the end of `kubectl describe pod " + name + "` show how far it got.";
            case RunningNotReady -> (c == null ? "The containers of Pod " + name + " run" : "Container " + c.name() + " runs")
                    + " but the Pod is not ready (" + finding.reason() + "), so it is not Running yet. `kubectl describe pod "
                    + name + "` shows the readiness probes, the conditions and any Unhealthy events.";
            case Running -> "Pod " + name + " runs and all its containers are ready.";
            case Completed -> "The containers of Pod " + name + " ran to completion (exit code 0) and run no more. "
                    + "`" + logs(pod, c, false) + "` shows what they printed.";
            case Terminating -> "Pod " + name + " is being deleted. Wait until `kubectl get pods` no longer lists it "
                    + "before creating it again.";
            case Missing -> missing(name);
            case Unknown -> "The cluster reports Pod " + name + " as " + finding.reason()
                    + ". `kubectl describe pod " + name + "` shows its conditions and latest events.";
        };
    }

    private static String unschedulable(String pod, String reason) {
        if (SchedulerMessage.isSelector(reason)) {
            return "The scheduler finds no node for Pod " + pod + ": it asks for a node label (or affinity) that no "
                    + "node has. Compare the Node-Selectors in `kubectl describe pod " + pod
                    + "` with the labels in `kubectl get nodes --show-labels`.";
        }
        if (reason.startsWith("Insufficient ")) {
            String resource = reason.substring("Insufficient ".length()).split(",")[0];
            return "The scheduler finds no node with enough free " + resource + " for Pod " + pod
                    + ": the requests of all its containers must fit on one node. Compare the Requests in "
                    + "`kubectl describe pod " + pod + "` with the Allocatable of the nodes in `kubectl describe node`.";
        }
        return "The scheduler finds no node for Pod " + pod + " (" + reason + "). The FailedScheduling event at the "
                + "end of `kubectl describe pod " + pod + "` says why.";
    }

    private static String whyItExited(Pod pod, ContainerDiagnosis c, Finding finding, boolean previous) {
        String name = Pods.name(pod);
        if (c.lastSignal() == null) {
            return "`" + logs(pod, c, previous) + "` shows what it printed before it stopped.";
        }
        String code = "Exit code " + c.lastExitCode()
                + (c.lastExitCode() > 128 ? " = 128 + " + (c.lastExitCode() - 128) : "");
        if ("SIGKILL".equals(c.lastSignal())) {
            return code + " means it was killed with SIGKILL, often for using more memory than its limit: "
                    + "`kubectl describe pod " + name + "` shows whether its Last State says OOMKilled.";
        }
        String state = previous ? ".lastState" : ".state";
        return code + ": the process was killed by " + c.lastSignal() + " and may have logged nothing; `kubectl get pod "
                + name + " -o json | jq '" + finding.statusPath() + state + ".terminated.exitCode'` shows the code.";
    }

    private static String withExit(ContainerDiagnosis c) {
        return c.lastExitCode() == null ? "" : " with " + Signals.describeExit(c.lastExitCode(), c.lastSignal());
    }

    /** {@code kubectl logs pod [-c container] [--previous]}; -c only where the Pod has more than one container. */
    private static String logs(Pod pod, ContainerDiagnosis c, boolean previous) {
        int containers = Pods.list(Pods.spec(pod).getContainers()).size()
                + Pods.list(Pods.spec(pod).getInitContainers()).size();
        return "kubectl logs " + Pods.name(pod) + (containers > 1 && c != null ? " -c " + c.name() : "")
                + (previous ? " --previous" : "");
    }
}
