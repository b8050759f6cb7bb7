package dev.breakfix.web.pages;

import java.util.List;

import dev.breakfix.diagnosis.PodDiagnosis;

/**
 * The learner's namespace as the cluster shows it now: Pods, their events, and the diagnosis of the
 * workload's Pod. {@code started} is false while the lab has no namespace.
 */
public record LivePanel(String scenario, String namespace, boolean started, List<PodRow> pods, PodDiagnosis workload,
        List<String> labelledNodes) {

    /** One line for screen readers: what the workload's Pod is doing. */
    public String summary() {
        if (!started) {
            return "The lab is not started.";
        }
        if (workload == null) {
            return "No Pods in " + namespace + ".";
        }
        return "Pod " + workload.pod() + ": " + workload.kubectlStatus() + ".";
    }
}
