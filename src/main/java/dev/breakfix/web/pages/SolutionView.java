package dev.breakfix.web.pages;

import java.util.List;

/** The chapter's solution as the learner would type it: commands, and the manifests they apply. */
public record SolutionView(List<Step> steps) {

    /** One step: what it does, the commands, and the manifest it applies (null when none). */
    public record Step(String title, String commands, String file, String manifest, String note) {
    }
}
