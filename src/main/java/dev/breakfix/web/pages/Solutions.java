package dev.breakfix.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.breakfix.catalog.Manifest;
import dev.breakfix.catalog.ManifestTemplate;
import dev.breakfix.catalog.Scenario;
import dev.breakfix.catalog.SolutionStep;
import dev.breakfix.catalog.Workload;
import dev.breakfix.web.i18n.Msg;

/** A scenario's solution steps written out as the chapter's commands and manifests, with the lab's values. */
final class Solutions {

    private Solutions() {
    }

    static SolutionView of(Scenario scenario, String namespace, Map<String, String> values, Msg msg) {
        Workload w = scenario.workload();
        String kind = w.kind() == Workload.Kind.Pod ? "pod" : "deployment";
        List<SolutionView.Step> steps = new ArrayList<>();
        for (SolutionStep step : scenario.solution()) {
            if (step instanceof SolutionStep.SetImage s) {
                steps.add(new SolutionView.Step(msg.stepSetImage(),
                        "kubectl -n " + namespace + " set image " + kind + " " + w.name() + " " + s.container() + "=" + s.image(),
                        null, null, msg.stepSetImageNote()));
            } else if (step instanceof SolutionStep.LabelNode) {
                steps.add(new SolutionView.Step(msg.stepLabelNode(),
                        "kubectl label node <node> " + values.get(ManifestTemplate.NODE_LABEL_KEY) + "="
                                + values.get(ManifestTemplate.NODE_LABEL_VALUE),
                        null, null, msg.stepLabelNodeNote()));
            } else if (step instanceof SolutionStep.Recreate r) {
                steps.add(new SolutionView.Step(msg.stepRecreate(),
                        "kubectl -n " + namespace + " delete " + kind + " " + w.name() + "\n"
                                + "kubectl -n " + namespace + " apply -f " + r.manifest().file(),
                        r.manifest().file(), filled(r.manifest(), values),
                        msg.stepRecreateNote()));
            } else if (step instanceof SolutionStep.Apply a) {
                steps.add(new SolutionView.Step(msg.stepApply(),
                        "kubectl -n " + namespace + " apply -f " + a.manifest().file(),
                        a.manifest().file(), filled(a.manifest(), values), null));
            }
        }
        return new SolutionView(List.copyOf(steps));
    }

    private static String filled(Manifest manifest, Map<String, String> values) {
        try {
            return ManifestTemplate.fill(manifest.template(), values).strip();
        } catch (IllegalArgumentException e) {
            return manifest.template().strip();
        }
    }
}
