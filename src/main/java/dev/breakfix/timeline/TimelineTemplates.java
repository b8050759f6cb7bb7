package dev.breakfix.timeline;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The timeline chart's markup ({@code templates/LabTimeline/}), for the lab page and its live updates. */
public final class TimelineTemplates {

    private TimelineTemplates() {
    }

    @CheckedTemplate(basePath = "LabTimeline")
    public static class Templates {
        /** The chart, or a line saying there is nothing to draw yet; {@code chart} may be null. */
        public static native TemplateInstance chart(TimelineChart chart);
    }
}
