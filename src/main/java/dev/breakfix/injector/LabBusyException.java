package dev.breakfix.injector;

import java.util.Locale;

import dev.breakfix.diagnosis.Msg;
import dev.breakfix.lab.LabKey;

/** The lab is in a state that does not allow the action right now; reported as 409. */
public class LabBusyException extends RuntimeException {

    /** The message before it is put into words; null when it exists in English only. */
    private final transient Msg text;

    public LabBusyException(LabKey lab, String why) {
        super("the lab " + lab.scenario() + " of '" + lab.learner().id() + "' " + why);
        this.text = null;
    }

    /** {@code why} is a text of the {@code i18n/diagnosis} bundles, put into the learner's language on their pages. */
    public LabBusyException(LabKey lab, Msg why) {
        this(Msg.of("act.busy", lab.scenario(), lab.learner().id(), why));
    }

    private LabBusyException(Msg text) {
        super(text.english());
        this.text = text;
    }

    /** The message in {@code locale} (English when it has no other words). */
    public String message(Locale locale) {
        return text == null ? getMessage() : text.render(locale);
    }
}
