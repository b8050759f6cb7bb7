package dev.breakfix.lab;

/** One lab: a learner working on one scenario, living in its own namespace. */
public record LabKey(LearnerId learner, String scenario) {

    public String namespace() {
        return namespaceOf(learner.name(), scenario);
    }

    public static String namespaceOf(String learnerName, String scenario) {
        return BreakfixLabels.NAMESPACE_PREFIX + learnerName + "-" + scenario;
    }
}
