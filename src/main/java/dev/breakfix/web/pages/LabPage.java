package dev.breakfix.web.pages;

import java.util.List;

import dev.breakfix.catalog.Scenario;

/** Everything the lab page shows. {@code labHtml} is the rendered AsciiDoc, the page's only raw HTML. */
public record LabPage(Frame frame, LabCard card, int total, String labHtml, HintsView hints, SolutionView solution,
        LivePanel live, Tools tools, Scenario previous, Scenario next) {

    /** What the learner may act on: the workload, its containers, the cluster's nodes. */
    public record Tools(String workloadKind, String workloadName, List<String> containers, boolean nodeLabels,
            String nodeLabel, List<Node> nodes) {
    }

    /** A node, and whether it carries the learner's own label. */
    public record Node(String name, boolean labelled) {
    }
}
