package dev.breakfix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import dev.breakfix.testing.ContainerProgram.Outcome;
import dev.breakfix.testing.FakeNodes.NodeRuntime;
import dev.breakfix.testing.FakeRegistry.Program;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Plays the kubelet (v1.20 with containerd) on the fixture's nodes: for each container of a bound Pod
 * whose image it has not acted on yet, it pulls (or fails to), creates and starts it, and writes the
 * statuses and events the captures show, one status write per step: ContainerCreating; then
 * ErrImagePull, a terminated or a running container; then ImagePullBackOff, or the immediate restart
 * and second exit; then CrashLoopBackOff. Time never passes inside the fixture: a back-off is
 * entered, never waited out.
 */
final class FakeKubelet {

    static final String COMPONENT = "kubelet";

    private final KubernetesClient client;
    private final Clock clock;
    private final EventRecorder events;
    private final FakeRegistry registry;
    private final PodWriter writer;
    private final KubeletBackoff backoff;
    private final Map<String, NodeRuntime> nodes;
    private final Map<String, PodMemory> pods = new HashMap<>();
    private final Random random = new Random();
    private int nextIp = 30;

    /** What the kubelet remembers of a Pod. */
    private static final class PodMemory {
        boolean created;
        String podIp;
        /** container name -> the image the kubelet last acted on */
        final Map<String, String> handled = new HashMap<>();
        /** containers waiting in CreateContainerConfigError, retried on every sync */
        final Set<String> configErrors = new HashSet<>();
    }

    /** The Pod was deleted or replaced under the same name while the kubelet worked on it. */
    private static final class PodGone extends RuntimeException {
        PodGone() {
            super(null, null, false, false);
        }
    }

    FakeKubelet(KubernetesClient client, Clock clock, EventRecorder events, FakeRegistry registry,
            Map<String, NodeRuntime> nodes) {
        this.client = client;
        this.clock = clock;
        this.events = events;
        this.registry = registry;
        this.writer = new PodWriter(client);
        this.backoff = new KubeletBackoff(clock);
        this.nodes = nodes;
    }

    boolean runs(Pod pod) {
        return pod.getSpec().getNodeName() != null && nodes.containsKey(pod.getSpec().getNodeName())
                && pod.getMetadata().getDeletionTimestamp() == null && !PodStatuses.isTerminal(pod);
    }

    /** Whether {@link #sync} may have work for this Pod: a container image new to the kubelet, or a config error to retry. */
    boolean needsSync(Pod pod) {
        if (!runs(pod)) {
            return false;
        }
        PodMemory memory = pods.get(pod.getMetadata().getUid());
        return memory == null || !memory.configErrors.isEmpty() || pod.getSpec().getContainers().stream()
                .anyMatch(c -> !c.getImage().equals(memory.handled.get(c.getName())));
    }

    /** Acts on every container whose image is new to the kubelet; returns whether it wrote anything. */
    boolean sync(Pod pod) {
        if (!runs(pod)) {
            return false;
        }
        PodMemory memory = pods.computeIfAbsent(pod.getMetadata().getUid(), uid -> adopt(pod));
        List<Container> todo = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            boolean newImage = !c.getImage().equals(memory.handled.get(c.getName()));
            boolean configNowThere = memory.configErrors.contains(c.getName())
                    && ContainerEnv.resolve(client, pod.getMetadata().getNamespace(), c).error() == null;
            if (newImage || configNowThere) {
                todo.add(c);
            }
        }
        if (todo.isEmpty()) {
            return false;
        }
        try {
            Run run = new Run(pod, memory);
            if (!memory.created) {
                run.containerCreating();
                memory.created = true;
            }
            todo.forEach(c -> memory.handled.put(c.getName(), c.getImage()));
            run.start(todo);
        } catch (PodGone e) {
            return false;
        }
        return true;
    }

    /** A running container exits with {@code exitCode} and the kubelet starts it again. */
    boolean restart(Pod pod, String container, int exitCode) {
        if (!runs(pod)) {
            return false;
        }
        PodMemory memory = pods.computeIfAbsent(pod.getMetadata().getUid(), uid -> adopt(pod));
        try {
            new Run(pod, memory).crashAndRestart(container, exitCode);
        } catch (PodGone e) {
            return false;
        }
        return true;
    }

    void forget(String podUid) {
        pods.remove(podUid);
        backoff.forget(podUid + "/");
    }

    /** A Pod the kubelet has not seen (written by a test, or before the fixture started): trust its status. */
    private static PodMemory adopt(Pod pod) {
        PodMemory memory = new PodMemory();
        List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
        memory.created = !statuses.isEmpty();
        memory.podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        for (Container c : pod.getSpec().getContainers()) {
            PodStatuses.find(statuses, c.getName()).ifPresent(s -> {
                String waiting = s.getState() == null || s.getState().getWaiting() == null ? null
                        : s.getState().getWaiting().getReason();
                if (!"ContainerCreating".equals(waiting) && sameImage(s.getImage(), c.getImage())) {
                    memory.handled.put(c.getName(), c.getImage());
                }
                if ("CreateContainerConfigError".equals(waiting)) {
                    memory.configErrors.add(c.getName());
                }
            });
        }
        return memory;
    }

    private static boolean sameImage(String a, String b) {
        return a != null && (a.equals(b) || FakeRegistry.statusImage(a).equals(FakeRegistry.statusImage(b)));
    }

    /** One sync of one Pod: its container statuses as they evolve, written step by step. */
    private final class Run {
        private Pod pod;
        private final PodMemory memory;
        private final NodeRuntime node;
        private final Map<String, ContainerStatus> statuses = new TreeMap<>(); // kubelet sorts them by name

        Run(Pod pod, PodMemory memory) {
            this.pod = pod;
            this.memory = memory;
            this.node = nodes.get(pod.getSpec().getNodeName());
            if (pod.getStatus() != null) {
                pod.getStatus().getContainerStatuses().forEach(s -> statuses.put(s.getName(), s));
            }
        }

        void containerCreating() {
            for (Container c : pod.getSpec().getContainers()) {
                statuses.putIfAbsent(c.getName(), ContainerStatuses.waiting(c, null, null, "ContainerCreating", null));
            }
            write(false);
        }

        void start(List<Container> todo) {
            List<Container> pullFailed = new ArrayList<>();
            List<Container> exited = new ArrayList<>();
            for (Container c : todo) {
                ContainerStatus previous = statuses.get(c.getName());
                ContainerStateTerminated lastRun = endPreviousInstance(c, previous);
                Optional<Waiting> failure = pull(c);
                if (failure.isEmpty()) {
                    ContainerEnv.Result env = ContainerEnv.resolve(client, pod.getMetadata().getNamespace(), c);
                    if (env.error() != null) {
                        event(c, "Warning", "Failed", "Error: " + env.error());
                        failure = Optional.of(new Waiting("CreateContainerConfigError", env.error()));
                        memory.configErrors.add(c.getName());
                    } else {
                        memory.configErrors.remove(c.getName());
                        Outcome outcome = ContainerProgram.run(program(c), c, env.env());
                        statuses.put(c.getName(), startInstance(c, previous, lastRun, outcome));
                        if (outcome instanceof Outcome.Exits) {
                            exited.add(c);
                        }
                        continue;
                    }
                }
                statuses.put(c.getName(), ContainerStatuses.waiting(c, previous, lastRun, failure.get().reason, failure.get().message));
                if (failure.get().reason.equals("ErrImagePull")) {
                    pullFailed.add(c);
                }
            }
            write(true);

            boolean changed = false;
            for (Container c : pullFailed) {
                String backOff = "Back-off pulling image \"" + c.getImage() + "\"";
                event(c, "Normal", "BackOff", backOff);
                event(c, "Warning", "Failed", "Error: ImagePullBackOff");
                statuses.put(c.getName(), ContainerStatuses.waiting(c, statuses.get(c.getName()), null, "ImagePullBackOff", backOff));
                changed = true;
            }
            while (changed || !exited.isEmpty()) {
                List<Container> again = new ArrayList<>();
                for (Container c : exited) {
                    ContainerStatus status = statuses.get(c.getName());
                    ContainerStateTerminated run = status.getState().getTerminated();
                    if (!restartsAfter(run.getExitCode())) {
                        continue;
                    }
                    changed = true;
                    String key = backoffKey(c);
                    if (backoff.inBackOffSince(key, clock.instant())) {
                        statuses.put(c.getName(), crashLoopBackOff(c, status, backoff.current(key)));
                        continue;
                    }
                    backoff.next(key, clock.instant());
                    Optional<Waiting> failure = pull(c);
                    if (failure.isPresent()) {
                        statuses.put(c.getName(), ContainerStatuses.waiting(c, status, run, failure.get().reason, failure.get().message));
                        continue;
                    }
                    Outcome outcome = ContainerProgram.run(program(c), c,
                            ContainerEnv.resolve(client, pod.getMetadata().getNamespace(), c).env());
                    statuses.put(c.getName(), startInstance(c, status, run, outcome));
                    if (outcome instanceof Outcome.Exits) {
                        again.add(c);
                    }
                }
                if (changed) {
                    write(true);
                }
                changed = false;
                exited = again;
            }
        }

        void crashAndRestart(String name, int exitCode) {
            Container c = pod.getSpec().getContainers().stream().filter(x -> x.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no container " + name));
            ContainerStatus status = statuses.get(name);
            if (status == null || status.getState() == null || status.getState().getRunning() == null) {
                throw new IllegalStateException("container " + name + " of " + pod.getMetadata().getName()
                        + " is not running");
            }
            ContainerStateTerminated run = terminated(status.getContainerID(), exitCode,
                    status.getState().getRunning().getStartedAt());
            ContainerStatus exited = ContainerStatuses.exited(status, run);
            statuses.put(name, exited);
            write(true);
            String key = backoffKey(c);
            if (backoff.inBackOffSince(key, clock.instant())) {
                exited = crashLoopBackOff(c, exited, backoff.current(key));
                statuses.put(name, exited);
                write(true);
            }
            backoff.next(key, clock.instant());
            pull(c);
            statuses.put(name, startInstance(c, exited, run, new Outcome.Runs()));
            write(true);
        }

        /** A running container whose image changed is killed first; returns how its last instance ended. */
        private ContainerStateTerminated endPreviousInstance(Container c, ContainerStatus previous) {
            if (previous == null || previous.getState() == null) {
                return null;
            }
            ContainerState state = previous.getState();
            if (state.getRunning() != null) {
                event(c, "Normal", "Killing", "Container " + c.getName() + " definition changed, will be restarted");
                Program old = registry.program(previous.getImage()).orElse(Program.BUSYBOX);
                int code = old == Program.NGINX || old == Program.POSTGRES ? 0 : 137; // SIGTERM, or SIGKILL after grace
                return terminated(previous.getContainerID(), code, state.getRunning().getStartedAt());
            }
            if (state.getTerminated() != null) {
                return state.getTerminated();
            }
            ContainerState last = previous.getLastState();
            return last == null ? null : last.getTerminated();
        }

        /** Image pull as the pull policy asks; empty when the image is there. */
        private Optional<Waiting> pull(Container c) {
            String image = c.getImage();
            String reference = FakeRegistry.statusImage(image);
            String policy = FakeRegistry.pullPolicy(c.getImagePullPolicy(), image);
            boolean present = node.images.contains(reference);
            if (present && !policy.equals("Always")) {
                event(c, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine");
                return Optional.empty();
            }
            if (policy.equals("Never")) {
                String message = "Container image \"" + image + "\" is not present with pull policy of Never";
                event(c, "Warning", "ErrImageNeverPull", message);
                event(c, "Warning", "Failed", "Error: ErrImageNeverPull");
                return Optional.of(new Waiting("ErrImageNeverPull", message));
            }
            event(c, "Normal", "Pulling", "Pulling image \"" + image + "\"");
            if (registry.program(image).isPresent()) {
                node.images.add(reference);
                Duration took = Duration.ofNanos(10_000_000L + random.nextInt(190_000_000));
                event(c, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in " + KubeTime.goDuration(took));
                return Optional.empty();
            }
            String error = FakeRegistry.pullError(image);
            event(c, "Warning", "Failed", "Failed to pull image \"" + image + "\": " + error);
            event(c, "Warning", "Failed", "Error: ErrImagePull");
            return Optional.of(new Waiting("ErrImagePull", error));
        }

        private ContainerStatus startInstance(Container c, ContainerStatus previous, ContainerStateTerminated lastRun,
                Outcome outcome) {
            event(c, "Normal", "Created", "Created container " + c.getName());
            event(c, "Normal", "Started", "Started container " + c.getName());
            boolean ready = outcome instanceof Outcome.Runs && ContainerProgram.readinessPasses(c);
            if (outcome instanceof Outcome.Runs && !ready) {
                event(c, "Warning", "Unhealthy", "Readiness probe failed: ");
            }
            String id = "containerd://" + HexFormat.of().formatHex(randomBytes(32));
            return ContainerStatuses.instance(c, previous, lastRun, outcome, ready, id, clock.instant());
        }

        private ContainerStatus crashLoopBackOff(Container c, ContainerStatus exited, Duration delay) {
            event(c, "Warning", "BackOff", "Back-off restarting failed container");
            return ContainerStatuses.crashLoopBackOff(exited, delay, pod);
        }

        private ContainerStateTerminated terminated(String containerId, int exitCode, String startedAt) {
            return ContainerStatuses.terminated(containerId, exitCode, startedAt, clock.instant());
        }

        private boolean restartsAfter(Integer exitCode) {
            String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
            return policy.equals("Always") || policy.equals("OnFailure") && nz(exitCode) != 0;
        }

        private String backoffKey(Container c) {
            return pod.getMetadata().getUid() + "/" + c.getName() + "/"
                    + Integer.toHexString(Serialization.asJson(c).hashCode());
        }

        private Program program(Container c) {
            return registry.program(c.getImage()).orElseThrow();
        }

        private void event(Container c, String type, String reason, String message) {
            events.record(pod, "spec.containers{" + c.getName() + "}", type, reason, message, COMPONENT, node.name);
        }

        /** Writes the statuses with the phase and conditions they imply; {@code sandbox}: the Pod has its IP. */
        private void write(boolean sandbox) {
            if (sandbox && memory.podIp == null) {
                memory.podIp = nextPodIp();
            }
            List<ContainerStatus> list = new ArrayList<>(statuses.values());
            Instant now = clock.instant();
            pod = writer.update(pod, FakeKubelet.this::runs, fresh -> {
                String phase = PodStatuses.phase(fresh.getSpec(), list);
                PodStatus status = fresh.getStatus() == null ? new PodStatus() : fresh.getStatus();
                status.setConditions(PodStatuses.kubeletConditions(fresh, list, phase, now));
                status.setContainerStatuses(list);
                status.setPhase(phase);
                status.setHostIP(node.internalIp);
                if (memory.podIp != null) {
                    status.setPodIP(memory.podIp);
                    status.setPodIPs(List.of(new PodIP(memory.podIp)));
                }
                if (status.getStartTime() == null) {
                    status.setStartTime(KubeTime.time(now));
                }
                if (status.getQosClass() == null) {
                    status.setQosClass(PodStatuses.qosClass(fresh.getSpec()));
                }
                fresh.setStatus(status);
                return fresh;
            }).orElseThrow(PodGone::new);
        }
    }

    private record Waiting(String reason, String message) {
    }

    private String nextPodIp() {
        int n = nextIp++;
        if ((n & 255) == 0 || (n & 255) == 255) {
            n = nextIp++;
        }
        return "10.85." + (n >> 8) + "." + (n & 255);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
