package dev.breakfix.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workload a learner must fix: a Pod, or a Deployment whose Pod is judged. {@code containers}
 * maps each container name, in order, to the image the chapter intends (as the manifest names it,
 * before mirror overrides); {@code injected} the image each container has in the broken manifests (where a
 * wrong image is the lab's fault, that image is not a learner's replacement of the program).
 */
public record Workload(Kind kind, String name, LinkedHashMap<String, String> containers, Map<String, String> injected) {

    /** A workload whose broken manifests' images are not known (every image but the intended one is foreign). */
    public Workload(Kind kind, String name, LinkedHashMap<String, String> containers) {
        this(kind, name, containers, Map.of());
    }

    /** The same workload, knowing the image each container is given by the lab's broken manifests. */
    public Workload withInjected(Map<String, String> images) {
        return new Workload(kind, name, containers, Map.copyOf(images));
    }

    public enum Kind {
        Pod,
        Deployment
    }
}
