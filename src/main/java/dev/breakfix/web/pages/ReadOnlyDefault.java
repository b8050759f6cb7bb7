package dev.breakfix.web.pages;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;

/**
 * The lab page ({@code LabPages/lab.html}) and its fragments serve learners and, read-only, instructors
 * ({@code dev.breakfix.instructor}): they test {@code data:readOnly??}. Strict rendering refuses a {@code data:}
 * key that is absent even with {@code ??}, so every instance of those templates starts with {@code readOnly}
 * unset (null); the instructor's view replaces it.
 */
@Singleton
public class ReadOnlyDefault implements TemplateInstance.Initializer {

    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        io.quarkus.qute.Template template = instance.getTemplate();
        String id = template.isFragment() ? ((io.quarkus.qute.Template.Fragment) template).getOriginalTemplate().getId()
                : template.getId();
        if (id != null && id.startsWith("LabPages/")) {
            instance.data("readOnly", null);
        }
    }
}
