package dev.breakfix.web.pages;

/** A learner's lab at a glance. */
public enum LabStatus {
    /** No namespace yet. */
    NOT_STARTED("Not started", "idle"),
    /** Started, not passed yet. */
    BROKEN("Broken", "broken"),
    /** Passed at least once. */
    FIXED("Fixed", "fixed");

    private final String label;
    private final String css;

    LabStatus(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public String label() {
        return label;
    }

    public String css() {
        return css;
    }
}
