package dev.breakfix.catalog;

/** One step of the chapter's solution, as the instructor's "solve" and the self-test apply it. */
public sealed interface SolutionStep {

    /** Delete the object the manifest names, then create it anew (Pods: most of the spec is immutable). */
    record Recreate(Manifest manifest) implements SolutionStep {
    }

    /** Replace the live object with the manifest (a Deployment rolls its Pods). */
    record Apply(Manifest manifest) implements SolutionStep {
    }

    /** {@code kubectl set image pod <workload> <container>=<image>}. */
    record SetImage(String container, String image) implements SolutionStep {
    }

    /** Label a node with the learner's own node label. */
    record LabelNode() implements SolutionStep {
    }
}
