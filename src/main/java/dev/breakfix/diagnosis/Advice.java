package dev.breakfix.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Explains a finding in the chapter's terms: what is wrong, the evidence that shows it, the chapter's command
 * that would have shown it and where to look in its output, and what to try next. The next step comes twice:
 * one that points at the evidence without giving the fix away, and a specific one for a learner who has opened
 * the hints. Words come from the {@code i18n/diagnosis} bundles ({@link Msg}).
 */
final class Advice {

    private Advice() {
    }

    static Explained missing(String pod) {
        return new Explained(PodState.Missing, Msg.of("missing.what", pod), List.of(Msg.of("ev.notFound", pod)),
                List.of("kubectl get pods"), Msg.of("missing.look", "kubectl get pods"), Msg.of("missing.next"),
                Msg.of("missing.after"));
    }

    static Explained of(Pod pod, Finding finding) {
        String name = Pods.name(pod);
        ContainerDiagnosis c = finding.culprit();
        String describe = "kubectl describe pod " + name;
        List<Msg> evidence = finding.evidence();
        PodState state = finding.state();
        return switch (state) {
            case Unschedulable -> unschedulable(pod, finding);
            case ErrImagePull, ImagePullBackOff -> new Explained(state,
                    Msg.of(state == PodState.ErrImagePull ? "image.pull.what" : "image.backoff.what", c.image(), c.name()),
                    evidence, List.of(describe), Msg.of("image.look", describe), Msg.of("image.next"),
                    Msg.of("image.after", setImage(pod, c)));
            case CrashLoopBackOff, Error -> exited(pod, c, finding, state == PodState.CrashLoopBackOff);
            case OOMKilled -> new Explained(state, Msg.of("oom.what", c.name(), Evidence.exit(c.lastExitCode() == null ? 137 : c.lastExitCode(), c.lastSignal())), evidence,
                    List.of(describe), Msg.of("crash.look.kill", describe), Msg.of("crash.next.kill"),
                    Msg.of(owner(pod) == null ? "crash.after.kill.pod" : "crash.after.kill.deployment", owner(pod)));
            case CreateContainerConfigError -> new Explained(state, Msg.of("config.what", c.name(), finding.message()),
                    evidence, List.of(describe, "kubectl get configmaps,secrets"),
                    Msg.of("config.look", describe, "kubectl get configmaps,secrets"), Msg.of("config.next"),
                    Msg.of("config.after"));
            case ContainerCreating -> new Explained(state, Msg.of("creating.what", name, Pods.spec(pod).getNodeName()),
                    evidence, List.of(describe), Msg.of("creating.look", describe), Msg.of("creating.next"), null);
            case RunningNotReady -> new Explained(state, c == null ? Msg.of("notReady.what.pod", name, finding.reason())
                    : Msg.of("notReady.what.container", c.name(), finding.reason()), evidence, List.of(describe),
                    Msg.of("notReady.look", describe), Msg.of("notReady.next"),
                    Msg.of("notReady.after", "kubectl port-forward pod/" + name + " 8080:PORT", "kubectl exec " + name + " -- ..."));
            case Running -> new Explained(state, Msg.of("running.what", name), evidence, List.of("kubectl get pods"),
                    Msg.of("running.look", "kubectl get pods"), Msg.of("running.next"), null);
            case Completed -> new Explained(state, Msg.of("completed.what", name), evidence, List.of(logs(pod, c, false)),
                    Msg.of("completed.look", logs(pod, c, false)), Msg.of("completed.next"), null);
            case Terminating -> new Explained(state, Msg.of("terminating.what", name), evidence,
                    List.of("kubectl get pods", "kubectl get pods -w"), Msg.of("terminating.look", "kubectl get pods"),
                    Msg.of("terminating.next"), null);
            case Missing -> missing(name);
            case Unknown -> new Explained(state, Msg.of("unknown.what", name, finding.reason()), evidence,
                    List.of(describe), Msg.of("unknown.look", describe), Msg.of("unknown.next"), null);
        };
    }

    private static Explained unschedulable(Pod pod, Finding finding) {
        String name = Pods.name(pod);
        String describe = "kubectl describe pod " + name;
        String reason = finding.reason();
        if (SchedulerMessage.isSelector(reason)) {
            Map<String, String> selector = Pods.spec(pod).getNodeSelector();
            String wanted = selector == null ? "" : selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            return new Explained(PodState.Unschedulable, Msg.of("unschedulable.selector.what", name), finding.evidence(),
                    List.of(describe, "kubectl get nodes --show-labels"),
                    Msg.of("unschedulable.selector.look", describe, "kubectl get nodes --show-labels"),
                    Msg.of("unschedulable.selector.next"), Msg.of("unschedulable.selector.after", wanted));
        }
        if (reason.startsWith("Insufficient ")) {
            String resource = reason.substring("Insufficient ".length()).split(",")[0];
            return new Explained(PodState.Unschedulable, Msg.of("unschedulable.insufficient.what", name, resource),
                    finding.evidence(), List.of(describe, "kubectl describe node"),
                    Msg.of("unschedulable.insufficient.look", describe, "kubectl describe node"),
                    Msg.of("unschedulable.insufficient.next", resource),
                    Msg.of(owner(pod) == null ? "unschedulable.insufficient.after.pod" : "unschedulable.insufficient.after.deployment",
                            resource, owner(pod)));
        }
        return new Explained(PodState.Unschedulable, Msg.of("unschedulable.other.what", name, reason), finding.evidence(),
                List.of(describe), Msg.of("unschedulable.other.look", describe), Msg.of("unschedulable.other.next"), null);
    }

    /** A container that keeps exiting (CrashLoopBackOff) or has just exited (Error). */
    private static Explained exited(Pod pod, ContainerDiagnosis c, Finding finding, boolean looping) {
        String name = Pods.name(pod);
        String describe = "kubectl describe pod " + name;
        String logs = logs(pod, c, looping);
        String owner = owner(pod);
        Msg what = Msg.of(looping ? "crash.what" : "exited.what", c.name(), exitMeaning(c));
        String signal = c.lastSignal();
        if (signal == null) {
            boolean command = c.lastExitCode() != null && (c.lastExitCode() == 126 || c.lastExitCode() == 127);
            return new Explained(finding.state(), what, finding.evidence(), List.of(logs, describe),
                    Msg.of("crash.look.logs", logs),
                    Msg.of(command ? "crash.next.command" : "crash.next.logs", describe),
                    Msg.of(owner == null ? "crash.after.logs.pod" : "crash.after.logs.deployment", owner));
        }
        String jq = "kubectl get pod " + name + " -o json | jq '" + finding.statusPath()
                + (looping ? ".lastState" : ".state") + ".terminated.exitCode'";
        if ("SIGKILL".equals(signal)) {
            return new Explained(finding.state(), what, finding.evidence(), List.of(describe, jq),
                    Msg.of("crash.look.kill", describe), Msg.of("crash.next.kill"),
                    Msg.of(owner == null ? "crash.after.kill.pod" : "crash.after.kill.deployment", owner));
        }
        Msg next = Msg.of("SIGSEGV".equals(signal) ? "crash.next.segv" : "crash.next.signal");
        Msg after = "SIGSEGV".equals(signal)
                ? Msg.of(owner == null ? "crash.after.segv.pod" : "crash.after.segv.deployment", owner, name)
                : Msg.of("crash.after.signal");
        return new Explained(finding.state(), what, finding.evidence(), List.of(logs, jq, describe),
                Msg.of("crash.look.signal", logs, jq), next, after);
    }

    /** What the last exit code means: an error, a missing command, or the signal that ended it. */
    private static Msg exitMeaning(ContainerDiagnosis c) {
        Integer code = c.lastExitCode();
        if (code == null) {
            return Msg.of("exit.none");
        }
        String signal = c.lastSignal();
        if (signal == null) {
            return switch (code) {
                case 127 -> Msg.of("exit.127");
                case 126 -> Msg.of("exit.126");
                default -> Msg.of("exit.plain", code.toString());
            };
        }
        int number = code > 128 ? code - 128 : -1;
        return switch (signal) {
            case "SIGSEGV" -> Msg.of("exit.segv", code.toString());
            case "SIGKILL" -> Msg.of("exit.kill", code.toString());
            default -> number > 0 ? Msg.of("exit.signal", code.toString(), Integer.toString(number), signal)
                    : Msg.of("exit.signalOnly", code.toString(), signal);
        };
    }

    /** The Deployment (or other controller) a Pod belongs to, through its ReplicaSet; null for a bare Pod. */
    static String owner(Pod pod) {
        if (pod.getMetadata() == null || pod.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(r -> "ReplicaSet".equals(r.getKind()))
                .map(r -> deploymentOf(r.getName(), pod))
                .findFirst().orElse(null);
    }

    /** A Deployment's ReplicaSet is named {@code <deployment>-<pod-template-hash>}. */
    private static String deploymentOf(String replicaSet, Pod pod) {
        String hash = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("pod-template-hash");
        if (hash != null && replicaSet.endsWith("-" + hash)) {
            return replicaSet.substring(0, replicaSet.length() - hash.length() - 1);
        }
        int dash = replicaSet.lastIndexOf('-');
        return dash > 0 ? replicaSet.substring(0, dash) : replicaSet;
    }

    private static String setImage(Pod pod, ContainerDiagnosis c) {
        String owner = owner(pod);
        return owner == null ? "kubectl set image pod " + Pods.name(pod) + " " + c.name() + "=IMAGE"
                : "kubectl set image deployment " + owner + " " + c.name() + "=IMAGE";
    }

    /** {@code kubectl logs pod [-c container] [--previous]}; -c only where the Pod has more than one container. */
    private static String logs(Pod pod, ContainerDiagnosis c, boolean previous) {
        int containers = Pods.list(Pods.spec(pod).getContainers()).size()
                + Pods.list(Pods.spec(pod).getInitContainers()).size();
        return "kubectl logs " + Pods.name(pod) + (containers > 1 && c != null ? " -c " + c.name() : "")
                + (previous ? " --previous" : "");
    }
}
