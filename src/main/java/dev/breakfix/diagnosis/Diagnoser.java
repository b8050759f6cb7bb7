package dev.breakfix.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Classifies a Pod the way the chapter does, from its status and its events. The order matters: a Pod being
 * deleted is Terminating whatever else it shows; a Pod without a node is judged by the scheduler's verdict;
 * then the first init container that has not completed; then the first container with a problem, in spec
 * order as {@code kubectl get pods} picks it. So a Pod in phase Running whose container waits in
 * CrashLoopBackOff is CrashLoopBackOff, and Running means every container runs and is ready and the Pod's
 * Ready condition is true.
 */
public final class Diagnoser {

    private Diagnoser() {
    }

    public static PodDiagnosis missing(String podName) {
        Explained explained = Advice.missing(podName);
        return PodDiagnosis.of(podName, PodState.Missing, "NotFound", "NotFound",
                "pods \"" + podName + "\" not found", null, 0, List.of(), List.of(), explained);
    }

    /**
     * @param podEvents the Pod's events ({@link Events#forPod}), in any order
     * @param now       the time to measure ages and back-offs against
     */
    public static PodDiagnosis diagnose(Pod pod, List<Event> podEvents, Instant now) {
        List<Event> events = Events.chronological(podEvents);
        Finding finding = classify(pod, events, now);
        List<ContainerDiagnosis> containers = observe(Pods.list(Pods.spec(pod).getContainers()),
                Pods.containerStatuses(pod), "containerStatuses").stream().map(Observed::diagnosis).toList();
        String node = Pods.spec(pod).getNodeName();
        return PodDiagnosis.of(Pods.name(pod), finding.state(), KubectlStatus.status(pod), finding.reason(),
                finding.message(), Pods.isBlank(node) ? null : node, KubectlStatus.restartCount(pod), containers,
                finding.evidence(), Advice.of(pod, finding));
    }

    /** A container with its status (null if none yet), the JSON path of that status, and what it says. */
    private record Observed(ContainerDiagnosis diagnosis, ContainerStatus status, String path, PodState verdict) {

        boolean isProblem() {
            return switch (verdict) {
                case Running, RunningNotReady, Completed, ContainerCreating -> false;
                default -> true;
            };
        }

        List<Msg> evidence(Instant now) {
            return Evidence.container(diagnosis.name(), status, now);
        }
    }

    private static Finding classify(Pod pod, List<Event> events, Instant now) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return terminating(pod);
        }
        if (Pods.isBlank(Pods.spec(pod).getNodeName())) {
            return Scheduling.finding(pod, events);
        }
        String podReason = Pods.status(pod, PodStatus::getReason);
        if ("Failed".equals(Pods.status(pod, PodStatus::getPhase)) && !Pods.isBlank(podReason)) {
            return Finding.ofPod(PodState.Unknown, podReason, Pods.orEmpty(Pods.status(pod, PodStatus::getMessage)),
                    List.of(Msg.of("ev.podFailed", podReason)));
        }
        return initializing(pod, events, now).orElseGet(() -> containers(pod, events, now));
    }

    private static Finding terminating(Pod pod) {
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        Msg message = grace == null ? Msg.of("ev.deletion", pod.getMetadata().getDeletionTimestamp())
                : Msg.of("ev.deletionGrace", pod.getMetadata().getDeletionTimestamp(), grace.toString());
        return Finding.ofPod(PodState.Terminating, "Terminating", message.english(), List.of(message));
    }

    /** The first init container that has not completed, unless it is a sidecar (restartPolicy Always). */
    private static Optional<Finding> initializing(Pod pod, List<Event> events, Instant now) {
        List<Container> initContainers = Pods.list(Pods.spec(pod).getInitContainers()).stream()
                .filter(c -> !Pods.isSidecar(c)).toList();
        List<Observed> observed = observe(initContainers, Pods.initContainerStatuses(pod), "initContainerStatuses");
        for (int i = 0; i < observed.size(); i++) {
            Observed o = observed.get(i);
            if (o.verdict() == PodState.Completed) {
                continue;
            }
            if (o.isProblem()) {
                return Optional.of(problem(o, events, now));
            }
            String message = "Init container " + o.diagnosis().name() + " has not completed (Init:" + i + "/"
                    + observed.size() + ")";
            return Optional.of(new Finding(PodState.ContainerCreating, "PodInitializing", message,
                    o.evidence(now), o.diagnosis(), o.path()));
        }
        return Optional.empty();
    }

    private static Finding containers(Pod pod, List<Event> events, Instant now) {
        List<Container> sidecars = Pods.list(Pods.spec(pod).getInitContainers()).stream().filter(Pods::isSidecar).toList();
        List<Observed> observed = Stream.concat(
                observe(sidecars, Pods.initContainerStatuses(pod), "initContainerStatuses").stream(),
                observe(Pods.list(Pods.spec(pod).getContainers()), Pods.containerStatuses(pod), "containerStatuses").stream())
                .toList();
        Optional<Observed> problem = observed.stream().filter(Observed::isProblem).findFirst();
        if (problem.isPresent()) {
            return problem(problem.get(), events, now);
        }
        Optional<Observed> creating = observed.stream().filter(o -> o.verdict() == PodState.ContainerCreating).findFirst();
        if (creating.isPresent()) {
            ContainerDiagnosis c = creating.get().diagnosis();
            List<Msg> evidence = concat(creating.get().evidence(now), Evidence.events(events, Diagnoser::isWarning));
            return new Finding(PodState.ContainerCreating, c.reason() == null ? "ContainerCreating" : c.reason(),
                    Pods.orEmpty(c.message()), evidence, c, creating.get().path());
        }
        return settled(pod, observed, events, now);
    }

    /** Every container runs or has completed: Running, Completed, or running but not ready. */
    private static Finding settled(Pod pod, List<Observed> observed, List<Event> events, Instant now) {
        List<Msg> evidence = observed.stream().flatMap(o -> o.evidence(now).stream()).toList();
        if (!observed.isEmpty() && observed.stream().allMatch(o -> o.verdict() == PodState.Completed)) {
            Observed first = observed.get(0);
            return new Finding(PodState.Completed, "Completed", "Every container exited with code 0", evidence,
                    first.diagnosis(), first.path());
        }
        Optional<PodCondition> ready = Pods.condition(pod, "Ready");
        if (observed.stream().allMatch(o -> o.verdict() == PodState.Running) && Pods.isTrue(pod, "Ready")) {
            return Finding.ofPod(PodState.Running, "Running", "Every container is running and ready", evidence);
        }
        Optional<Observed> unready = observed.stream().filter(o -> o.verdict() != PodState.Running).findFirst();
        List<Msg> notReadyEvidence = concat(
                unready.map(o -> o.evidence(now)).orElse(evidence),
                concat(ready.map(Evidence::condition).stream().toList(),
                        Evidence.events(events, e -> "Unhealthy".equals(e.getReason()))));
        return new Finding(PodState.RunningNotReady,
                ready.map(PodCondition::getReason).filter(r -> !Pods.isBlank(r)).orElse("ContainersNotReady"),
                ready.map(PodCondition::getMessage).filter(m -> !Pods.isBlank(m)).orElse("The Pod is not ready"),
                notReadyEvidence, unready.map(Observed::diagnosis).orElse(null), unready.map(Observed::path).orElse(null));
    }

    /** A container that cannot start, cannot pull its image, or has exited with an error. */
    private static Finding problem(Observed o, List<Event> events, Instant now) {
        ContainerDiagnosis c = o.diagnosis();
        PodState state = o.verdict();
        Predicate<Event> pullError = e -> "Failed".equals(e.getReason())
                && Pods.orEmpty(e.getMessage()).startsWith("Failed to pull image \"" + c.image() + "\"");
        Optional<String> pullMessage = Events.latest(events, pullError).map(e -> e.getMessage().strip());
        String message = switch (state) {
            case ErrImagePull -> pullMessage.orElse(Pods.orEmpty(c.message()));
            case ImagePullBackOff -> Pods.orEmpty(c.message()) + pullMessage.map(m -> "; " + m).orElse("");
            case Error, OOMKilled -> c.message() != null ? c.message()
                    : Signals.describeExit(c.lastExitCode(), c.lastSignal());
            default -> Pods.orEmpty(c.message());
        };
        Predicate<Event> relevant = switch (state) {
            case ErrImagePull, ImagePullBackOff -> pullError;
            case CrashLoopBackOff, Error, OOMKilled -> e -> "BackOff".equals(e.getReason())
                    && Pods.orEmpty(e.getMessage()).startsWith("Back-off restarting failed container");
            case CreateContainerConfigError -> e -> "Failed".equals(e.getReason());
            default -> Diagnoser::isWarning;
        };
        return new Finding(state, c.reason() == null ? state.name() : c.reason(), message,
                concat(o.evidence(now), Evidence.events(events, relevant)), c, o.path());
    }

    private static List<Observed> observe(List<Container> specs, List<ContainerStatus> statuses,
                                          String statusField) {
        List<Observed> observed = new ArrayList<>();
        for (Container spec : specs) {
            int index = indexOf(statuses, spec.getName());
            ContainerStatus status = index < 0 ? null : statuses.get(index);
            ContainerDiagnosis diagnosis = ContainerDiagnosis.of(spec, status);
            String path = index < 0 ? null : ".status." + statusField + "[" + index + "]";
            observed.add(new Observed(diagnosis, status, path, verdict(diagnosis)));
        }
        return observed;
    }

    /** What one container says about the Pod. */
    private static PodState verdict(ContainerDiagnosis c) {
        return switch (c.state()) {
            case ContainerDiagnosis.RUNNING -> c.ready() ? PodState.Running : PodState.RunningNotReady;
            case ContainerDiagnosis.TERMINATED -> "OOMKilled".equals(c.reason()) ? PodState.OOMKilled
                    : c.lastExitCode() != null && c.lastExitCode() == 0 ? PodState.Completed : PodState.Error;
            default -> c.reason() == null ? PodState.ContainerCreating : switch (c.reason()) {
                case "ContainerCreating", "PodInitializing" -> PodState.ContainerCreating;
                case "ErrImagePull", "InvalidImageName", "ErrImageNeverPull" -> PodState.ErrImagePull;
                case "ImagePullBackOff" -> PodState.ImagePullBackOff;
                case "CrashLoopBackOff" -> PodState.CrashLoopBackOff;
                case "CreateContainerConfigError" -> PodState.CreateContainerConfigError;
                default -> PodState.Unknown;
            };
        };
    }

    private static int indexOf(List<ContainerStatus> statuses, String name) {
        for (int i = 0; i < statuses.size(); i++) {
            if (name.equals(statuses.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWarning(Event event) {
        return "Warning".equals(event.getType());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
