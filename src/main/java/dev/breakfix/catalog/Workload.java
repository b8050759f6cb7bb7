package dev.breakfix.catalog;

import java.util.LinkedHashMap;

/**
 * The workload a learner must fix: a Pod, or a Deployment whose Pod is judged. {@code containers}
 * maps each container name, in order, to the image the chapter intends (as the manifest names it,
 * before mirror overrides).
 */
public record Workload(Kind kind, String name, LinkedHashMap<String, String> containers) {

    public enum Kind {
        Pod,
        Deployment
    }
}
