package dev.breakfix.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.SolutionStep;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * An image a class needs on every node: the image to pull (after {@code breakfix.images.overrides}) and who
 * uses it. A scenario needs the images its workload is meant to run and the images of its solution; the
 * deliberately wrong image of a broken manifest (nginx-typo's {@code nginz}) is not needed and never pulled.
 */
record NeededImage(String image, Set<String> usedBy) {

    static final String TERMINAL = "terminal";

    static List<NeededImage> of(List<Scenario> scenarios, Map<String, String> overrides, String toolboxImage) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            for (String image : images(s)) {
                users.computeIfAbsent(overrides.getOrDefault(image, image), k -> new LinkedHashSet<>()).add(s.id());
            }
        }
        if (toolboxImage != null && !toolboxImage.isBlank()) {
            users.computeIfAbsent(toolboxImage, k -> new LinkedHashSet<>()).add(TERMINAL);
        }
        List<NeededImage> out = new ArrayList<>();
        users.forEach((image, by) -> out.add(new NeededImage(image, Set.copyOf(by))));
        return out;
    }

    /** The images as the scenario's files name them (before overrides). */
    static Set<String> images(Scenario s) {
        Set<String> images = new LinkedHashSet<>(s.workload().containers().values());
        for (SolutionStep step : s.solution()) {
            if (step instanceof SolutionStep.Recreate r) {
                podSpecs(ManifestTemplate.render(r.manifest(), ManifestTemplate.SAMPLE_VALUES))
                        .forEach(spec -> images.addAll(imagesOf(spec)));
            } else if (step instanceof SolutionStep.Apply a) {
                podSpecs(ManifestTemplate.render(a.manifest(), ManifestTemplate.SAMPLE_VALUES))
                        .forEach(spec -> images.addAll(imagesOf(spec)));
            } else if (step instanceof SolutionStep.SetImage set) {
                images.add(set.image());
            }
        }
        return images;
    }

    static List<PodSpec> podSpecs(List<HasMetadata> objects) {
        List<PodSpec> specs = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Pod p && p.getSpec() != null) {
                specs.add(p.getSpec());
            } else if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null
                    && d.getSpec().getTemplate().getSpec() != null) {
                specs.add(d.getSpec().getTemplate().getSpec());
            }
        }
        return specs;
    }

    private static List<String> imagesOf(PodSpec spec) {
        List<String> images = new ArrayList<>();
        for (List<Container> list : List.of(nonNull(spec.getInitContainers()), nonNull(spec.getContainers()))) {
            list.stream().map(Container::getImage).filter(i -> i != null && !i.isBlank()).forEach(images::add);
        }
        return images;
    }

    private static List<Container> nonNull(List<Container> l) {
        return l == null ? List.of() : l;
    }

    String usedByText() {
        return String.join(", ", usedBy.stream().sorted().toList());
    }
}
