package dev.breakfix.lab;

/** Label and annotation keys Breakfix puts on the objects it owns, defined once. */
public final class BreakfixLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "breakfix";
    /** Selects every object (namespace) Breakfix manages. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

    public static final String LEARNER = "breakfix.dev/learner";
    public static final String SCENARIO = "breakfix.dev/scenario";

    /** The learner id as the learner typed it (labels cannot hold every string). */
    public static final String LEARNER_ID = "breakfix.dev/learner-id";
    public static final String STARTED_AT = "breakfix.dev/started-at";
    public static final String ATTEMPTS = "breakfix.dev/attempts";
    public static final String PASSED_AT = "breakfix.dev/passed-at";
    public static final String LAST_GRADE = "breakfix.dev/last-grade";
    /** How many of the scenario's hints the learner has revealed. */
    public static final String HINTS_USED = "breakfix.dev/hints-used";
    /** When the learner last used the lab (pages, tools); read by the idle clean-up. */
    public static final String LAST_ACTIVITY = "breakfix.dev/last-activity";
    /** JSON of the cluster-dependent values the lab was injected with. */
    public static final String VALUES = "breakfix.dev/values";

    /** Prefix of the per-learner node label key used by nginx-selector. */
    public static final String NODE_LABEL_PREFIX = "breakfix.dev/purpose-";

    public static final String NAMESPACE_PREFIX = "bf-";

    private BreakfixLabels() {
    }
}
