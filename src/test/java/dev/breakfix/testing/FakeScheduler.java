package dev.breakfix.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays kube-scheduler v1.20 for Pods without {@code spec.nodeName}: the filters that matter for the
 * labs (unschedulable nodes, taints, node selector and required node affinity, cpu/memory/pod count),
 * with the scheduler's wording, then binds the Pod or marks it Unschedulable. An unschedulable Pod is
 * tried again only when the nodes change or a node's requests shrink, as the real scheduler moves it
 * back to its active queue on such events.
 */
final class FakeScheduler {

    static final String NAME = "default-scheduler";
    private static final String AFFINITY = "node(s) didn't match Pod's node affinity";

    private final KubernetesClient client;
    private final Clock clock;
    private final EventRecorder events;
    private final PodWriter writer;
    private final String instance;
    /** Pod uid -> the cluster as it was when the Pod last failed to fit. */
    private final Map<String, Snapshot> failedAt = new HashMap<>();
    /**
     * The scheduler's cache: read from the API server again only after something it cannot know
     * changed it (a node, a Pod bound or freed by someone else, a resync); its own bindings are added
     * to it directly, as kube-scheduler "assumes" the Pods it binds.
     */
    private Snapshot cache;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    /** uid -> node of the live bound Pods in the cache; read by informer threads */
    private final Map<String, String> boundTo = new ConcurrentHashMap<>();

    FakeScheduler(KubernetesClient client, Clock clock, EventRecorder events, String controlPlaneHost) {
        this.client = client;
        this.clock = clock;
        this.events = events;
        this.writer = new PodWriter(client);
        this.instance = NAME + "-" + controlPlaneHost;
    }

    /** What the scheduler sees: the nodes and what is already requested on each. */
    private record Snapshot(List<Node> nodes, String nodesKey, Map<String, Usage> usage) {

        /** Whether a Pod that failed in {@code earlier} could fit now. */
        boolean mayHelp(Snapshot earlier) {
            if (!nodesKey.equals(earlier.nodesKey)) {
                return true;
            }
            return earlier.usage.entrySet().stream()
                    .anyMatch(e -> usage.getOrDefault(e.getKey(), Usage.NONE).lessThan(e.getValue()));
        }

        Snapshot plus(String node, Pod pod) {
            Map<String, Usage> more = new TreeMap<>(usage);
            more.put(node, more.getOrDefault(node, Usage.NONE).plus(pod));
            return new Snapshot(nodes, nodesKey, more);
        }
    }

    /** Requests on a node: as the filters count them, and as the scoring counts them (never zero). */
    private record Usage(BigDecimal cpu, BigDecimal memory, int pods, BigDecimal scoredCpu, BigDecimal scoredMemory) {
        static final Usage NONE = new Usage(BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        private static final BigDecimal DEFAULT_CPU = new BigDecimal("0.1");
        private static final BigDecimal DEFAULT_MEMORY = BigDecimal.valueOf(200L * 1024 * 1024);

        Usage plus(Pod pod) {
            BigDecimal scoredCpu = BigDecimal.ZERO;
            BigDecimal scoredMemory = BigDecimal.ZERO;
            for (var c : pod.getSpec().getContainers()) {
                PodSpec one = new PodSpecBuilder().withContainers(c).build();
                BigDecimal cpuRequest = PodStatuses.request(one, "cpu");
                BigDecimal memoryRequest = PodStatuses.request(one, "memory");
                scoredCpu = scoredCpu.add(cpuRequest.signum() == 0 ? DEFAULT_CPU : cpuRequest);
                scoredMemory = scoredMemory.add(memoryRequest.signum() == 0 ? DEFAULT_MEMORY : memoryRequest);
            }
            return new Usage(cpu.add(PodStatuses.request(pod.getSpec(), "cpu")),
                    memory.add(PodStatuses.request(pod.getSpec(), "memory")), pods + 1,
                    this.scoredCpu.add(scoredCpu), this.scoredMemory.add(scoredMemory));
        }

        boolean lessThan(Usage other) {
            return cpu.compareTo(other.cpu) < 0 || memory.compareTo(other.memory) < 0 || pods < other.pods;
        }
    }

    static boolean isMine(Pod pod) {
        String scheduler = pod.getSpec().getSchedulerName();
        return pod.getSpec().getNodeName() == null && (scheduler == null || scheduler.equals(NAME))
                && pod.getMetadata().getDeletionTimestamp() == null && !PodStatuses.isTerminal(pod);
    }

    /** The next attempt reads nodes and Pods from the API server again. */
    void invalidate() {
        stale.set(true);
    }

    /** From an informer thread: a Pod changed; does the scheduler's cache miss it? */
    void observed(Pod pod, boolean deleted) {
        String node = pod.getSpec().getNodeName();
        String cached = boundTo.get(pod.getMetadata().getUid());
        boolean relevant = deleted ? cached != null || node != null
                : node != null && (PodStatuses.isTerminal(pod) ? cached != null : !node.equals(cached));
        if (relevant) {
            stale.set(true);
        }
    }

    /** Tries to place the Pod; returns the node it was bound to, or null. */
    String schedule(Pod pod) {
        if (!isMine(pod)) {
            return null;
        }
        Snapshot now = snapshot();
        List<Node> nodes = now.nodes;
        Snapshot earlier = failedAt.get(pod.getMetadata().getUid());
        if (earlier != null && !now.mayHelp(earlier) && isMarkedUnschedulable(pod)) {
            return null;
        }
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        List<Node> feasible = new ArrayList<>();
        for (Node node : nodes) {
            List<String> why = filter(pod, node, now.usage.getOrDefault(node.getMetadata().getName(), Usage.NONE));
            if (why.isEmpty()) {
                feasible.add(node);
            } else {
                reasons.put(node.getMetadata().getName(), why);
            }
        }
        if (feasible.isEmpty()) {
            failedAt.put(pod.getMetadata().getUid(), now);
            unschedulable(pod, message(nodes.size(), reasons));
            return null;
        }
        failedAt.remove(pod.getMetadata().getUid());
        String chosen = feasible.stream()
                .min(Comparator.comparing((Node n) -> allocatedShare(n, now.usage.getOrDefault(n.getMetadata().getName(),
                        Usage.NONE))).thenComparing(n -> n.getMetadata().getName()))
                .orElseThrow().getMetadata().getName();
        boundTo.put(pod.getMetadata().getUid(), chosen); // assumed before the informer can report it
        if (!bind(pod, chosen)) {
            boundTo.remove(pod.getMetadata().getUid());
            stale.set(true);
            return null;
        }
        cache = cache.plus(chosen, pod);
        return chosen;
    }

    void forget(String podUid) {
        failedAt.remove(podUid);
    }

    private Snapshot snapshot() {
        if (!stale.getAndSet(false) && cache != null) {
            return cache;
        }
        List<Node> nodes = client.nodes().list().getItems().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .toList();
        Map<String, Usage> usage = new TreeMap<>();
        Map<String, String> bound = new HashMap<>();
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
            String node = p.getSpec().getNodeName();
            if (node != null && !PodStatuses.isTerminal(p)) {
                usage.put(node, usage.getOrDefault(node, Usage.NONE).plus(p));
                bound.put(p.getMetadata().getUid(), node);
            }
        }
        boundTo.keySet().retainAll(bound.keySet());
        boundTo.putAll(bound);
        String nodesKey = nodes.stream()
                .map(n -> n.getMetadata().getName() + new TreeMap<>(Objects.requireNonNullElse(n.getMetadata().getLabels(),
                        Map.of())) + unschedulable(n) + taints(n) + new TreeMap<>(allocatable(n)))
                .collect(Collectors.joining("|"));
        cache = new Snapshot(nodes, nodesKey, usage);
        return cache;
    }

    /** The filter plugins in v1.20's order; the first that fails gives the node's reasons. */
    private static List<String> filter(Pod pod, Node node, Usage used) {
        List<Toleration> tolerations = pod.getSpec().getTolerations();
        if (unschedulable(node) && tolerations.stream()
                .noneMatch(t -> tolerates(t, "node.kubernetes.io/unschedulable", null, "NoSchedule"))) {
            return List.of("node(s) were unschedulable");
        }
        for (Taint taint : taints(node)) {
            if (!"PreferNoSchedule".equals(taint.getEffect()) && tolerations.stream()
                    .noneMatch(t -> tolerates(t, taint.getKey(), taint.getValue(), taint.getEffect()))) {
                return List.of("node(s) had taint {" + taint.getKey() + ": " + Objects.toString(taint.getValue(), "")
                        + "}, that the pod didn't tolerate");
            }
        }
        if (!matchesAffinity(pod, node)) {
            return List.of(AFFINITY);
        }
        Map<String, Quantity> allocatable = allocatable(node);
        List<String> insufficient = new ArrayList<>();
        BigDecimal maxPods = allocatable.containsKey("pods") ? PodStatuses.amount(allocatable.get("pods"))
                : BigDecimal.valueOf(110);
        if (BigDecimal.valueOf(used.pods + 1L).compareTo(maxPods) > 0) {
            insufficient.add("Too many pods");
        }
        BigDecimal cpu = PodStatuses.request(pod.getSpec(), "cpu");
        if (cpu.signum() > 0 && used.cpu.add(cpu).compareTo(PodStatuses.amount(allocatable.get("cpu"))) > 0) {
            insufficient.add("Insufficient cpu");
        }
        BigDecimal memory = PodStatuses.request(pod.getSpec(), "memory");
        if (memory.signum() > 0 && used.memory.add(memory).compareTo(PodStatuses.amount(allocatable.get("memory"))) > 0) {
            insufficient.add("Insufficient memory");
        }
        return insufficient;
    }

    private static boolean tolerates(Toleration t, String key, String value, String effect) {
        boolean keyMatches = t.getKey() == null || t.getKey().isEmpty() ? "Exists".equals(t.getOperator())
                : t.getKey().equals(key);
        boolean valueMatches = "Exists".equals(t.getOperator()) || Objects.equals(Objects.toString(t.getValue(), ""),
                Objects.toString(value, ""));
        boolean effectMatches = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(effect);
        return keyMatches && valueMatches && effectMatches;
    }

    private static boolean matchesAffinity(Pod pod, Node node) {
        Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
        Map<String, String> selector = Objects.requireNonNullElse(pod.getSpec().getNodeSelector(), Map.of());
        if (!selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        return terms.stream().anyMatch(term -> term.getMatchExpressions().stream().allMatch(r -> matches(r, labels))
                && term.getMatchFields().stream().allMatch(r -> matches(r, Map.of("metadata.name",
                        node.getMetadata().getName()))));
    }

    private static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        return switch (r.getOperator()) {
            case "In" -> value != null && r.getValues().contains(value);
            case "NotIn" -> value == null || !r.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && Long.parseLong(value) > Long.parseLong(r.getValues().get(0));
            case "Lt" -> value != null && Long.parseLong(value) < Long.parseLong(r.getValues().get(0));
            default -> false;
        };
    }

    /** v1.20's FitError text: {@code 0/1 nodes are available: 1 Insufficient cpu.} */
    static String message(int nodeCount, Map<String, List<String>> reasons) {
        if (nodeCount == 0) {
            return "no nodes available to schedule pods";
        }
        Map<String, Integer> histogram = new HashMap<>();
        reasons.values().forEach(list -> list.forEach(r -> histogram.merge(r, 1, Integer::sum)));
        TreeSet<String> sorted = new TreeSet<>();
        histogram.forEach((reason, count) -> sorted.add(count + " " + reason));
        return "0/" + nodeCount + " nodes are available: " + String.join(", ", sorted) + ".";
    }

    private static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    private static List<Taint> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    private static Map<String, Quantity> allocatable(Node node) {
        return node.getStatus() == null || node.getStatus().getAllocatable() == null ? Map.of()
                : node.getStatus().getAllocatable();
    }

    /**
     * NodeResourcesLeastAllocated's view: the share of the node's CPU and memory requested, counting
     * 100m and 200Mi for a container without requests (so BestEffort Pods spread over the nodes too).
     */
    private static BigDecimal allocatedShare(Node node, Usage used) {
        BigDecimal cpu = PodStatuses.amount(allocatable(node).get("cpu"));
        BigDecimal memory = PodStatuses.amount(allocatable(node).get("memory"));
        BigDecimal cpuShare = cpu.signum() == 0 ? BigDecimal.ONE : used.scoredCpu.divide(cpu, 6, RoundingMode.HALF_UP);
        BigDecimal memoryShare = memory.signum() == 0 ? BigDecimal.ONE
                : used.scoredMemory.divide(memory, 6, RoundingMode.HALF_UP);
        return cpuShare.add(memoryShare);
    }

    private boolean isMarkedUnschedulable(Pod pod) {
        return PodStatuses.condition(pod, "PodScheduled")
                .map(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                .orElse(false);
    }

    private void unschedulable(Pod pod, String message) {
        Instant now = clock.instant();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<PodCondition> old = status.getConditions();
        PodCondition scheduled = PodStatuses.condition(old, "PodScheduled", "False", "Unschedulable", message, now);
        boolean same = "Pending".equals(status.getPhase()) && status.getQosClass() != null
                && old.size() == 1 && scheduled.equals(old.get(0));
        if (!same && writer.update(pod, FakeScheduler::isMine, fresh -> {
            PodStatus s = fresh.getStatus() == null ? new PodStatus() : fresh.getStatus();
            s.setPhase("Pending");
            s.setQosClass(PodStatuses.qosClass(fresh.getSpec()));
            s.setConditions(List.of(PodStatuses.condition(s.getConditions(), "PodScheduled", "False", "Unschedulable",
                    message, now)));
            fresh.setStatus(s);
            return fresh;
        }).isEmpty()) {
            return;
        }
        // the event names the Pod as the scheduler saw it (the resourceVersion before its own write)
        events.recordSeries(pod, "Warning", "FailedScheduling", "Scheduling", message, NAME, instance);
    }

    /** The binding subresource's effect: nodeName and PodScheduled=True in one write. */
    private boolean bind(Pod pod, String node) {
        Instant now = clock.instant();
        boolean bound = writer.update(pod, FakeScheduler::isMine, fresh -> {
            fresh.getSpec().setNodeName(node);
            PodStatus status = new PodStatus();
            status.setPhase("Pending");
            status.setQosClass(PodStatuses.qosClass(fresh.getSpec()));
            status.setConditions(List.of(PodStatuses.condition(List.of(), "PodScheduled", "True", null, null, now)));
            fresh.setStatus(status);
            return fresh;
        }).isPresent();
        if (bound) {
            events.recordSeries(pod, "Normal", "Scheduled", "Binding", "Successfully assigned "
                    + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + node, NAME, instance);
        }
        return bound;
    }
}
