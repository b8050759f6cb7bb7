package dev.breakfix.preflight;

import dev.breakfix.grading.ImageRef;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.breakfix.catalog.Manifest;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.SolutionStep;
import dev.breakfix.injector.ClusterValues;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The checks that read only the nodes (and the catalog) from the cache: pure functions, unit-tested. */
final class NodeChecks {

    static final String RATE_LIMIT_NOTE = "Docker Hub limits anonymous pulls per address and per few hours; when a "
            + "whole class starts at once, every node pulls every image in the same minute, and a lab that shows "
            + "ErrImagePull because of a rate limit teaches the wrong lesson.";

    private NodeChecks() {
    }

    /** Nodes that take ordinary Pods: not cordoned, no NoSchedule/NoExecute taint. */
    static List<Node> workers(Collection<Node> nodes) {
        return nodes.stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .filter(n -> n.getSpec() == null || n.getSpec().getTaints() == null || n.getSpec().getTaints().stream()
                        .noneMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())))
                .sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName()))
                .toList();
    }

    static String name(Node n) {
        return n.getMetadata().getName();
    }

    /** Normalised names of the images a node's kubelet reports as pulled. */
    static Set<String> imagesOn(Node node) {
        if (node.getStatus() == null || node.getStatus().getImages() == null) {
            return Set.of();
        }
        return node.getStatus().getImages().stream()
                .map(ContainerImage::getNames)
                .filter(names -> names != null)
                .flatMap(List::stream)
                .map(ImageRef::normalize)
                .collect(Collectors.toSet());
    }

    static boolean present(Node node, String image) {
        return imagesOn(node).contains(ImageRef.normalize(image));
    }

    // ---- images ----

    static PreflightCheck images(PreflightCheck check, Collection<Node> nodes, List<NeededImage> needed) {
        return images(check, nodes, needed, (node, image) -> false);
    }

    /**
     * {@code pulledRecently} tells which images a pre-pull has just confirmed on a node: a kubelet adds a new
     * image to its node's {@code status.images} only with its next image-list refresh (up to a minute or so).
     */
    static PreflightCheck images(PreflightCheck check, Collection<Node> nodes, List<NeededImage> needed,
            java.util.function.BiPredicate<String, String> pulledRecently) {
        List<Node> workers = workers(nodes);
        if (workers.isEmpty()) {
            return check.fail("No node takes ordinary Pods (every node is cordoned or tainted NoSchedule).",
                    "Uncordon a node (kubectl uncordon <node>) or add one.");
        }
        Map<String, List<NeededImage>> missing = new LinkedHashMap<>();
        for (Node n : workers) {
            List<NeededImage> lacking = needed.stream()
                    .filter(i -> !present(n, i.image()) && !pulledRecently.test(name(n), ImageRef.normalize(i.image())))
                    .toList();
            if (!lacking.isEmpty()) {
                missing.put(name(n), lacking);
            }
        }
        List<String> floating = needed.stream().map(NeededImage::image).filter(ImageRef::floating).toList();
        String floatingNote = floating.isEmpty() ? ""
                : " Note: " + String.join(", ", floating) + (floating.size() == 1 ? " has" : " have")
                        + " no fixed tag, so kubelets ask the registry again for every new Pod; a mirror with fixed tags "
                        + "(breakfix.images.overrides) avoids that.";
        if (missing.isEmpty()) {
            return check.pass("Every image the labs need (" + needed.size() + ": "
                    + needed.stream().map(NeededImage::image).collect(Collectors.joining(", ")) + ") is on every node ("
                    + workers.stream().map(NodeChecks::name).collect(Collectors.joining(", ")) + ")." + floatingNote);
        }
        StringBuilder d = new StringBuilder();
        missing.forEach((node, images) -> {
            d.append("Node ").append(node).append(" lacks ");
            d.append(images.stream().map(i -> i.image() + " (for " + i.usedByText() + ")").collect(Collectors.joining(", ")));
            d.append(". ");
        });
        d.append(RATE_LIMIT_NOTE).append(floatingNote);
        return check.fail(d.toString().strip(), "Pre-pull them now: POST /api/class/preflight/prepull runs one short Pod "
                + "per node and image, so each node pulls each image once before the class. Behind a mirror, set "
                + "breakfix.images.overrides.\"<image>\"=<mirror>/<image>.");
    }

    // ---- node sizes ----

    /** CPU and memory a Pod asks for: the sum of its containers' requests. */
    record Requests(BigDecimal cpu, BigDecimal memory) {
        static Requests of(PodSpec spec) {
            BigDecimal cpu = BigDecimal.ZERO;
            BigDecimal memory = BigDecimal.ZERO;
            for (Container c : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
                Map<String, Quantity> r = c.getResources() == null ? null : c.getResources().getRequests();
                if (r != null && r.get("cpu") != null) {
                    cpu = cpu.add(r.get("cpu").getNumericalAmount());
                }
                if (r != null && r.get("memory") != null) {
                    memory = memory.add(r.get("memory").getNumericalAmount());
                }
            }
            return new Requests(cpu, memory);
        }

        boolean any() {
            return cpu.signum() > 0 || memory.signum() > 0;
        }

        boolean fitsOn(Node node) {
            Map<String, Quantity> a = node.getStatus() == null ? null : node.getStatus().getAllocatable();
            if (a == null) {
                return false;
            }
            BigDecimal nodeCpu = a.get("cpu") == null ? BigDecimal.ZERO : a.get("cpu").getNumericalAmount();
            BigDecimal nodeMemory = a.get("memory") == null ? BigDecimal.ZERO : a.get("memory").getNumericalAmount();
            return cpu.compareTo(nodeCpu) <= 0 && memory.compareTo(nodeMemory) <= 0;
        }

        String text() {
            return cpu.stripTrailingZeros().toPlainString() + " CPU";
        }
    }

    static PreflightCheck nodeSizes(PreflightCheck check, List<Scenario> scenarios, Collection<Node> nodes,
            Collection<Namespace> labNamespaces) {
        List<Node> workers = workers(nodes);
        List<String> problems = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (Scenario s : scenarios) {
            Map<String, String> values = ClusterValues.forLab(new LabKey(LearnerId.of("preflight-sizing"), s.id()), nodes);
            if (meantToLackResources(s)) {
                for (Manifest m : s.broken()) {
                    for (PodSpec spec : NeededImage.podSpecs(ManifestTemplate.render(m, values))) {
                        Requests r = Requests.of(spec);
                        List<String> fits = workers.stream().filter(r::fitsOn).map(NodeChecks::name).toList();
                        if (fits.isEmpty()) {
                            fine.add(s.id() + " asks for " + r.text() + ", more than any node offers (largest: "
                                    + largestCpu(nodes) + " CPU): it stays Pending as intended");
                        } else {
                            problems.add(s.id() + " asks for " + r.text() + ", which fits on " + String.join(", ", fits)
                                    + ": it would be scheduled and the lab would not be broken");
                        }
                    }
                }
                problems.addAll(staleLabs(s, workers, labNamespaces));
            }
            for (SolutionStep step : s.solution()) {
                Manifest m = step instanceof SolutionStep.Recreate r ? r.manifest()
                        : step instanceof SolutionStep.Apply a ? a.manifest() : null;
                if (m == null) {
                    continue;
                }
                for (PodSpec spec : NeededImage.podSpecs(ManifestTemplate.render(m, values))) {
                    Requests r = Requests.of(spec);
                    if (!r.any()) {
                        continue;
                    }
                    if (workers.stream().anyMatch(r::fitsOn)) {
                        fine.add(s.id() + "'s fix (" + m.file() + ") asks for " + r.text() + " and fits");
                    } else {
                        problems.add(s.id() + "'s fix (" + m.file() + ") asks for " + r.text()
                                + ", which fits on no node: the chapter's solution could not pass");
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            return check.pass(fine.isEmpty() ? "No scenario depends on node sizes." : String.join("; ", fine) + ".");
        }
        return check.fail(String.join("; ", problems) + ".",
                "A scenario that must not fit is sized from the largest node when a lab starts: delete and start again "
                        + "the labs named here (a reset keeps the old size). A scenario whose requests are fixed in its "
                        + "manifest needs nodes smaller than its request, and its fix needs a node at least as large as "
                        + "the fixed request.");
    }

    /** A scenario whose broken state is the scheduler's "Insufficient ..." (sleep-multiple). */
    static boolean meantToLackResources(Scenario s) {
        return s.expect().evidence().map(e -> e.toLowerCase(Locale.ROOT).contains("insufficient")).orElse(false);
    }

    /** Labs injected with values computed for smaller nodes than the cluster has now. */
    private static List<String> staleLabs(Scenario s, List<Node> workers, Collection<Namespace> labNamespaces) {
        List<String> stale = new ArrayList<>();
        for (Namespace ns : labNamespaces) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            Map<String, String> annotations = ns.getMetadata().getAnnotations();
            if (labels == null || annotations == null || !s.id().equals(labels.get(BreakfixLabels.SCENARIO))
                    || annotations.get(BreakfixLabels.VALUES) == null) {
                continue;
            }
            Map<String, String> values;
            try {
                @SuppressWarnings("unchecked")
                Map<String, String> stored = Serialization.unmarshal(annotations.get(BreakfixLabels.VALUES), Map.class);
                values = stored;
            } catch (RuntimeException e) {
                continue;
            }
            for (Manifest m : s.broken()) {
                List<PodSpec> specs;
                try {
                    specs = NeededImage.podSpecs(ManifestTemplate.render(m, values));
                } catch (RuntimeException e) {
                    continue;
                }
                for (PodSpec spec : specs) {
                    Requests r = Requests.of(spec);
                    List<String> fits = workers.stream().filter(r::fitsOn).map(NodeChecks::name).toList();
                    if (!fits.isEmpty()) {
                        stale.add("lab " + ns.getMetadata().getName() + " was sized for smaller nodes (" + r.text()
                                + ") and now fits on " + String.join(", ", fits));
                    }
                }
            }
        }
        return stale;
    }

    private static String largestCpu(Collection<Node> nodes) {
        return nodes.stream()
                .map(n -> n.getStatus() == null || n.getStatus().getAllocatable() == null ? null
                        : n.getStatus().getAllocatable().get("cpu"))
                .filter(q -> q != null)
                .map(Quantity::getNumericalAmount)
                .max(BigDecimal::compareTo)
                .map(b -> b.stripTrailingZeros().toPlainString())
                .orElse("0");
    }

    // ---- node labels ----

    static PreflightCheck nodeLabels(PreflightCheck check, Collection<Node> nodes) {
        List<String> found = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (Node n : nodes.stream().sorted(java.util.Comparator.comparing(NodeChecks::name)).toList()) {
            Map<String, String> labels = n.getMetadata().getLabels();
            if (labels == null) {
                continue;
            }
            List<String> keys = labels.keySet().stream().sorted()
                    .filter(k -> k.startsWith(BreakfixLabels.NODE_LABEL_PREFIX)
                            || k.equals("purpose") && "special".equals(labels.get(k)))
                    .toList();
            if (!keys.isEmpty()) {
                found.add("node " + name(n) + " carries " + keys.stream().map(k -> k + "=" + labels.get(k))
                        .collect(Collectors.joining(", ")));
                commands.add("kubectl label node " + name(n) + " " + keys.stream().map(k -> k + "-")
                        .collect(Collectors.joining(" ")));
            }
        }
        if (found.isEmpty()) {
            return check.pass("No node carries a learner's label (" + BreakfixLabels.NODE_LABEL_PREFIX
                    + "<learner>) or purpose=special: every nginx-selector lab starts Pending.");
        }
        return check.fail(String.join("; ", found) + ". A learner whose label is already on a node finds the "
                + "nginx-selector lab fixed before starting it; purpose=special makes the chapter's own manifest run.",
                "Remove the labels: " + String.join("; ", commands) + " (or end the previous class).");
    }
}
